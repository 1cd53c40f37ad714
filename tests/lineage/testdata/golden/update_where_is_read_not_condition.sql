-- default-schema: s
-- WHERE decides which rows change, not a column's value: a read, not a condition.
UPDATE t SET c = 'x' WHERE b = 1;
UPDATE t SET c = c || d WHERE b = 1
