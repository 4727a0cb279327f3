-- A credit note on the invoice that sold a grant takes credits back with a
-- `void` entry naming the credit note and the part of the credits' price it
-- refunded (credits/sold-credits.ts); finance releases exactly that from
-- deferred revenue. Such an entry names no invoice; the void of the selling
-- invoice names the invoice and no credit note.
alter table credit_ledger_entries add column credit_note_id text;
alter table credit_ledger_entries add column refunded_amount numeric;
alter table credit_ledger_entries drop constraint credit_ledger_entries_invoice_check;
alter table credit_ledger_entries add constraint credit_ledger_entries_invoice_check
  check (
    (kind in ('burn', 'void_reversal') and invoice_id is not null and credit_note_id is null)
    or (kind in ('increment', 'expiry') and invoice_id is null and credit_note_id is null)
    or (kind = 'void' and (invoice_id is null or credit_note_id is null))
  );
alter table credit_ledger_entries add constraint credit_ledger_entries_refund_check
  check ((credit_note_id is null) = (refunded_amount is null) and (refunded_amount is null or refunded_amount > 0));
-- A credit note takes a grant's credits back once: a retried request cannot take them twice.
create unique index credit_ledger_once_per_credit_note on credit_ledger_entries (grant_id, credit_note_id)
  where credit_note_id is not null;
