-- A new study being created by an upload into an album, before Orthanc has it labelled: until then
-- the collision rule would see "a study nobody of this album can see". Kept in the database so that
-- an upload cut by a crash of albums-server can be sent again into the same album.
CREATE TABLE study_claims (
    study_instance_uid VARCHAR(64) PRIMARY KEY,
    album_id           VARCHAR(32) NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
    claimed_at         BIGINT      NOT NULL
);
