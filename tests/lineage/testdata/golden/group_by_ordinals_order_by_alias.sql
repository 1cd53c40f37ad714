-- GROUP BY ordinals and ORDER BY output names read the select items' columns.
SELECT country, count(*) AS customers FROM raw.customers GROUP BY 1 ORDER BY customers DESC, country
