// @fairbill/sdk: Fairbill's TypeScript client. Needs only `fetch` and Web
// Crypto (Node.js 20+, Deno, Bun, browsers, edge runtimes); the file spool is
// a separate entry point for Node.js (`@fairbill/sdk/spool`).
export {
  type CallInit,
  createFairbillClient,
  FairbillApiError,
  type FairbillClient,
  type FairbillClientOptions,
  type OperationId,
} from "./client.ts";
export { type Entitlement, EntitlementChecker, type EntitlementOptions } from "./entitlements.ts";
export type { components, operations, paths, webhooks } from "./generated/openapi.ts";
export {
  IngestionClient,
  type IngestionOptions,
  type QueuedEvent,
  type RejectedUsageEvent,
  RetryableError,
  type Spool,
  type UsageEvent,
} from "./ingestion.ts";
export {
  type VerifiedWebhook,
  verifyWebhook,
  type WebhookHeaders,
  WebhookVerificationError,
} from "./webhooks.ts";
