-- Personal information sent to deployments outside mainland China (PIPL cross-border transfers).
-- One row per subject per request: the subject is a salted SHA-256 of the identifier (never the
-- identifier itself); kind is the detector (id_number, mobile, bank_card, email, passport, ip,
-- name); sensitive marks sensitive personal information (ID numbers, bank cards, passports).
CREATE TABLE pi_transfers (
    id                VARCHAR(40)   PRIMARY KEY,
    sent_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    transfer_year     INTEGER       NOT NULL,
    request_id        VARCHAR(64)   NOT NULL,
    customer_id       VARCHAR(40),
    provider          VARCHAR(100)  NOT NULL,
    processing_region VARCHAR(20)   NOT NULL,
    kind              VARCHAR(20)   NOT NULL,
    sensitive         BOOLEAN       NOT NULL,
    subject_hash      CHAR(64)      NOT NULL
);
CREATE INDEX pi_transfers_year ON pi_transfers (transfer_year, provider, kind);
CREATE INDEX pi_transfers_subject ON pi_transfers (transfer_year, subject_hash);

-- The salt of subject hashes, created once per database so that every instance counts alike.
CREATE TABLE pi_salt (
    id    INTEGER     PRIMARY KEY CHECK (id = 1),
    salt  VARCHAR(64) NOT NULL
);
