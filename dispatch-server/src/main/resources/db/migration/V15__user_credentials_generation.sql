-- A user's tokens carry the generation of their credentials (claim "gen", absent = 0). Changing the
-- user's password or role gives it a new value, and every token issued before stops opening the API
-- and the live map (http.AccountCheck, live.LiveSocketHandler): a reset password or a demotion does
-- not wait for the old tokens to expire. Values come from one sequence, so a user removed and created
-- again under the same name does not bring the old user's unexpired tokens back to life. Users who
-- exist now keep 0, the value their tokens (issued without the claim) stand for.
CREATE SEQUENCE credentials_generation;
ALTER TABLE app_user ADD COLUMN credentials_generation bigint NOT NULL DEFAULT 0;
ALTER TABLE app_user ALTER COLUMN credentials_generation SET DEFAULT nextval('credentials_generation');
