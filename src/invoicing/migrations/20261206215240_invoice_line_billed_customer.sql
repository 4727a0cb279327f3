-- Account hierarchies (issue #21): a line of a parent's consolidated invoice
-- names the child customer it was billed for (its id, and its name as it was
-- when the line was written, so a finalized invoice never changes). Null on
-- every other line.
alter table invoice_lines add column billed_customer_id text;
alter table invoice_lines add column billed_customer_name text;
