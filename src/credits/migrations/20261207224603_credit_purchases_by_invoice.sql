-- The void of an invoice and a credit note on it look up the credits the
-- invoice sold (credits/sold-credits.ts) by the invoice's id: an index for
-- that lookup, so that it does not read every purchase of the environment.
create index credit_purchases_by_invoice on credit_purchases (environment_id, invoice_id)
  where invoice_id is not null;
