-- CASE and IF conditions and FILTER (WHERE ...) are conditions, not values.
SELECT CASE WHEN status = 'done' THEN amount ELSE 0 END AS done_amount,
       if(amount > 100, 'big', 'small') AS size,
       sum(amount) FILTER (WHERE status = 'done') AS done_total,
       count(*) AS n,
       CASE status WHEN 'a' THEN 1 ELSE 2 END AS code
FROM raw.orders GROUP BY status, amount
