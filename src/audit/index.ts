// The front door of the audit log: the hash-chained record that every change
// to configuration or money writes in its own transaction, and its routes.
// Other domains import only from here; everything else in the folder is private to it.
export { createAuditCheckpointSchedule, writeAuditCheckpoints } from "./audit-checkpoint-writer.ts";
export {
  type ActorDescription,
  type AuditChange,
  actorOfRow,
  describeActor,
  recordAuditEvent,
  recordAuditEvents,
  verifyAuditChain,
  verifyEveryAuditChain,
} from "./audit-log.ts";
export { recordCreation, recordObjectChange, recordSettingsUpdate } from "./audit-records.ts";
export { auditRoutes } from "./audit-routes.ts";
export { PersonSchema } from "./audit-schemas.ts";
