-- Customer emails: the templates an environment has edited (every edit a new
-- version; a template never edited uses the built-in default), and the
-- outbox of messages, each rendered when queued and sent by a job.
create table email_templates (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  template text not null,
  version integer not null check (version >= 1),
  subject text not null,
  html_body text not null,
  text_body text not null,
  created_at timestamptz not null default now(),
  unique (environment_id, template, version)
);

create table email_messages (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  template text not null,
  -- 0 when the built-in default was used.
  template_version integer not null,
  customer_id text,
  recipient text not null,
  subject text not null,
  html_body text not null,
  text_body text not null,
  -- queued (a send job is due), sent, failed (every retry used up).
  status text not null check (status in ('queued', 'sent', 'failed')),
  attempt_count integer not null default 0,
  last_error text,
  -- smtp, or folder when no SMTP server is configured.
  transport text,
  sent_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index email_messages_environment on email_messages (environment_id, id);
create index email_messages_customer on email_messages (environment_id, customer_id, id);
