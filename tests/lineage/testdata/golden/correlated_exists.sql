-- A correlated EXISTS reads the outer query's columns; it filters, it adds no value.
SELECT c.customer_id, c.name
FROM raw.customers c
WHERE EXISTS (SELECT 1 FROM raw.orders o WHERE o.customer_id = c.customer_id AND o.amount > 100)
