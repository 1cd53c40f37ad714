-- A star over a known schema expands; over an unknown one it stays table.*.
SELECT * FROM raw.products;
SELECT * FROM raw.clickstream;
INSERT INTO mart.clicks_copy SELECT * FROM raw.clickstream;
SELECT e.user_id, p.* FROM raw.clickstream e JOIN raw.products p ON p.sku = e.sku
