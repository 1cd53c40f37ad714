-- UNLOAD: the S3 location is the target.
UNLOAD (SELECT order_id, amount FROM raw.orders WHERE dt = '2025-01-15')
TO 's3://exports/orders/2025-01-15' WITH (format = 'PARQUET', compression = 'SNAPPY')
