-- An upload token may also take DICOM C-STORE: the called AE title that a scanner sends to, unique
-- to the token (at most 16 characters). It is a credential like the token's secret.
ALTER TABLE album_tokens ADD COLUMN ae_title VARCHAR(16);
CREATE UNIQUE INDEX album_tokens_by_ae_title ON album_tokens (ae_title);
