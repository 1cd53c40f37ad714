-- A view defines a schema for later statements; reading it reads the view.
CREATE OR REPLACE VIEW mart.v_big_orders AS
SELECT order_id, customer_id, amount AS value FROM raw.orders WHERE amount > 1000;
SELECT value, customer_id FROM mart.v_big_orders;
SELECT * FROM mart.v_big_orders
