-- INSERT without a column list maps positionally onto the target's known columns.
INSERT INTO mart.customer_ltv
SELECT customer_id, sum(amount), min(order_ts), max(order_ts) FROM raw.orders GROUP BY customer_id
