-- Issue #14, sections 4 and 5: what a contract's prepaid commits paid of an
-- invoice (after its discount, before credits: `commits`, null when the
-- subscription has no contract with commits; `commit_draws`, each commit's
-- draw with the start of the term it drew from), and the allowances of the
-- period the invoice closes ([{unit, granted, rolled_over, used, expired,
-- balance}] in the unit's decimals; null when the plan grants none).
alter table invoices add column commits numeric;
alter table invoices add column commit_draws jsonb not null default '[]';
alter table invoices add column allowances jsonb;
