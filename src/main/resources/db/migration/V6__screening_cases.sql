-- Screening of customers against the restricted-party lists (V5): each run, its hits, and the
-- review cases they open. Case decisions are history rows (screening_case_decisions), never
-- overwritten; screening_cases.status is the latest decision, kept beside them for queries.
CREATE TABLE screening_runs (
    id            VARCHAR(40)  PRIMARY KEY,
    customer_id   VARCHAR(40)  NOT NULL,
    cause         VARCHAR(40)  NOT NULL,
    band          VARCHAR(10)  NOT NULL,
    hit_count     INTEGER      NOT NULL,
    screened_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX screening_runs_customer ON screening_runs (customer_id, screened_at);

CREATE TABLE screening_results (
    run_id        VARCHAR(40)   NOT NULL REFERENCES screening_runs (id),
    seq           INTEGER       NOT NULL,
    list_name     VARCHAR(100)  NOT NULL,
    entry_id      VARCHAR(200)  NOT NULL,
    entry_name    VARCHAR(1000) NOT NULL,
    matched_name  VARCHAR(1000) NOT NULL,
    subject_name  VARCHAR(1000) NOT NULL,
    score         DOUBLE PRECISION NOT NULL,
    band          VARCHAR(10)   NOT NULL,
    explanation   TEXT          NOT NULL,
    PRIMARY KEY (run_id, seq)
);

-- entry_hash: SHA-256 of the entry's names when the case opened; a false positive stays cleared
-- for that entry until its names change.
CREATE TABLE screening_cases (
    id            VARCHAR(40)   PRIMARY KEY,
    customer_id   VARCHAR(40)   NOT NULL,
    run_id        VARCHAR(40)   NOT NULL REFERENCES screening_runs (id),
    list_name     VARCHAR(100)  NOT NULL,
    entry_id      VARCHAR(200)  NOT NULL,
    entry_hash    CHAR(64)      NOT NULL,
    entry_name    VARCHAR(1000) NOT NULL,
    matched_name  VARCHAR(1000) NOT NULL,
    subject_name  VARCHAR(1000) NOT NULL,
    score         DOUBLE PRECISION NOT NULL,
    band          VARCHAR(10)   NOT NULL,
    explanation   TEXT          NOT NULL,
    suspended     BOOLEAN       NOT NULL,
    status        VARCHAR(20)   NOT NULL CHECK (status IN ('open', 'true_match', 'false_positive')),
    opened_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX screening_cases_customer ON screening_cases (customer_id, list_name, entry_id);
CREATE INDEX screening_cases_status ON screening_cases (status, opened_at);

CREATE TABLE screening_case_decisions (
    id            VARCHAR(40)   PRIMARY KEY,
    case_id       VARCHAR(40)   NOT NULL REFERENCES screening_cases (id),
    status        VARCHAR(20)   NOT NULL CHECK (status IN ('true_match', 'false_positive')),
    decided_by    VARCHAR(200)  NOT NULL,
    decided_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    reason        VARCHAR(4000) NOT NULL
);
CREATE INDEX screening_case_decisions_case ON screening_case_decisions (case_id, decided_at);
