-- Struct field access counts as the struct column.
SELECT c.address.city, address.geo.lat AS lat, c.address.geo.lon, o.shipping.zip
FROM raw.customers c JOIN raw.orders o ON o.customer_id = c.customer_id
WHERE c.address.city = 'Berlin'
