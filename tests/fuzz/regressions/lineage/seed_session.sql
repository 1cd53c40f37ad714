CREATE EXTERNAL TABLE db.e (a string, b int) LOCATION 's3://b/p/';
INSERT INTO db.f SELECT a || 'x', CASE WHEN b IN (1, 2) THEN 1 ELSE 0 END FROM db.e;
DROP TABLE db.e