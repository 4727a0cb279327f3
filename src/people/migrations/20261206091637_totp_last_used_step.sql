-- The 30-second step of the last TOTP code a person used, so that a code seen
-- over a shoulder or in a log cannot be used again within its window.
alter table users add column totp_last_used_step bigint;
