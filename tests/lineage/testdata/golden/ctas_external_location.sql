-- CTAS with external_location: the table is written to that S3 prefix.
CREATE TABLE mart.orders_by_country
WITH (format = 'PARQUET', external_location = 's3://lake-marts/orders_by_country', partitioned_by = ARRAY['country'])
AS SELECT o.order_id, o.amount * 1.19 AS gross, c.country
FROM raw.orders o JOIN raw.customers c ON c.customer_id = o.customer_id;
-- Later statements see the CTAS's columns.
SELECT * FROM mart.orders_by_country;
-- Unaliased expressions are named as Trino names them.
CREATE TABLE mart.t2 AS SELECT order_id, amount + 1, upper(status) FROM raw.orders
