-- Planning jobs: the request, its progress and its result, so any node can answer
-- GET /api/plans/{id} and a restart does not lose a finished plan.
CREATE TABLE plan_job (
  id          bigserial PRIMARY KEY,
  plan_date   date        NOT NULL,
  status      text        NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  phase       text,
  progress    real        NOT NULL DEFAULT 0,
  request     jsonb       NOT NULL,
  result      jsonb,
  error       text,
  created_by  text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
-- One planning job per date at a time.
CREATE UNIQUE INDEX plan_job_one_running_per_date ON plan_job (plan_date) WHERE status = 'running';
