-- Pricing units and allowances (issue #14, section 4): the custom units a
-- version's usage charges may be priced in ([{code, rate, decimals?}]) and the
-- allowances of those units it grants each billing period
-- ([{unit, amount, rollover?, rollover_cap?, rollover_expires_after?, prorate?}]),
-- as the scenario format version 2 writes them. A published version keeps them
-- as it keeps the rest of its content.
alter table plan_versions add column pricing_units jsonb not null default '[]';
alter table plan_versions add column allowances jsonb not null default '[]';

create or replace function plan_versions_published_are_immutable() returns trigger language plpgsql as $$
begin
  if old.state in ('published', 'retired') and (
    new.currency is distinct from old.currency
    or new.billing_interval is distinct from old.billing_interval
    or new.interval_count is distinct from old.interval_count
    or new.trial_days is distinct from old.trial_days
    or new.minimum_commitment is distinct from old.minimum_commitment
    or new.charges is distinct from old.charges
    or new.currency_prices is distinct from old.currency_prices
    or new.entitlements is distinct from old.entitlements
    or new.pricing_units is distinct from old.pricing_units
    or new.allowances is distinct from old.allowances
    or new.effective_from is distinct from old.effective_from
    or new.state not in ('published', 'retired')
  ) then
    raise exception 'plan version % of plan % is published and cannot change', old.version, old.plan_id;
  end if;
  return new;
end;
$$;
