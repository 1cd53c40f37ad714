-- A scalar subquery in the select list contributes its column.
SELECT c.customer_id,
       (SELECT max(o.amount) FROM raw.orders o WHERE o.customer_id = c.customer_id) AS biggest
FROM raw.customers c
