-- An unresolved column is reported as unresolved, with its position; constant means a literal.
INSERT INTO raw.customers (name, country) SELECT nosuchcol, 'x' FROM raw.orders
