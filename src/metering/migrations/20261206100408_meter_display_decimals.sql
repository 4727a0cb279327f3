-- Meters: how many decimals a quantity of the meter shows on what a customer
-- reads (the PDF, the invoice and upcoming-invoice pages, the portal). Null
-- uses the default (2); the exact quantity stays in the line's explanation,
-- the API and exports.
alter table meters add column display_decimals smallint
  check (display_decimals between 0 and 12);
