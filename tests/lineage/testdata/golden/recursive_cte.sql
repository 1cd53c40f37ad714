-- A recursive CTE with a column list.
WITH RECURSIVE chain (customer_id, depth) AS (
  SELECT customer_id, 1 FROM raw.customers WHERE country = 'DE'
  UNION ALL
  SELECT customer_id, depth + 1 FROM chain WHERE depth < 3
)
SELECT customer_id, depth FROM chain
