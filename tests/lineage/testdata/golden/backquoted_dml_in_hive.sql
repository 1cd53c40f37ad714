-- default-schema: hv
-- dialect: hive
-- Backquoted names under --dialect hive: the same lineage as backquoted_dml.sql, no warnings.
CREATE EXTERNAL TABLE `hv`.`clicks` (`user_id` bigint, `url` string) LOCATION 's3://bucket/clicks/';
INSERT INTO `hv`.`daily` SELECT `c`.`user_id`, count(`url`) AS `n` FROM `hv`.`clicks` `c` GROUP BY `c`.`user_id`;
SELECT d.user_id FROM hv.daily d WHERE d.`n` > 10;
CREATE VIEW hv.top AS SELECT `user_id` FROM hv.daily WHERE n > 100;
