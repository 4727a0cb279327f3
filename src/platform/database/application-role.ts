// The role Fairbill's queries run as, so that row-level security binds them
// (row-level-security.ts). Policies do not bind a superuser or the tables'
// owner, which is who connects and runs the migrations; so every connection
// the application takes switches (`set role`) to `fairbill_application`: not
// a superuser, not the owner, no BYPASSRLS, with the rights to read and write
// rows and nothing more (no TRUNCATE, no DDL). Migrations, which need the
// owner, run on a raw connection that resets the role first.
//
// The migrator runs this script after every migration run: it makes the role
// when it is missing (the connecting user needs CREATEROLE for that, or an
// administrator makes it once; see docs/operations.md), lets the connecting
// user switch to it, and grants it the rows of every table in the schema,
// new tables included.
export const applicationRole = "fairbill_application";

export const applicationRoleScript = `
do $application_role$
declare
  schema_name text := current_schema();
begin
  if not exists (select 1 from pg_roles where rolname = '${applicationRole}') then
    begin
      create role ${applicationRole} nologin nosuperuser nocreatedb nocreaterole noinherit nobypassrls;
    exception
      when duplicate_object or unique_violation then null;
      when insufficient_privilege then
        raise exception 'Fairbill runs its queries as the role ${applicationRole}, which does not exist and which % may not create: create it once as an administrator (create role ${applicationRole} nologin; grant ${applicationRole} to %;)', current_user, current_user;
    end;
  end if;
  if not (select rolsuper from pg_roles where rolname = current_user)
    and not pg_has_role(current_user, '${applicationRole}', 'member') then
    execute format('grant ${applicationRole} to %I', current_user);
  end if;
  execute format('grant usage on schema %I to ${applicationRole}', schema_name);
  execute format('grant select, insert, update, delete on all tables in schema %I to ${applicationRole}', schema_name);
  execute format('grant usage, select, update on all sequences in schema %I to ${applicationRole}', schema_name);
end
$application_role$;
`;
