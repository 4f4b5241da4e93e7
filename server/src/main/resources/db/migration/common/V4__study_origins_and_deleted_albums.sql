-- The studies an album brought into Orthanc: created by an upload into it (not there before). Only
-- these may be deleted with the album, and only when they carry no label at all any more.
CREATE TABLE study_origins (
    orthanc_study_id   VARCHAR(64) NOT NULL,
    album_id           VARCHAR(32) NOT NULL,
    study_instance_uid VARCHAR(64) NOT NULL,
    created_at         BIGINT      NOT NULL,
    PRIMARY KEY (orthanc_study_id, album_id)
);
CREATE INDEX study_origins_by_album ON study_origins (album_id);

-- What is left of a deleted album: its name and label, so that its events stay readable (by an
-- administrator) as an audit trail.
CREATE TABLE deleted_albums (
    id         VARCHAR(32)  PRIMARY KEY,
    name       VARCHAR(480) NOT NULL,
    label      VARCHAR(64)  NOT NULL,
    created_at BIGINT       NOT NULL,
    deleted_at BIGINT       NOT NULL,
    deleted_by VARCHAR(64)  NOT NULL
);
