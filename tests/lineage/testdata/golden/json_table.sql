-- JSON_TABLE's columns derive from the document it reads (and PASSING values), nested paths
-- flattened; the ordinality column too (as UNNEST's does).
INSERT INTO mart.order_tags (order_id, n, tag, kind)
SELECT o.order_id, j.n, j.tag, j.kind
FROM raw.orders o,
     JSON_TABLE(o.status, 'lax $' PASSING o.dt AS d
                COLUMNS (n FOR ORDINALITY,
                         tag varchar PATH 'lax $.tag',
                         NESTED PATH 'lax $.meta[*]' COLUMNS (kind varchar PATH 'lax $.kind'))) AS j
