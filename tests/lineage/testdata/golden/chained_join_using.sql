-- default-schema: s
-- Chained USING joins merge one column over every side; without a schema USING still says
-- each side has the column.
SELECT * FROM t1 JOIN t2 USING (id) JOIN t3 USING (id);
SELECT id FROM t1 JOIN t2 USING (id) JOIN t3 USING (id);
SELECT a FROM u1 JOIN u2 USING (a)
