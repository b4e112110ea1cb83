-- A user's tokens carry the generation of their credentials (claim "gen", absent = 0). Changing the
-- user's password or role moves it on, and every token issued before stops opening the API and the
-- live map (http.AccountCheck, live.LiveSocketHandler): a reset password or a demotion does not wait
-- for the old tokens to expire.
ALTER TABLE app_user ADD COLUMN credentials_generation integer NOT NULL DEFAULT 0;
