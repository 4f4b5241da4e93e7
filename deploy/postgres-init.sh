#!/bin/sh
# Runs once, when PostgreSQL starts on an empty volume: a database and a login for Orthanc, Keycloak
# and albums-server, with the passwords from deploy/.env (psql quotes each value: :'name').
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v orthanc="$ORTHANC_DB_PASSWORD" -v keycloak="$KEYCLOAK_DB_PASSWORD" -v albums="$ALBUMS_DB_PASSWORD" <<'SQL'
CREATE ROLE orthanc LOGIN PASSWORD :'orthanc';
CREATE DATABASE orthanc OWNER orthanc;
CREATE ROLE keycloak LOGIN PASSWORD :'keycloak';
CREATE DATABASE keycloak OWNER keycloak;
CREATE ROLE albums LOGIN PASSWORD :'albums';
CREATE DATABASE albums OWNER albums;
SQL
