-- A four-deep CTE chain feeding an INSERT: each level renames or aggregates.
INSERT INTO mart.daily_sales
WITH o AS (SELECT order_id, customer_id, amount, order_ts FROM raw.orders WHERE status = 'done'),
     oc AS (SELECT o.order_id, o.amount, o.order_ts, c.country FROM o JOIN raw.customers c ON o.customer_id = c.customer_id),
     d AS (SELECT CAST(order_ts AS date) AS day, country, amount, order_id FROM oc),
     agg AS (SELECT day, country, sum(amount) AS total, count(order_id) AS orders FROM d GROUP BY day, country)
SELECT day, country, total, orders FROM agg
