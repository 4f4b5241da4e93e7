-- What happened to each album, newest last. The only table whose key needs the database's own
-- auto-increment, hence one file per database.
CREATE TABLE events (
    id         BIGSERIAL PRIMARY KEY,
    album_id   VARCHAR(32)  NOT NULL,
    at         BIGINT       NOT NULL,
    actor_id   VARCHAR(64)  NOT NULL,
    actor_name VARCHAR(255) NOT NULL,
    kind       VARCHAR(32)  NOT NULL,
    detail     TEXT         NOT NULL DEFAULT '{}'
);
CREATE INDEX events_by_album ON events (album_id, id);
