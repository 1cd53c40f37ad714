-- default-schema: hv
-- Hive/Spark DML read for lineage under the default dialect (athena): each form is named in a
-- warning, and the lineage is the same as under --dialect hive.
INSERT OVERWRITE TABLE hv.report PARTITION (dt = '2024-01-01') IF NOT EXISTS
SELECT e.user_id, e.amount FROM hv.events e;
INSERT INTO TABLE `hv`.`report` SELECT `user_id`, amount, dt FROM hv.events;
WITH big AS (SELECT user_id, amount FROM hv.events WHERE amount > 10)
INSERT OVERWRITE TABLE hv.summary SELECT b.user_id, u.name FROM big b JOIN hv.users u;
SELECT e.user_id FROM hv.events e LEFT SEMI JOIN hv.users u ON e.user_id = u.user_id;
SELECT e.user_id, tag, pos, k1 FROM hv.events e
LATERAL VIEW explode(e.tags) t AS tag
LATERAL VIEW OUTER posexplode(e.tags) p AS pos, val
LATERAL VIEW json_tuple(e.payload, 'k1', 'k2') j AS k1, k2;
MERGE INTO hv.summary s USING hv.users u ON s.user_id = u.user_id
WHEN MATCHED THEN UPDATE SET s.name = u.name
