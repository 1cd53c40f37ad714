-- MERGE with UPDATE, DELETE and INSERT branches into an Iceberg table.
MERGE INTO mart.dim_customer AS t
USING (SELECT customer_id, name, email, country, created_at FROM raw.customers) AS s
ON t.customer_id = s.customer_id
WHEN MATCHED AND s.country IS NULL THEN DELETE
WHEN MATCHED AND s.email <> t.email THEN UPDATE SET email = s.email, updated_at = current_timestamp
WHEN NOT MATCHED THEN INSERT (customer_id, name, email, country, updated_at)
  VALUES (s.customer_id, upper(s.name), s.email, s.country, s.created_at)
