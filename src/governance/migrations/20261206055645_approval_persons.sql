-- The person behind each review step, so that four-eyes compares persons, not
-- keys: a second key of the author's, or a rotated one, is the same person.
-- Steps taken before there were users are given the service account that
-- their key was moved to.
alter table approvals add column actor_person_id text;
alter table approvals add column actor_person_name text;

alter table approvals disable trigger approvals_append_only;
update approvals
set actor_person_id = api_keys.user_id, actor_person_name = users.display_name
from api_keys join users on users.id = api_keys.user_id
where approvals.actor_type = 'api_key' and approvals.actor_id = api_keys.id;
alter table approvals enable trigger approvals_append_only;
