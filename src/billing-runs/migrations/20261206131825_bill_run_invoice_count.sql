-- How many invoices the environment had when a bill run started: a run whose
-- process died is closed as failed with what it actually issued (the count
-- now less this), not with its last progress report, which lags by up to a
-- second of work. Null for runs started before this column existed.
alter table bill_runs add column invoices_before integer;
