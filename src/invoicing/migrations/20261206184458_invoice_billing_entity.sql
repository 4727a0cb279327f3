-- The billing entity (issue #21) that issued an invoice or a credit note:
-- null for documents issued under the environment's invoicing settings
-- alone, before it had any billing entity (they belong to its default one).
alter table invoices add column billing_entity_id text;
alter table credit_notes add column billing_entity_id text;

create index invoices_billing_entity on invoices (environment_id, billing_entity_id);
