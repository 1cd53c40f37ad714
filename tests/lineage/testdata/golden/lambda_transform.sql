-- Lambda parameters are not columns; the array and captured columns are.
SELECT transform(items, x -> x.qty * amount) AS weighted,
       filter(tags, t -> t <> status) AS other_tags,
       reduce(items, 0, (s, x) -> s + x.qty, s -> s) AS total_qty
FROM raw.orders
