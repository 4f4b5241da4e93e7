-- One PostgreSQL, three databases. Set the passwords from the secrets files after the first start
-- (ALTER ROLE … PASSWORD …), or generate this file from them.
CREATE ROLE orthanc LOGIN;
CREATE DATABASE orthanc OWNER orthanc;
CREATE ROLE keycloak LOGIN;
CREATE DATABASE keycloak OWNER keycloak;
CREATE ROLE albums LOGIN;
CREATE DATABASE albums OWNER albums;
