-- Unknown and ambiguous columns are reported, never guessed.
SELECT no_such_column FROM raw.orders;
SELECT customer_id FROM raw.orders o JOIN raw.customers c ON o.customer_id = c.customer_id;
SELECT user_id FROM raw.clickstream a JOIN raw.pageviews b ON a.id = b.id;
-- With one unknown table, an unqualified name not in the known table must be the unknown's.
SELECT amount, referrer FROM raw.orders o JOIN raw.clickstream k ON k.order_id = o.order_id
