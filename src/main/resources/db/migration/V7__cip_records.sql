-- Customer identification (CIP) records. Every change is a new version row; nothing is overwritten.
-- record_json: dev.gatehouse.compliance.kyc.CipDetails (other names, addresses, flags, identity
-- evidence, beneficial owners, means of payment without card numbers, emails, phones).
CREATE TABLE cip_records (
    customer_id   VARCHAR(40)   NOT NULL,
    version       INTEGER       NOT NULL,
    record_json   TEXT          NOT NULL,
    changed_by    VARCHAR(200)  NOT NULL,
    changed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (customer_id, version)
);

-- The verification lifecycle, one row per decision (unverified -> pending_review -> verified | rejected).
CREATE TABLE cip_verifications (
    id            VARCHAR(40)   PRIMARY KEY,
    customer_id   VARCHAR(40)   NOT NULL,
    status        VARCHAR(20)   NOT NULL CHECK (status IN ('unverified', 'pending_review', 'verified', 'rejected')),
    decided_by    VARCHAR(200)  NOT NULL,
    decided_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    evidence      VARCHAR(4000) NOT NULL,
    reverify_on   VARCHAR(10),
    note          VARCHAR(4000)
);
CREATE INDEX cip_verifications_customer ON cip_verifications (customer_id, decided_at);

-- IP addresses a customer used to reach the API or the admin API, first and last seen.
CREATE TABLE cip_access_ips (
    customer_id   VARCHAR(40)   NOT NULL,
    ip            VARCHAR(45)   NOT NULL,
    kind          VARCHAR(10)   NOT NULL CHECK (kind IN ('api', 'admin')),
    first_seen    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (customer_id, ip, kind)
);
