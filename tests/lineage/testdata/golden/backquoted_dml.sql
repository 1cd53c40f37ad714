-- default-schema: hv
-- Backquoted names (Hive) in DML under the default dialect (athena): the lineage is read, and
-- the first backquoted name of each DML statement is named in a warning. Hive DDL, which Athena
-- runs, quotes names with backquotes without a warning.
CREATE EXTERNAL TABLE `hv`.`clicks` (`user_id` bigint, `url` string) LOCATION 's3://bucket/clicks/';
INSERT INTO `hv`.`daily` SELECT `c`.`user_id`, count(`url`) AS `n` FROM `hv`.`clicks` `c` GROUP BY `c`.`user_id`;
SELECT d.user_id FROM hv.daily d WHERE d.`n` > 10;
CREATE VIEW hv.top AS SELECT `user_id` FROM hv.daily WHERE n > 100;
