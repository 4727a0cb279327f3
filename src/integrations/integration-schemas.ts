// The JSON shapes of integrations on the API: connections (whose secrets are
// written and never read back), mappings, and sync records (the sync log and
// its failed part, the error queue).
import { type Static, Type } from "typebox";
import { DecimalString, NonEmptyId, Nullable, StringEnum, Timestamp } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import {
  connectionStatuses,
  crmDealStates,
  integrationSystems,
  mappingKinds,
  syncObjectTypes,
  syncStates,
} from "./tables.ts";

const Url = Type.String({ minLength: 1, maxLength: 2000 });

export const CreateConnectionBody = StrictObject({
  system: StringEnum(integrationSystems, {
    description:
      "the system: xero, quickbooks (QuickBooks Online) or netsuite (accounting); hubspot or salesforce (CRM)",
  }),
  client_id: Type.String({ minLength: 1, maxLength: 200, description: "the OAuth 2 client id of your app" }),
  client_secret: Type.String({
    minLength: 1,
    maxLength: 500,
    description: "the OAuth 2 client secret; stored encrypted and never shown again",
  }),
  redirect_uri: {
    ...Url,
    description: "where the system sends the browser back after consent (the console's integrations page)",
  },
  authorize_url: Type.Optional({
    ...Url,
    description: "the system's consent page; the system's own by default",
  }),
  token_url: Type.Optional({
    ...Url,
    description:
      "the system's OAuth 2 token endpoint; the system's own by default (NetSuite: the account's, from api_base_url)",
  }),
  connections_url: Type.Optional({
    ...Url,
    description:
      "where the account a token reaches is read (Xero's connections, HubSpot's access-token endpoint); the system's own by default (unused by the others)",
  }),
  api_base_url: Type.Optional({
    ...Url,
    description:
      "the system's API root; the system's own by default, except NetSuite's, which is the account's (https://<account id>.suitetalk.api.netsuite.com) and required, and Salesforce's, which comes with its tokens",
  }),
});
export type CreateConnectionInput = Static<typeof CreateConnectionBody>;

export const AuthorizeConnectionBody = StrictObject({
  code: Type.String({ minLength: 1, maxLength: 2000, description: "the code the system sent back" }),
  state: Type.String({ minLength: 1, maxLength: 200, description: "the state the system sent back" }),
  tenant_id: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description:
        "QuickBooks: the realmId the system sent back; NetSuite: the company (account id) it sent back; Xero: not needed",
    }),
  ),
});
export type AuthorizeConnectionInput = Static<typeof AuthorizeConnectionBody>;

export const ConnectionSchema = Type.Object(
  {
    id: Type.String(),
    system: StringEnum(integrationSystems),
    status: StringEnum(connectionStatuses),
    client_id: Type.String(),
    redirect_uri: Type.String(),
    api_base_url: Type.String(),
    external_tenant_id: Nullable(
      Type.String({ description: "the organization connected, in the system's ids" }),
    ),
    consent_url: Nullable(
      Type.String({ description: "pending_authorization: the page to send the person who consents to" }),
    ),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: "IntegrationConnection" },
);
export type ConnectionView = Static<typeof ConnectionSchema>;

export const PutMappingBody = StrictObject({
  kind: StringEnum(mappingKinds, {
    description:
      "account: a Fairbill account role (revenue, cash, accounts_receivable, …) to the system's account code; " +
      "tax_code: a tax percent such as 20 (or none) to the system's tax type; item: a line's description to an item code; " +
      "currency: a currency to the system's code; customer: a customer id to an existing contact id (an accounting system) or company or account id (a CRM); " +
      "product: a plan code (a won deal's line item becomes the contract's plan), or plan:charge:field with field amount, unit_price or discount_percent (the line item's price or discount becomes a rate card entry), to the CRM's product id",
  }),
  fairbill_key: Type.String({ minLength: 1, maxLength: 200 }),
  external_key: Type.String({ minLength: 1, maxLength: 200 }),
});
export type PutMappingInput = Static<typeof PutMappingBody>;

export const MappingSchema = Type.Object(
  {
    id: Type.String(),
    connection_id: Type.String(),
    kind: StringEnum(mappingKinds),
    fairbill_key: Type.String(),
    external_key: Type.String(),
    updated_at: Timestamp,
  },
  { title: "IntegrationMapping" },
);
export type MappingView = Static<typeof MappingSchema>;

export const SyncSchema = Type.Object(
  {
    id: Type.String(),
    connection_id: Type.String(),
    object_type: StringEnum(syncObjectTypes),
    object_id: Type.String(),
    state: StringEnum(syncStates, {
      description: "pending, synced, failed (in the error queue: retry or skip) or skipped",
    }),
    external_id: Nullable(Type.String({ description: "the object's id in the accounting system" })),
    attempts: Type.Integer({ minimum: 0, description: "calls made to the system, retries included" }),
    last_error_code: Nullable(Type.String()),
    last_error: Nullable(Type.String()),
    synced_at: Nullable(Timestamp),
    failed_at: Nullable(Timestamp),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: "IntegrationSync" },
);
export type SyncView = Static<typeof SyncSchema>;

export const SyncListQuery = StrictObject({
  connection_id: Type.Optional(NonEmptyId),
  state: Type.Optional(StringEnum(syncStates, { description: "failed: the error queue" })),
  object_type: Type.Optional(StringEnum(syncObjectTypes)),
  object_id: Type.Optional(NonEmptyId),
});
export type SyncListFilters = Static<typeof SyncListQuery>;

export const QueueInvoiceSyncBody = StrictObject({
  invoice_id: {
    ...NonEmptyId,
    description: "a finalized invoice: it, its customer, payments, refunds and credit notes",
  },
});

export const QueueJournalSyncBody = StrictObject({
  period: Type.String({
    pattern: "^\\d{4}-\\d{2}$",
    description: "the accounting month, YYYY-MM",
    examples: ["2026-11"],
  }),
});

export const QueuedSyncSchema = Type.Object({
  queued: Type.Boolean(),
  job_id: Type.String(),
});

export const CrmDealSchema = Type.Object(
  {
    id: Type.String(),
    connection_id: Type.String(),
    external_id: Type.String({ description: "the deal's (HubSpot) or opportunity's (Salesforce) id" }),
    name: Type.String(),
    amount: Nullable({ ...DecimalString, description: "the deal's amount as the CRM states it" }),
    state: StringEnum(crmDealStates, {
      description:
        "awaiting_approval (a draft contract in the approval queue), approved (the contract is being made), contracted, or failed (see last_error)",
    }),
    customer_id: Nullable(Type.String()),
    draft_contract: Nullable(
      Type.Object({
        plan: Type.String(),
        start: Timestamp,
        end: Timestamp,
        rate_card_entries: Type.Integer({ minimum: 0, description: "negotiated prices from the line items" }),
      }),
    ),
    approval_request_id: Nullable(
      Type.String({ description: "the approval request the draft contract became" }),
    ),
    subscription_id: Nullable(Type.String()),
    contract_id: Nullable(Type.String({ description: "the contract made once the request was approved" })),
    last_error: Nullable(Type.String()),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: "CrmDeal" },
);
export type CrmDealView = Static<typeof CrmDealSchema>;

export const CrmDealListQuery = StrictObject({
  state: Type.Optional(StringEnum(crmDealStates)),
});
export type CrmDealListFilters = Static<typeof CrmDealListQuery>;

/** The objects the console shows links for: customers, invoices and payments. */
const linkedObjectTypes = ["customer", "invoice", "payment"] as const;

/** At most this many objects' links in one request (a page of the console's lists). */
const externalLinkObjectsPerRequest = 100;

export const ExternalLinkQuery = StrictObject({
  object_type: StringEnum(linkedObjectTypes),
  object_id: Type.Optional({
    ...NonEmptyId,
    description: "the object's Fairbill id (cus_…, inv_…, pay_…); 404 when no such object; or object_ids",
  }),
  object_ids: Type.Optional(
    Type.String({
      pattern: `^[A-Za-z0-9_]+(,[A-Za-z0-9_]+){0,${externalLinkObjectsPerRequest - 1}}$`,
      description: `up to ${externalLinkObjectsPerRequest} objects' ids, separated by commas (a list page's rows): the links of those of this environment, unknown ids answering none`,
    }),
  ),
});
export type ExternalLinkQueryInput = Static<typeof ExternalLinkQuery>;

export const ExternalLinkSchema = Type.Object(
  {
    sync_id: Type.String(),
    connection_id: Type.String(),
    system: StringEnum(integrationSystems),
    object_type: StringEnum(syncObjectTypes),
    object_id: Type.String(),
    external_id: Nullable(Type.String({ description: "the object's id in the system, once synced" })),
    state: StringEnum(syncStates),
    url: Nullable(
      Type.String({ description: "the vendor's web page for the object, where the vendor has one" }),
    ),
    updated_at: Timestamp,
  },
  { title: "IntegrationExternalLink" },
);
export type ExternalLinkView = Static<typeof ExternalLinkSchema>;
