-- Window functions: PARTITION BY and ORDER BY columns are conditions, not values.
SELECT customer_id,
       row_number() OVER (PARTITION BY customer_id ORDER BY order_ts DESC) AS rn,
       sum(amount) OVER w AS running,
       lag(amount, 1) OVER (ORDER BY order_ts) AS prev_amount
FROM raw.orders
WINDOW w AS (PARTITION BY customer_id ORDER BY order_ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
