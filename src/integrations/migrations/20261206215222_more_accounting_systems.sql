-- QuickBooks Online and NetSuite join Xero as accounting systems a
-- connection may reach (their tenant: QuickBooks' realm id, NetSuite's
-- account id; for them connections_url holds the API root, unused).
alter table integration_connections drop constraint integration_connections_system_check;
alter table integration_connections
  add constraint integration_connections_system_check check (system in ('xero', 'quickbooks', 'netsuite'));
