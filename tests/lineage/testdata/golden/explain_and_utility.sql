-- Nothing runs: no lineage.
EXPLAIN SELECT * FROM raw.orders;
EXPLAIN ANALYZE INSERT INTO mart.daily_sales SELECT * FROM mart.daily_sales;
SHOW TABLES IN raw;
DESCRIBE raw.orders;
SHOW COLUMNS FROM raw.orders;
USE raw
