-- EXECUTE runs the statement of the latest PREPARE of that name.
PREPARE big_orders FROM SELECT order_id, amount FROM raw.orders WHERE amount > ?;
EXECUTE big_orders USING 100;
DEALLOCATE PREPARE big_orders
