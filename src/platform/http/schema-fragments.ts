// Groups of fields that objects of several domains carry with one meaning,
// spread into a response's Type.Object so that they are described alike.
import { Type } from "typebox";
import { Nullable, Timestamp } from "./schemas.ts";

/** Who asked for a queued run and why, and when it was asked for, started and finished: a backtest's, an import's, a parallel run's. */
export const queuedRunFields = {
  created_by: Type.String(),
  reason: Nullable(Type.String()),
  created_at: Timestamp,
  started_at: Nullable(Timestamp),
  finished_at: Nullable(Timestamp),
};
