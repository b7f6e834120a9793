-- The ledger keyed by (ts, request_id) instead of request_id alone, and its time index dropped.
-- A replayed journal record carries the same request id and the same time, so the key still
-- inserts each record exactly once (ON CONFLICT DO NOTHING); and, led by the time, the key also
-- serves the time-range queries that usage_ts served. One B-tree fewer for every request's row
-- (each costs an insert and, in H2, a copy of its path from root to leaf), and the CSV export's
-- ORDER BY ts, request_id is the key's own order.
-- Neither database can swap a primary key with the same statements (the constraint's name
-- differs), so the table is rebuilt: this copies an existing ledger once.
CREATE TABLE usage_records_v11 (
    ts              TIMESTAMP WITH TIME ZONE NOT NULL,
    request_id      VARCHAR(128) NOT NULL,
    customer_id     VARCHAR(40),
    project_id      VARCHAR(40),
    key_id          VARCHAR(40),
    route           VARCHAR(200),
    provider        VARCHAR(100),
    upstream_model  VARCHAR(200),
    region          VARCHAR(40),
    status          INTEGER      NOT NULL,
    error_code      VARCHAR(60),
    input_tokens    BIGINT       NOT NULL,
    output_tokens   BIGINT       NOT NULL,
    cached_tokens   BIGINT       NOT NULL,
    tokens_reported BOOLEAN      NOT NULL,
    cost_usd_nanos  BIGINT       NOT NULL,
    cost_cny_nanos  BIGINT       NOT NULL,
    latency_ms      INTEGER      NOT NULL,
    ttft_ms         INTEGER,
    price_id        VARCHAR(40),
    PRIMARY KEY (ts, request_id)
);
INSERT INTO usage_records_v11 (ts, request_id, customer_id, project_id, key_id, route, provider, upstream_model, region,
        status, error_code, input_tokens, output_tokens, cached_tokens, tokens_reported, cost_usd_nanos, cost_cny_nanos,
        latency_ms, ttft_ms, price_id)
    SELECT ts, request_id, customer_id, project_id, key_id, route, provider, upstream_model, region,
        status, error_code, input_tokens, output_tokens, cached_tokens, tokens_reported, cost_usd_nanos, cost_cny_nanos,
        latency_ms, ttft_ms, price_id
    FROM usage_records;
DROP TABLE usage_records;
ALTER TABLE usage_records_v11 RENAME TO usage_records;
CREATE INDEX usage_customer_ts ON usage_records (customer_id, ts);
