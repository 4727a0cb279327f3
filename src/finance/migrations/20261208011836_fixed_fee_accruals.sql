-- In-arrears fixed fees are accrued at month ends as usage is (the share of
-- the fee its service has earned by then, reversed when the invoice is
-- issued): a closed month keeps its fee accruals in the same table. `kind`
-- says which it is; a fee has no meter.
alter table finance_usage_accruals add column kind text not null default 'usage' check (kind in ('usage', 'fixed'));
alter table finance_usage_accruals alter column meter drop not null;
