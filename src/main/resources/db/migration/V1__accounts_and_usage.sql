-- One schema for both stores: H2 (embedded, run in PostgreSQL mode) and PostgreSQL.
-- Ids are text made by the application (prefix + random), so no sequences differ between them.
-- Money is BIGINT nano-units (1e-9 of the currency): exact sums, no floating point.
-- Times are TIMESTAMP WITH TIME ZONE, always written in UTC.

CREATE TABLE customers (
    id          VARCHAR(40)  PRIMARY KEY,
    name        VARCHAR(300) NOT NULL,
    kind        VARCHAR(20)  NOT NULL CHECK (kind IN ('individual', 'enterprise')),
    country     CHAR(2)      NOT NULL,
    email       VARCHAR(320),
    phone       VARCHAR(40),
    status      VARCHAR(20)  NOT NULL CHECK (status IN ('pending', 'active', 'suspended', 'closed')),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at   TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX customers_name ON customers (name);

CREATE TABLE projects (
    id          VARCHAR(40)  PRIMARY KEY,
    customer_id VARCHAR(40)  NOT NULL REFERENCES customers (id),
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT projects_customer_name UNIQUE (customer_id, name)
);

-- Console users. customer_id is NULL for the gateway operator's own staff.
CREATE TABLE users (
    id            VARCHAR(40)  PRIMARY KEY,
    customer_id   VARCHAR(40)  REFERENCES customers (id),
    email         VARCHAR(320) NOT NULL,
    password_hash VARCHAR(200) NOT NULL,
    role          VARCHAR(20)  NOT NULL CHECK (role IN ('owner', 'admin', 'compliance', 'viewer')),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    disabled_at   TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX users_email ON users (email);

-- Keys are stored only as SHA-256 of the secret; the prefix (not secret) finds the row.
-- kind 'client' calls the gateway's /v1 API; kind 'admin' calls /admin/v1 with a role.
CREATE TABLE api_keys (
    id           VARCHAR(40)  PRIMARY KEY,
    kind         VARCHAR(10)  NOT NULL CHECK (kind IN ('client', 'admin')),
    prefix       VARCHAR(24)  NOT NULL,
    secret_hash  CHAR(64)     NOT NULL,
    name         VARCHAR(200),
    customer_id  VARCHAR(40)  REFERENCES customers (id),
    project_id   VARCHAR(40)  REFERENCES projects (id),
    role         VARCHAR(20)  CHECK (role IS NULL OR role IN ('owner', 'admin', 'compliance', 'viewer')),
    models       VARCHAR(4000),             -- comma-separated route names; NULL means every route
    expires_at   TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    last_used_at TIMESTAMP WITH TIME ZONE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX api_keys_prefix ON api_keys (prefix);
CREATE INDEX api_keys_updated ON api_keys (updated_at);

-- Upstream credentials, AES-256-GCM encrypted with the master key; never returned by any API.
CREATE TABLE provider_credentials (
    id          VARCHAR(40)  PRIMARY KEY,
    provider    VARCHAR(100) NOT NULL,
    name        VARCHAR(100) NOT NULL,
    ciphertext  VARCHAR(8000) NOT NULL,     -- base64 of nonce || ciphertext || tag
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT provider_credentials_name UNIQUE (provider, name)
);

-- Prices per million tokens in the provider's currency, effective from a time on.
CREATE TABLE prices (
    id                       VARCHAR(40)   PRIMARY KEY,
    provider                 VARCHAR(100)  NOT NULL,
    model                    VARCHAR(200)  NOT NULL,
    currency                 CHAR(3)       NOT NULL CHECK (currency IN ('USD', 'CNY')),
    input_per_million        NUMERIC(18, 6) NOT NULL CHECK (input_per_million >= 0),
    output_per_million       NUMERIC(18, 6) NOT NULL CHECK (output_per_million >= 0),
    cached_input_per_million NUMERIC(18, 6) CHECK (cached_input_per_million IS NULL OR cached_input_per_million >= 0),
    effective_from           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT prices_model_from UNIQUE (provider, model, effective_from)
);

-- Limits of one scope (a key, a project or a customer). NULL means no limit of that kind.
CREATE TABLE limits (
    scope                VARCHAR(10) NOT NULL CHECK (scope IN ('key', 'project', 'customer')),
    scope_id             VARCHAR(40) NOT NULL,
    requests_per_minute  INTEGER CHECK (requests_per_minute IS NULL OR requests_per_minute > 0),
    tokens_per_minute    BIGINT  CHECK (tokens_per_minute IS NULL OR tokens_per_minute > 0),
    concurrent_requests  INTEGER CHECK (concurrent_requests IS NULL OR concurrent_requests > 0),
    budget_currency      CHAR(3) CHECK (budget_currency IS NULL OR budget_currency IN ('USD', 'CNY')),
    budget_day_nanos     BIGINT  CHECK (budget_day_nanos IS NULL OR budget_day_nanos >= 0),
    budget_month_nanos   BIGINT  CHECK (budget_month_nanos IS NULL OR budget_month_nanos >= 0),
    budget_mode          VARCHAR(4) NOT NULL DEFAULT 'hard' CHECK (budget_mode IN ('hard', 'soft')),
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scope, scope_id)
);

-- Prepaid credit: the balance changes only together with a transaction row (same SQL transaction).
CREATE TABLE credit_accounts (
    customer_id   VARCHAR(40) PRIMARY KEY REFERENCES customers (id),
    currency      CHAR(3)     NOT NULL CHECK (currency IN ('USD', 'CNY')),
    balance_nanos BIGINT      NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE credit_transactions (
    id           VARCHAR(40)  PRIMARY KEY,
    customer_id  VARCHAR(40)  NOT NULL REFERENCES customers (id),
    kind         VARCHAR(10)  NOT NULL CHECK (kind IN ('topup', 'redeem', 'usage', 'adjust')),
    amount_nanos BIGINT       NOT NULL,
    reference    VARCHAR(200),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX credit_transactions_customer ON credit_transactions (customer_id, created_at);
CREATE TABLE redemption_codes (
    id           VARCHAR(40) PRIMARY KEY,
    code_hash    CHAR(64)    NOT NULL,
    currency     CHAR(3)     NOT NULL CHECK (currency IN ('USD', 'CNY')),
    amount_nanos BIGINT      NOT NULL CHECK (amount_nanos > 0),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    redeemed_by  VARCHAR(40) REFERENCES customers (id),
    redeemed_at  TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX redemption_codes_hash ON redemption_codes (code_hash);

-- The usage ledger: one row per request, keyed by request id so that replaying the journal
-- inserts each record exactly once.
CREATE TABLE usage_records (
    request_id      VARCHAR(128) PRIMARY KEY,
    ts              TIMESTAMP WITH TIME ZONE NOT NULL,
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
    ttft_ms         INTEGER
);
CREATE INDEX usage_customer_ts ON usage_records (customer_id, ts);
CREATE INDEX usage_key_ts ON usage_records (key_id, ts);
CREATE INDEX usage_ts ON usage_records (ts);
