-- Documents sent by claim-check (docs/attachments.md): the content is a file encrypted at rest under
-- <hub data directory>/attachments/<id>.enc; this is its metadata. No file names (they often hold names).
-- A purged row keeps its metadata, without content, as proof of what was delivered. Portable between
-- H2 and PostgreSQL.
CREATE TABLE hub_attachment (
    id           VARCHAR(36)  NOT NULL,
    case_id      VARCHAR(32)  NOT NULL,
    media_type   VARCHAR(100) NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    sha256       VARCHAR(64)  NOT NULL,
    -- STORED (content present, not fetched), FETCHED (delivered once, content kept for the grace
    -- period), PURGED (content deleted)
    status       VARCHAR(16)  NOT NULL,
    uploaded_by  VARCHAR(64)  NOT NULL,
    uploaded_at  TIMESTAMP    NOT NULL,
    fetched_by   VARCHAR(64),
    fetched_at   TIMESTAMP,
    purged_at    TIMESTAMP,
    -- DELIVERED (grace period after the fetch ended) or NEVER_FETCHED (maximum retention ended)
    purge_reason VARCHAR(16),
    CONSTRAINT pk_hub_attachment PRIMARY KEY (id),
    CONSTRAINT fk_hub_attachment_case FOREIGN KEY (case_id) REFERENCES hub_case (case_id)
);
CREATE INDEX ix_hub_attachment_case ON hub_attachment (case_id, status);
CREATE INDEX ix_hub_attachment_status ON hub_attachment (status, uploaded_at);
