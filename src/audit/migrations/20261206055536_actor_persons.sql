-- The person behind each entry's key or session (the user, or the owner of a
-- service account), by id and by the name they had then. Entries written
-- before there were users have none; the hash of an entry covers these fields
-- only when they are set, so older entries still verify.
alter table audit_events add column actor_person_id text;
alter table audit_events add column actor_person_name text;

create index audit_events_person on audit_events (environment_id, actor_person_id, sequence);
