-- btree_gin: GIN operator classes for plain columns, so one GIN index holds a
-- prompt's search words together with its category, model, seller and price,
-- and a search with a filter intersects both inside the index instead of
-- reading every matching row to test the filter (decision 0010,
-- docs/performance/catalog-search.md). Its functions are index support only.
CREATE EXTENSION IF NOT EXISTS btree_gin;
