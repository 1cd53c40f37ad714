-- Three-part table names and four-part column names.
SELECT awsdatacatalog.raw.orders.amount, raw.orders.status, orders.order_id
FROM awsdatacatalog.raw.orders
