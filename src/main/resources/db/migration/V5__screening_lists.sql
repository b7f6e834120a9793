-- Restricted-party screening lists (OFAC SDN, the trade.gov Consolidated Screening List, UN, BIS DPL).
-- One row per imported list: its publication date and the SHA-256 of its file(s), so re-importing
-- the same content is recognised and changes nothing.
CREATE TABLE screening_lists (
    name          VARCHAR(40)   PRIMARY KEY,
    list_date     VARCHAR(10)   NOT NULL,
    content_hash  CHAR(64)      NOT NULL,
    source        VARCHAR(1000) NOT NULL,
    entry_count   INTEGER       NOT NULL,
    imported_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The entries in force, as JSON of dev.gatehouse.compliance.screening.ListEntry. entry_hash (SHA-256
-- of the JSON) tells a changed entry from an unchanged one on the next import.
CREATE TABLE screening_entries (
    list_name   VARCHAR(40)  NOT NULL REFERENCES screening_lists (name),
    entry_id    VARCHAR(200) NOT NULL,
    entry_hash  CHAR(64)     NOT NULL,
    entry_json  TEXT         NOT NULL,
    PRIMARY KEY (list_name, entry_id)
);

-- Every import that changed a list, kept: what changed when (a list change triggers rescreening).
CREATE TABLE screening_imports (
    id            VARCHAR(40)  PRIMARY KEY,
    list_name     VARCHAR(40)  NOT NULL,
    list_date     VARCHAR(10)  NOT NULL,
    content_hash  CHAR(64)     NOT NULL,
    added         INTEGER      NOT NULL,
    changed       INTEGER      NOT NULL,
    removed       INTEGER      NOT NULL,
    entry_count   INTEGER      NOT NULL,
    imported_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX screening_imports_list ON screening_imports (list_name, imported_at);
