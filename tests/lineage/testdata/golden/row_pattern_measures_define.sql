-- Row pattern recognition: a measure (`m OVER w`) has its MEASURES expression's lineage;
-- DEFINE conditions and pattern-variable-qualified columns (`A.amount`) read the input.
INSERT INTO mart.daily_sales (day, total)
SELECT dt, m OVER w
FROM raw.orders
WINDOW w AS (PARTITION BY customer_id ORDER BY order_ts
  MEASURES last(B.amount) AS m
  ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING
  PATTERN (A B+)
  DEFINE B AS B.amount > PREV(B.amount) AND status = 'paid');

INSERT INTO mart.daily_sales (day, total)
SELECT dt, first_total OVER (ORDER BY order_ts
  MEASURES first(A.amount) AS first_total
  ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING
  PATTERN (A+) DEFINE A AS true)
FROM raw.orders;

INSERT INTO mart.customer_ltv (customer_id, ltv, first_order)
SELECT r.customer_id, r.total, r.started
FROM raw.orders MATCH_RECOGNIZE (
  PARTITION BY customer_id ORDER BY order_ts
  MEASURES FIRST(UP.order_ts) AS started, SUM(UP.amount) AS total
  ONE ROW PER MATCH
  PATTERN (UP+ DOWN)
  SUBSET ALLROWS = (UP, DOWN)
  DEFINE UP AS UP.amount > PREV(UP.amount), DOWN AS DOWN.status <> 'void'
) AS r;
