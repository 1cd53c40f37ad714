-- UPDATE: each column takes its SET expression; WHERE columns are conditions.
UPDATE mart.dim_customer SET email = lower(email), country = 'DE' WHERE country = 'Germany';
UPDATE mart.dim_customer SET name = (SELECT max(c.name) FROM raw.customers c WHERE c.customer_id = dim_customer.customer_id)
