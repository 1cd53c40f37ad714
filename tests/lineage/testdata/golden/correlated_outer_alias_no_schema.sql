-- default-schema: s
-- `m.k` inside the subquery names the outer relation m, not a struct field `m` of n.
SELECT id FROM m WHERE id > (SELECT max(id) FROM n WHERE n.a = m.k)
