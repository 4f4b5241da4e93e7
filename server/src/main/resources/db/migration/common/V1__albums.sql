-- Albums, their members, what happened to them, and settings. Times are epoch milliseconds.
CREATE TABLE albums (
    id          VARCHAR(32)  PRIMARY KEY,
    name        VARCHAR(480) NOT NULL,
    description TEXT         NOT NULL DEFAULT '',
    label       VARCHAR(64)  NOT NULL UNIQUE,
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL
);

CREATE TABLE members (
    album_id     VARCHAR(32)  NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
    user_id      VARCHAR(64)  NOT NULL,
    username     VARCHAR(255) NOT NULL,
    display_name VARCHAR(255) NOT NULL DEFAULT '',
    email        VARCHAR(255) NOT NULL DEFAULT '',
    role         VARCHAR(16)  NOT NULL,
    added_at     BIGINT       NOT NULL,
    PRIMARY KEY (album_id, user_id)
);
CREATE INDEX members_by_user ON members (user_id);

CREATE TABLE settings (
    name  VARCHAR(64) PRIMARY KEY,
    value TEXT        NOT NULL
);
