-- Every batch of events updates the rollup rows of its hours. With free room
-- in each page, PostgreSQL can write the new row version beside the old one
-- (a HOT update) and leave the six-column primary key index alone, instead of
-- adding an index entry for every update.
alter table usage_rollups set (fillfactor = 70);
