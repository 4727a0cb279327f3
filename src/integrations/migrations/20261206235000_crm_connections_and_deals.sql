-- CRM connections (HubSpot, Salesforce) beside the accounting systems, the
-- mapping of CRM products to plans and charges, and the deals won in a CRM:
-- each becomes a draft contract that billing operations approve before it
-- binds (one record per deal and connection, so that a rerun proposes it once).
alter table integration_connections drop constraint integration_connections_system_check;
alter table integration_connections add constraint integration_connections_system_check
  check (system in ('xero', 'quickbooks', 'netsuite', 'hubspot', 'salesforce'));

alter table integration_mappings drop constraint integration_mappings_kind_check;
-- product: a plan code, or plan:charge[:price field], to a CRM product id.
alter table integration_mappings add constraint integration_mappings_kind_check
  check (kind in ('account', 'tax_code', 'item', 'currency', 'customer', 'product'));

create table crm_deals (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  connection_id text not null references integration_connections (id),
  -- The deal's (HubSpot) or opportunity's (Salesforce) id.
  external_id text not null,
  name text not null,
  -- Null while the deal's company is linked to no customer (the deal is failed until it is).
  customer_id text,
  -- awaiting_approval: a draft contract in the approval queue; approved: the
  -- approval is spent and the subscription and contract are being made;
  -- contracted: both made; failed: the deal cannot become a contract (see last_error).
  state text not null check (state in ('awaiting_approval', 'approved', 'contracted', 'failed')),
  -- The contract's terms as proposed (plan, start, end, rate card), the approver's request.
  proposal jsonb,
  subscription_id text,
  contract_id text,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create unique index crm_deals_external on crm_deals (connection_id, external_id);
create index crm_deals_environment on crm_deals (environment_id, id);

-- A CRM's objects (a company linked to a customer) are synced again by the connection's CRM sync.
alter table integration_syncs drop constraint integration_syncs_source_type_check;
alter table integration_syncs add constraint integration_syncs_source_type_check
  check (source_type in ('invoice', 'journal', 'crm'));
