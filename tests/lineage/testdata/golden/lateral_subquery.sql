-- LATERAL sees the relations to its left.
SELECT c.customer_id, l.n
FROM raw.customers c, LATERAL (SELECT count(*) AS n FROM raw.orders o WHERE o.customer_id = c.customer_id) l
