-- A customer pays an open invoice in the self-serve portal: the payment's
-- origin says so ('portal'), apart from billing ops' 'requested' collection.
alter table payments drop constraint payments_origin_check;
alter table payments add constraint payments_origin_check
  check (origin in ('manual', 'automatic', 'requested', 'dunning_retry', 'provider', 'portal'));
