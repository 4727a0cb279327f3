-- Imported subscriptions wait for the cut-over (issue #23): a subscription
-- imported from another billing system before the switch date is set issues
-- no invoice (the old system still bills it during the parallel run); setting
-- the switch date makes it bill from then.
alter table subscriptions add column awaits_cut_over boolean not null default false;
