-- Run once by the postgres image on an empty data volume (docker-entrypoint-initdb.d),
-- as POSTGRES_USER, who becomes the owner of each database.
-- One database per service: each service owns its data and never reads another's.
CREATE DATABASE intake;
-- Intake's data keys, apart from the data they open (back it up on a short retention).
CREATE DATABASE intake_keystore;
CREATE DATABASE training;
CREATE DATABASE grants;
CREATE DATABASE notifications;
-- The staff portal's: staff's chosen languages, no programme data.
CREATE DATABASE portal;

-- Only the owner (and roles granted CONNECT later) may connect.
REVOKE CONNECT ON DATABASE intake FROM PUBLIC;
REVOKE CONNECT ON DATABASE intake_keystore FROM PUBLIC;
REVOKE CONNECT ON DATABASE training FROM PUBLIC;
REVOKE CONNECT ON DATABASE grants FROM PUBLIC;
REVOKE CONNECT ON DATABASE notifications FROM PUBLIC;
REVOKE CONNECT ON DATABASE portal FROM PUBLIC;
