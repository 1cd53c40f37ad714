-- A CTE named like a real table hides the table inside the query.
SELECT order_id, big FROM (
  WITH orders AS (SELECT order_id, amount > 100 AS big FROM raw.orders)
  SELECT order_id, big FROM orders
) t;
-- default-schema has no effect on the CTE name either.
WITH customers AS (SELECT 1 AS customer_id)
SELECT customer_id FROM customers
