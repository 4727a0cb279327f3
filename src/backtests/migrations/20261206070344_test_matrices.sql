-- Test matrices (src/backtests/test-matrices.ts): per plan, a saved set of
-- billing scenarios (the scenario format, expected invoices included). Each
-- run prices every scenario with one version of the plan and records which
-- expected invoices change and by how much; submitting a version for
-- approval runs it.
create table plan_test_matrices (
  organization_id text not null references organizations (id),
  environment_id text not null references environments (id),
  plan_id text not null,
  -- [{ name, scenario }], each scenario a document of `fairbill simulate` with `expected.invoices`.
  scenarios jsonb not null,
  updated_by text not null,
  updated_at timestamptz not null,
  primary key (environment_id, plan_id)
);

create table test_matrix_runs (
  id text primary key,
  organization_id text not null references organizations (id),
  environment_id text not null references environments (id),
  plan_id text not null,
  plan_version_id text not null,
  version integer not null,
  trigger text not null check (trigger in ('submitted', 'requested')),
  scenarios_total integer not null,
  scenarios_changed integer not null,
  scenarios_failed integer not null,
  invoices_changed integer not null,
  -- Per scenario: its status and each expected invoice that changed, line by line.
  results jsonb not null,
  created_by text not null,
  created_at timestamptz not null
);

create index test_matrix_runs_version on test_matrix_runs (environment_id, plan_version_id, id);
