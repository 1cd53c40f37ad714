-- A WITH query nothing references is never scanned: not a source, not a read. One that only
-- another referenced CTE uses is read through it.
WITH u AS (SELECT * FROM s.a) SELECT x FROM s.b;
WITH u AS (SELECT y FROM s.a), v AS (SELECT y FROM u), w AS (SELECT z FROM s.c)
SELECT y FROM v
