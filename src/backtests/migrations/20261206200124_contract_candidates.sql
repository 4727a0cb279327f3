-- Backtests of a contract change (issue #15, item 1): the contract whose
-- rate card is replaced, and the rate card it is priced with instead (the
-- contract's terms' words, docs/scenario-format-v2.md section 5). A backtest
-- prices one candidate: a plan version, price overrides, or a contract change.
alter table backtests add column contract_id text;
alter table backtests add column contract_rate_card jsonb;
alter table backtests drop constraint backtests_check;
alter table backtests add constraint backtests_one_candidate check (
  (plan_version_id is not null)::int + (price_overrides is not null)::int + (contract_id is not null)::int = 1
);
alter table backtests add constraint backtests_contract_rate_card
  check ((contract_id is null) = (contract_rate_card is null));
