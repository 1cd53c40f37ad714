-- default-schema: raw
-- Unqualified names take the default schema; Mixed case and "quoted" identifiers match.
SELECT "Order_ID", AMOUNT FROM Orders WHERE "status" = 'x';
INSERT INTO "staging"."ORDER_LINES" SELECT order_id, sku, qty, price FROM staging.order_lines
