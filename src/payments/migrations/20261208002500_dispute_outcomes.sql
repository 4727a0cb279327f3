-- What becomes of a payment after the provider reports it.
--
-- A dispute follows the provider's status to its close: status_changed_at is
-- when the provider made the status Fairbill holds (an older report does not
-- overwrite a newer one), closed_at when it closed (won, lost, an inquiry
-- closed). A lost one takes back first what its payment put on the customer
-- balance and the balance still holds (amount_from_balance); the rest is lost
-- (amount_lost), booked by finance. updated_at is when Fairbill wrote the
-- last change: a close recorded after its month was locked is booked then.
alter table payment_disputes
  add column status_changed_at timestamptz,
  add column closed_at timestamptz,
  add column amount_from_balance numeric not null default 0,
  add column amount_lost numeric not null default 0,
  add column updated_at timestamptz;
update payment_disputes set status_changed_at = opened_at, updated_at = created_at;
alter table payment_disputes
  alter column status_changed_at set not null,
  alter column updated_at set not null;

-- A payment's money the customer's bank took back through disputes lost.
alter table payments add column amount_charged_back numeric not null default 0;
alter table payments add constraint payments_refunded_and_charged_back_check
  check (amount_charged_back >= 0 and amount_refunded + amount_charged_back <= amount);

-- Of a refund made at the provider: what neither the customer balance nor an
-- invoice could be owed again for (its invoice void, or in another currency),
-- booked by finance as a loss.
alter table refunds add column amount_lost numeric not null default 0;
