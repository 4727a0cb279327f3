-- The btree on (environment_id, occurred_at) cost about a third of the time of
-- inserting an event, for two rare readers: the explorer without a customer,
-- and recounting a meter. A BRIN index on the timestamp costs next to nothing
-- to keep (one summary per block range) and narrows both to the blocks of the
-- asked time range; the explorer asks for recent ranges first (see
-- event-explorer.ts).
drop index events_time;
create index events_time_brin on events using brin (occurred_at) with (autosummarize = on);
