-- DELETE reads; it creates no lineage edges.
DELETE FROM mart.dim_customer WHERE customer_id IN (SELECT customer_id FROM raw.customers WHERE country IS NULL)
