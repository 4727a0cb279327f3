// Row-level security as the second line behind every query's tenant filter
// (DESIGN.md: "every query is scoped by them, row-level security as a second
// line"). Every table with an `environment_id` column gets a policy that
// shows and accepts only the rows of the environment named by the session
// setting `fairbill.environment_id`; a table with only an `organization_id`
// gets one keyed by `fairbill.organization_id`. Work across every tenant (the
// job queue, the bill run's schedule) sets `fairbill.all_tenants` to `on`.
// A query without the settings sees nothing.
//
// Policies bind roles that are neither superusers nor the tables' owner: the
// role Fairbill connects as must be such a role for them to hold (see
// README, Security). PGlite has one user, a superuser, so there they are
// defined but never enforced.
//
// The migrator runs this after applying migrations, so a table added later
// gets its policy with the migration that adds it.
export const tenantPoliciesScript = `
do $tenant_policies$
declare
  tenant_table record;
  setting text;
  tenant_column text;
begin
  for tenant_table in
    select columns.table_name, bool_or(columns.column_name = 'environment_id') as has_environment
    from information_schema.columns columns
    join information_schema.tables tables
      on tables.table_schema = columns.table_schema and tables.table_name = columns.table_name
    where columns.table_schema = current_schema()
      and tables.table_type = 'BASE TABLE'
      and columns.column_name in ('environment_id', 'organization_id')
    group by columns.table_name
  loop
    tenant_column := case when tenant_table.has_environment then 'environment_id' else 'organization_id' end;
    setting := case when tenant_table.has_environment then 'fairbill.environment_id' else 'fairbill.organization_id' end;
    execute format('alter table %I enable row level security', tenant_table.table_name);
    if not exists (
      select 1 from pg_policies
      where schemaname = current_schema() and tablename = tenant_table.table_name and policyname = 'tenant_isolation'
    ) then
      execute format(
        'create policy tenant_isolation on %I using (%I = current_setting(%L, true) or current_setting(''fairbill.all_tenants'', true) = ''on'') '
          || 'with check (%I = current_setting(%L, true) or current_setting(''fairbill.all_tenants'', true) = ''on'')',
        tenant_table.table_name, tenant_column, setting, tenant_column, setting
      );
    end if;
  end loop;
end
$tenant_policies$;
`;

// Tables whose rows carry an environment but are read or written across the
// organization's environments: the audit log is one hash chain per
// organization, verified over both environments; emails to the organization's
// people are queued in its live environment whichever environment the change
// was made in, and so are the jobs that send them; a person's roles in both
// environments are shown together. Their rows are shown to any
// connection of the organization (`fairbill.organization_id`), still never to
// another organization's. A second permissive policy, so either one admits a
// row. The migrator runs this after every migration run; it is idempotent.
const organizationWideTables = ["audit_events", "email_messages", "jobs", "memberships"];

export const organizationWidePoliciesScript = `
do $organization_wide_policies$
declare
  table_name text;
begin
  -- The tables still without the policy, in one query (none, at every start after the first).
  for table_name in
    select wanted.name
    from unnest(array[${organizationWideTables.map((name) => `'${name}'`).join(", ")}]) as wanted(name)
    where to_regclass(wanted.name) is not null
      and not exists (
        select 1 from pg_policy policy
        where policy.polrelid = to_regclass(wanted.name) and policy.polname = 'organization_wide'
      )
  loop
    execute format(
      'create policy organization_wide on %I using (organization_id = current_setting(''fairbill.organization_id'', true)) '
        || 'with check (organization_id = current_setting(''fairbill.organization_id'', true))',
      table_name
    );
  end loop;
end
$organization_wide_policies$;
`;
