-- UNION ALL inside a CTE feeding an INSERT: each output column takes both branches.
INSERT INTO staging.order_lines (order_id, sku, qty, price)
WITH lines AS (
  SELECT o.order_id, i.sku, i.qty, p.price
  FROM raw.orders o CROSS JOIN UNNEST(o.items) AS i(sku, qty) JOIN raw.products p ON p.sku = i.sku
  UNION ALL
  SELECT order_id, 'FEE', 1, amount FROM raw.orders WHERE status = 'fee'
)
SELECT order_id, sku, qty, price FROM lines
