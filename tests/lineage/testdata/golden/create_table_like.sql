-- `CREATE TABLE t (LIKE s)` gives t the columns of s, so a later `*` over t expands; a LIKE
-- of a table whose columns are unknown defines nothing.
CREATE TABLE mart.orders_copy (LIKE raw.orders, note varchar);
SELECT * FROM mart.orders_copy;
CREATE TABLE mart.unknown_copy (LIKE raw.nothing_known);
SELECT * FROM mart.unknown_copy
