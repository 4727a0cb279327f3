// The role Fairbill's queries run as, so that row-level security binds them
// (row-level-security.ts). Policies do not bind a superuser or the tables'
// owner, which is who connects and runs the migrations; so every connection
// the application takes switches (`set role`) to `fairbill_application`: not
// a superuser, not the owner, no BYPASSRLS, with the rights to read and write
// rows and nothing more (no TRUNCATE, no DDL). Migrations, which need the
// owner, run on a raw connection that resets the role first.
//
// The migrator runs this script after every migration run: when anything is
// missing (else it only reads the catalog, and returns), it makes the role
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
  -- Every start after the first finds it all in place: checked by reading the catalog, so that the
  -- grants below (which rewrite every table's entry in it) run only when something is missing.
  -- Nested checks: the privilege functions fail on a role that does not exist.
  if exists (select 1 from pg_roles where rolname = '${applicationRole}') then
    if ((select rolsuper from pg_roles where rolname = current_user)
        or pg_has_role(current_user, '${applicationRole}', 'member'))
      and has_schema_privilege('${applicationRole}', schema_name, 'usage')
      and not exists (
        select 1 from pg_class class join pg_namespace namespace on namespace.oid = class.relnamespace
        where namespace.nspname = schema_name and class.relkind in ('r', 'p', 'v', 'm', 'f')
          and not (has_table_privilege('${applicationRole}', class.oid, 'select')
            and has_table_privilege('${applicationRole}', class.oid, 'insert')
            and has_table_privilege('${applicationRole}', class.oid, 'update')
            and has_table_privilege('${applicationRole}', class.oid, 'delete'))
      )
      and not exists (
        select 1 from pg_class class join pg_namespace namespace on namespace.oid = class.relnamespace
        where namespace.nspname = schema_name and class.relkind = 'S'
          and not (has_sequence_privilege('${applicationRole}', class.oid, 'usage')
            and has_sequence_privilege('${applicationRole}', class.oid, 'select')
            and has_sequence_privilege('${applicationRole}', class.oid, 'update'))
      )
    then
      return;
    end if;
  end if;
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
