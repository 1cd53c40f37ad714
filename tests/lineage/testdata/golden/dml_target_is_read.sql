-- default-schema: s
-- MERGE, UPDATE and DELETE read their target (ON, WHERE): it is a source. A bare DELETE
-- reads nothing.
MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN UPDATE SET v = u.v;
UPDATE t SET v = 1 WHERE id = 2;
DELETE FROM t WHERE id = 3;
DELETE FROM t
