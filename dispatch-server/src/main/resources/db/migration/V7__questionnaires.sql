-- Questionnaires: each key ("consumer-loans") has numbered versions; a version is in force from
-- its valid_from until the next version of its key starts. Versions are never changed or
-- removed: a visit records the key and version its answers were checked against.
CREATE TABLE questionnaire_version (
  key         text        NOT NULL,
  version     integer     NOT NULL CHECK (version > 0),
  product     text,                  -- debt product it applies to
  segment     text,                  -- debtor segment it applies to (both set: that product in that segment)
  valid_from  timestamptz NOT NULL,
  questions   jsonb       NOT NULL,  -- [{"id","type","label":{"es","en"},"required","choices","min","max","maxLength"}]
  created_by  text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (key, version),
  CHECK (product IS NOT NULL OR segment IS NOT NULL)
);
CREATE INDEX questionnaire_version_valid_from ON questionnaire_version (valid_from);

CREATE FUNCTION questionnaire_version_is_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'questionnaire versions are immutable; create a new version instead';
END $$ LANGUAGE plpgsql;
CREATE TRIGGER questionnaire_version_immutable BEFORE UPDATE OR DELETE ON questionnaire_version
  FOR EACH ROW EXECUTE FUNCTION questionnaire_version_is_immutable();

-- Null for a visit to a debtor no questionnaire applied to (its answers are stored as given).
ALTER TABLE visit
  ADD COLUMN questionnaire_key     text,
  ADD COLUMN questionnaire_version integer,
  ADD CONSTRAINT visit_questionnaire FOREIGN KEY (questionnaire_key, questionnaire_version)
    REFERENCES questionnaire_version (key, version);
