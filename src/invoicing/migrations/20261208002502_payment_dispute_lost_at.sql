-- When a dispute of one of the invoice's payments was lost (the customer's
-- bank took the money back). The invoice keeps its status, as Stripe's and
-- Lago's do; this says why its payment's money is gone. Part of the payment
-- state a finalized invoice may still change (the immutability trigger lists
-- only its content).
alter table invoices add column payment_dispute_lost_at timestamptz;
