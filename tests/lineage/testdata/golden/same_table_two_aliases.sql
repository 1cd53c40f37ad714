-- The same table under two aliases: both reads are the same base columns.
SELECT a.order_id, b.order_id AS next_order
FROM raw.orders a JOIN raw.orders b ON a.customer_id = b.customer_id AND b.order_ts > a.order_ts
