-- A listed column the known target lacks is reported and not mapped; the others map by position.
INSERT INTO mart.daily_sales (day, country, revenue) SELECT dt, status, amount FROM raw.orders;
