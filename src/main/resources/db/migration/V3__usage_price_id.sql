-- Which price a usage record was costed with; NULL means no price was known and its cost is 0,
-- so unpriced usage can be found and re-costed.
ALTER TABLE usage_records ADD COLUMN price_id VARCHAR(40);
