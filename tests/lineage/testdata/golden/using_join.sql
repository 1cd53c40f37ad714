-- JOIN ... USING merges the column: it comes from both sides.
SELECT customer_id, c.name, o.amount
FROM raw.orders o JOIN raw.customers c USING (customer_id);
SELECT * FROM raw.products p JOIN staging.order_lines l USING (sku)
