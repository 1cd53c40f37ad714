-- Hive DDL: the table reads what is at its LOCATION; later statements see its columns.
CREATE EXTERNAL TABLE IF NOT EXISTS `raw`.`web_events` (
  `event_id` string COMMENT 'id',
  `user_id` bigint,
  `payload` struct<page:string,ms:int>
)
PARTITIONED BY (`dt` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' WITH SERDEPROPERTIES ('ignore.malformed.json' = 'true')
STORED AS TEXTFILE
LOCATION 's3://lake-raw/web_events/'
TBLPROPERTIES ('has_encrypted_data' = 'false');
SELECT * FROM raw.web_events;
MSCK REPAIR TABLE raw.web_events;
ALTER TABLE raw.web_events ADD IF NOT EXISTS PARTITION (dt = '2025-01-15') LOCATION 's3://lake-raw/web_events/dt=2025-01-15/'
