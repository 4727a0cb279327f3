-- Allowance alerts (issue #14, section 4): a rule on how much of a pricing
-- unit's allowance the current billing period has used, in percent (80: four
-- fifths of the units granted and rolled over). It names its unit; like a
-- usage rule, it has no currency.
alter table alert_rules drop constraint alert_rules_kind_check;
alter table alert_rules drop constraint alert_rules_check;
alter table alert_rules drop constraint alert_rules_check1;
alter table alert_rules add column pricing_unit text;
alter table alert_rules add constraint alert_rules_kind_check
  check (kind in ('spend', 'usage', 'credit_balance', 'allowance'));
alter table alert_rules add constraint alert_rules_meter_check
  check ((kind = 'usage') = (meter_code is not null));
alter table alert_rules add constraint alert_rules_currency_check
  check ((kind in ('usage', 'allowance')) = (currency is null));
alter table alert_rules add constraint alert_rules_pricing_unit_check
  check ((kind = 'allowance') = (pricing_unit is not null));
alter table alert_triggers add column pricing_unit text;
