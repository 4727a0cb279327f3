-- Lago imports (src/imports/lago-mapping.ts): Lago is a source as Stripe is,
-- its API key sealed in source_secret while the import runs. An import also
-- brings the old system's finalized invoices as history: `imported_invoices`
-- keeps each one read-only, with its lines matched by charge as a parallel
-- run compares them, so that it can be set beside the invoice Fairbill would
-- have issued. Never edited: a second run skips an invoice imported before.
alter table imports drop constraint imports_source_check;
alter table imports add constraint imports_source_check
  check (source in ('stripe', 'csv', 'usage', 'lago'));

create table imported_invoices (
  id text primary key,
  organization_id text not null references organizations (id),
  environment_id text not null references environments (id),
  import_id text not null,
  source text not null,
  -- The invoice's id in the old system.
  source_id text not null,
  customer_id text not null,
  customer_external_id text not null,
  number text not null,
  issued_at timestamptz not null,
  period_start timestamptz not null,
  period_end timestamptz not null,
  currency text not null,
  total numeric not null,
  tax numeric not null,
  -- [{charge_code, description, quantity, unit_price, amount, tax}], amounts in the major unit, before tax.
  lines jsonb not null,
  created_at timestamptz not null,
  unique (environment_id, source, source_id)
);

create index imported_invoices_customer on imported_invoices (environment_id, customer_id, period_start);
