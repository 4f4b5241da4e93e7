-- Album-bound tokens for tools that only know "DICOMweb URL + bearer token": upload tokens and
-- short view tokens. Only a SHA-256 of each secret is kept.
CREATE TABLE album_tokens (
    id                 VARCHAR(32)  PRIMARY KEY,
    album_id           VARCHAR(32)  NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
    kind               VARCHAR(16)  NOT NULL,
    secret_hash        VARCHAR(64)  NOT NULL UNIQUE,
    creator_id         VARCHAR(64)  NOT NULL,
    creator_name       VARCHAR(255) NOT NULL,
    study_instance_uid VARCHAR(64),
    study_orthanc_id   VARCHAR(64),
    created_at         BIGINT       NOT NULL,
    expires_at         BIGINT       NOT NULL,
    last_used_at       BIGINT,
    revoked_at         BIGINT
);
CREATE INDEX album_tokens_by_album ON album_tokens (album_id);
