-- Every index on usage_records costs each request's row a B-tree insert (in H2 a copy of the
-- path from root to leaf, and another at commit). A key's usage is asked for rarely and within a
-- customer or a time range, which usage_customer_ts and usage_ts serve; the key index is dropped.
DROP INDEX IF EXISTS usage_key_ts;
