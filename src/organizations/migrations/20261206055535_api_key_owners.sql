-- Every API key belongs to a user: a person, or a service account (which a
-- person may own). Keys made before there were users each get a service
-- account of their own, shared with the keys rotated from them, so that two
-- old keys still count as two holders, and a rotated key as the same one.
alter table api_keys add column user_id text references users (id);

with recursive chains (key_id, root_key_id) as (
  select id, id from api_keys where rotated_from_key_id is null
  union all
  select api_keys.id, chains.root_key_id
  from api_keys join chains on api_keys.rotated_from_key_id = chains.key_id
)
insert into users (id, organization_id, kind, display_name, created_at, updated_at)
select 'sva_' || substr(api_keys.id, 5), api_keys.organization_id, 'service_account',
  'Key ' || api_keys.name || ' (' || api_keys.prefix || ')', api_keys.created_at, now()
from api_keys
where api_keys.rotated_from_key_id is null;

with recursive chains (key_id, root_key_id) as (
  select id, id from api_keys where rotated_from_key_id is null
  union all
  select api_keys.id, chains.root_key_id
  from api_keys join chains on api_keys.rotated_from_key_id = chains.key_id
)
update api_keys set user_id = 'sva_' || substr(chains.root_key_id, 5)
from chains where chains.key_id = api_keys.id;

-- A key whose chain could not be followed (its first key is gone) answers for itself.
insert into users (id, organization_id, kind, display_name, created_at, updated_at)
select 'sva_' || substr(id, 5), organization_id, 'service_account', 'Key ' || name || ' (' || prefix || ')',
  created_at, now()
from api_keys where user_id is null;
update api_keys set user_id = 'sva_' || substr(id, 5) where user_id is null;

alter table api_keys alter column user_id set not null;
create index api_keys_user on api_keys (user_id);

