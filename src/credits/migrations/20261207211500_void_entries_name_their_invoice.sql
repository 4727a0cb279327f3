-- A void entry may name an invoice: the void of the invoice that sold the
-- grant takes the grant back (credits/sold-credits.ts), and finance books
-- that as the sale reversed rather than as breakage. Burns and void reversals
-- still always name their invoice; increments and expiries never do.
alter table credit_ledger_entries drop constraint credit_ledger_entries_check1;
alter table credit_ledger_entries add constraint credit_ledger_entries_invoice_check
  check (
    (kind in ('burn', 'void_reversal') and invoice_id is not null)
    or (kind in ('increment', 'expiry') and invoice_id is null)
    or kind = 'void'
  );
