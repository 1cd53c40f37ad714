-- INSERT ... VALUES: constants.
INSERT INTO raw.products (sku, name, category, price) VALUES ('A-1', 'Anvil', 'tools', 9.99), ('B-2', 'Bolt', 'tools', 0.1)
