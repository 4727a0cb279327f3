-- Invoice lines are written by the hundred in a bill run; two costs per line
-- were not needed:
-- - `invoice_lines_invoice` indexes (invoice_id, position), which the unique
--   constraint on the same columns already indexes;
-- - the guard that refuses lines added to a finalized invoice ran a PL/pgSQL
--   function and a query for every inserted line. It now runs once per
--   statement, after it, over the statement's new lines (a transition
--   table); an update or a delete of a line keeps its check per row.
drop index invoice_lines_invoice;

create function invoice_lines_added_to_drafts_only() returns trigger language plpgsql as $$
declare
  finalized_invoice_id text;
begin
  select invoices.id into finalized_invoice_id
  from invoices
  where invoices.id in (select added_lines.invoice_id from added_lines)
    and invoices.status <> 'draft'
  limit 1;
  if finalized_invoice_id is not null then
    raise exception 'invoice % is finalized; its lines cannot change', finalized_invoice_id;
  end if;
  return null;
end;
$$;

drop trigger invoice_lines_immutable on invoice_lines;

create trigger invoice_lines_immutable
  before update or delete on invoice_lines
  for each row execute function invoice_lines_of_finalized_are_immutable();

create trigger invoice_lines_added_to_drafts_only
  after insert on invoice_lines
  referencing new table as added_lines
  for each statement execute function invoice_lines_added_to_drafts_only();
