-- UNNEST columns derive from the unnested array; WITH ORDINALITY adds a position.
SELECT o.order_id, u.x, u.i
FROM raw.orders o CROSS JOIN UNNEST(o.tags) WITH ORDINALITY AS u(x, i);
-- A map unnests into key and value, both from the map column.
SELECT k, v FROM raw.orders CROSS JOIN UNNEST(attrs) AS t(k, v)
