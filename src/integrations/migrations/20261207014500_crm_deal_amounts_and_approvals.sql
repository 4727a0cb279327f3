-- A CRM deal's amount as the CRM states it (HubSpot's amount, Salesforce's
-- Amount; null when the CRM has none), and the approval request its draft
-- contract became, so that the console and the API show each deal with the
-- request an operator approves and then the contract.
alter table crm_deals add column amount numeric;
alter table crm_deals add column approval_request_id text;
