-- Output column i of a set operation takes column i of every branch.
SELECT customer_id FROM raw.customers
INTERSECT
SELECT customer_id FROM raw.orders
EXCEPT
SELECT customer_id FROM mart.customer_ltv
