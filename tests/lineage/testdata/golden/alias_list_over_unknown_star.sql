-- default-schema: s
-- A column alias list over a star whose columns are unknown names every column.
SELECT * FROM (SELECT * FROM t) AS x(a, b);
SELECT x.b FROM t AS x(a, b)
