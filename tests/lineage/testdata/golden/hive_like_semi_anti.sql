-- default-schema: raw
-- Hive CREATE TABLE t LIKE s: t takes s's columns (a schema-only edge, no data), so a later
-- SELECT * from t expands; LEFT SEMI/ANTI JOIN expose only the left side to `*`.
CREATE TABLE raw.orders_copy LIKE raw.orders;
INSERT INTO mart.daily_sales SELECT dt, status, amount, order_id FROM raw.orders_copy;
CREATE TABLE staging.like_unknown LIKE raw.nowhere;
INSERT INTO staging.order_lines
SELECT * FROM staging.order_lines l LEFT SEMI JOIN raw.products p ON l.sku = p.sku;
INSERT INTO staging.order_lines
SELECT * FROM staging.order_lines l LEFT ANTI JOIN raw.products p ON l.sku = p.sku;
