-- A star through a subquery through a CTE, expanded from the known schema.
WITH c AS (SELECT * FROM raw.customers)
SELECT * FROM (SELECT * FROM c WHERE country = 'DE') s
