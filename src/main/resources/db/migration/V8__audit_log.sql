-- Tamper-evident audit trail (dev.gatehouse.audit). Append-only: rows are never updated.
-- hash = SHA-256(prev_hash || header || body_digest), see dev.gatehouse.audit.Canonical.
-- The first entry's prev_hash is 64 zeros. A retention purge empties a row's body (actor, action,
-- subject, before/after) and sets purged; seq, ts, category, body_digest and the hashes stay, so the
-- chain still links, and a later 'retention' entry records the purge (see AuditVerifier).
CREATE TABLE audit_log (
    seq           BIGINT        PRIMARY KEY,
    ts            TIMESTAMP WITH TIME ZONE NOT NULL,
    category      VARCHAR(20)   NOT NULL CHECK (category IN ('admin', 'policy_denial', 'kyc', 'screening', 'request_decision', 'retention')),
    actor         VARCHAR(200)  NOT NULL,
    action        VARCHAR(200)  NOT NULL,
    subject       VARCHAR(400),
    before_json   TEXT,
    after_json    TEXT,
    body_digest   CHAR(64)      NOT NULL,
    purged        BOOLEAN       NOT NULL DEFAULT FALSE,
    prev_hash     CHAR(64)      NOT NULL,
    hash          CHAR(64)      NOT NULL
);
CREATE INDEX audit_log_category ON audit_log (category, ts);

-- The chain's head, one row. Appenders lock it (SELECT ... FOR UPDATE) so that several gateway
-- instances over one database still write one linear chain.
CREATE TABLE audit_head (
    id            INTEGER       PRIMARY KEY CHECK (id = 1),
    seq           BIGINT        NOT NULL,
    hash          CHAR(64)      NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Signed checkpoints: Ed25519 over (seq as 8 bytes big-endian || hash as 64 ASCII hex characters).
-- signature is base64; key_id names the public key (first 16 hex of SHA-256 of its X.509 encoding).
CREATE TABLE audit_checkpoints (
    seq           BIGINT        PRIMARY KEY,
    ts            TIMESTAMP WITH TIME ZONE NOT NULL,
    hash          CHAR(64)      NOT NULL,
    signature     VARCHAR(200)  NOT NULL,
    key_id        VARCHAR(64)   NOT NULL
);
