-- Which worker made an attempt (host and process id, such as `node-2:4711`):
-- with several nodes, an operator (and the test that kills one) can tell
-- whose attempt was abandoned. Null for attempts made before this column.
alter table job_attempts add column worker text;
