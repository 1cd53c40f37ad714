-- default-schema: mart
-- The target's columns are unknown: each output goes to the target column of its name
-- (mapped by name); an unnamed output is not given an invented name. When the target's
-- columns are known, outputs map by position.
INSERT INTO mart.daily SELECT day FROM raw.events;
INSERT INTO mart.daily SELECT day, count(*) AS n, count(*) FROM raw.events GROUP BY day;
INSERT INTO mart.known_daily SELECT day, count(*) FROM raw.events GROUP BY day;
INSERT INTO mart.known_daily (n, day) SELECT count(*), day FROM raw.events GROUP BY day;
MERGE INTO mart.daily d USING raw.events e ON d.day = e.day
WHEN NOT MATCHED THEN INSERT VALUES (e.day, e.n)
