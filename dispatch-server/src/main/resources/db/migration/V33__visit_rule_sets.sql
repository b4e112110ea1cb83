-- Configurable visit rules (issue #17): radius, accuracy credit, dwell, window, mock-location run, maximum speed, per
-- agency with overrides by debtor segment or product. Each change is a new version; a visit records in its validation
-- the version and values that judged it, and is never judged again by a later version.
CREATE TABLE visit_rule_set (
  version     bigserial PRIMARY KEY,
  rules       jsonb NOT NULL CHECK (jsonb_typeof(rules) = 'object'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL
);
