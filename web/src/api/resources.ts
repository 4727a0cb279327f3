// Names for the objects the API answers with, taken from the generated
// document (generated/openapi.ts) rather than written again by hand: a
// change to a route's schema changes these types, and the console's type
// check shows every place that reads the old shape.
import type { ClientPathsWithMethod, MethodResponse } from "openapi-fetch";
import type { paths } from "./generated/openapi.ts";
import type { GetData, GetPath, ListItem } from "./queries.ts";
import type { FairbillClient } from "./typed-client.ts";

type JsonBody<Operation> = Operation extends { requestBody?: { content: { "application/json": infer Body } } }
  ? Body
  : never;

/** The JSON body a write route takes, such as `RequestBody<"/v1/customers", "post">`. */
export type RequestBody<
  Path extends keyof paths,
  Method extends "post" | "patch" | "put" | "delete",
> = JsonBody<paths[Path][Method]>;

/** What a write route answers, such as `WriteResult<"/v1/simulations", "post">`. */
export type WriteResult<
  Path extends ClientPathsWithMethod<FairbillClient, Method>,
  Method extends "post" | "patch" | "delete",
> = MethodResponse<FairbillClient, Method, Path>;

/** The query parameters a GET route takes. */
export type QueryOf<Path extends GetPath> = NonNullable<paths[Path]["get"]["parameters"]["query"]>;

// Customers, keys, the audit log and metering.
export type Customer = GetData<"/v1/customers/{id}">;
export type TaxId = Customer["tax_ids"][number];
export type InvoiceSettings = Customer["invoice_settings"];
export type ApiKey = GetData<"/v1/api-keys/{id}">;
export type Role = ApiKey["role"];
export type NewApiKey = WriteResult<"/v1/api-keys", "post">;
export type AuditEvent = ListItem<"/v1/audit-events">;
export type Meter = GetData<"/v1/meters/{id}">;
export type UsageEvent = GetData<"/v1/events/{id}">;
export type UnattributedCustomer = ListItem<"/v1/events/unattributed">;
export type UsageReport = GetData<"/v1/usage">;
export type UsageWindow = UsageReport["windows"][number];

// The catalog.
export type Product = GetData<"/v1/products/{id}">;
export type Feature = GetData<"/v1/features/{id}">;
export type FeatureKind = Feature["kind"];
export type Plan = GetData<"/v1/plans/{id}">;
export type PlanVersionSummary = Plan["versions"][number];
export type PlanVersion = GetData<"/v1/plans/{id}/versions/{version}">;
export type PlanVersionStatus = PlanVersion["status"];
/** What a version prices and grants: read from a version, written back to a draft. */
export type PlanVersionContent = Pick<
  PlanVersion,
  | "currency"
  | "interval"
  | "interval_count"
  | "trial_days"
  | "minimum_commitment"
  | "charges"
  | "currency_prices"
  | "entitlements"
>;
/** A charge as the API checks it: one variant per type and model, each with only its own fields. */
export type ChargeOfModel = PlanVersion["charges"][number];
type KeysOfEvery<Union> = Union extends unknown ? keyof Union : never;
type FieldOfAny<Union, Key extends PropertyKey> = Union extends unknown
  ? Key extends keyof Union
    ? Union[Key]
    : never
  : never;
/**
 * A charge as the console's forms and views read it: every field of every
 * model, each optional, so a form can hold a charge while its model changes.
 * The API checks that a charge sent has its model's fields and no others.
 */
export type Charge = Pick<ChargeOfModel, "type" | "id"> & {
  [Field in Exclude<KeysOfEvery<ChargeOfModel>, "type" | "id">]?: FieldOfAny<ChargeOfModel, Field>;
};
export type ChargeModel = NonNullable<Charge["model"]>;
export type PriceBook = PlanVersion["currency_prices"][number];
/** The price fields a charge and a price book share. */
export type ChargePrices = Omit<PriceBook["charges"][number], "id">;
/** A count as the API keeps it: a JSON number or a decimal string, as it was written. */
export type Quantity = NonNullable<Charge["free_units"]>;
export type PlanEntitlement = PlanVersion["entitlements"][number];
export type Tier = NonNullable<Charge["tiers"]>[number];
export type PlanInterval = PlanVersion["interval"];
export type ApprovalStep = GetData<"/v1/plans/{id}/versions/{version}/review">["data"][number];
export type PlanVersionDiff = GetData<"/v1/plans/{id}/versions/{version}/diff/{other_version}">;
export type ApprovalPolicy = GetData<"/v1/catalog/approval-policy">;
export type PriceOverride = ListItem<"/v1/customers/{id}/price-overrides">;
export type PriceOverrideDocument = PriceOverride["override"];
export type OverrideType = PriceOverrideDocument["type"];
export type CustomerEntitlements = GetData<"/v1/customers/{id}/entitlements">;
export type CustomerEntitlement = CustomerEntitlements["data"][number];

// Billing: subscriptions, invoices, credits, coupons, payments and bill runs.
export type Subscription = GetData<"/v1/subscriptions/{id}">;
export type SubscriptionStatus = Subscription["status"];
export type Invoice = GetData<"/v1/invoices/{id}">;
export type InvoiceStatus = Invoice["status"];
export type InvoiceLine = Invoice["lines"][number];
export type InvoiceParty = NonNullable<Invoice["buyer"]>;
export type InvoiceTotals = Pick<
  Invoice,
  "subtotal" | "discount" | "credits" | "tax" | "total" | "balance_applied" | "amount_due"
> & {
  /** What a contract's prepaid commits paid; absent or null without a contract that has commits. */
  commits?: string | null | undefined;
};
export type InvoicePreview = GetData<"/v1/customers/{id}/upcoming-invoice">;
export type CreditNote = GetData<"/v1/credit-notes/{id}">;
export type CreditNoteReason = CreditNote["reason"];
export type CreditGrant = GetData<"/v1/credit-grants/{id}">;
export type CreditGrantStatus = CreditGrant["status"];
export type CreditLedgerEntry = ListItem<"/v1/customers/{id}/credit-ledger">;
export type CreditBalances = GetData<"/v1/customers/{id}/credit-balances">;
export type CustomerBalance = GetData<"/v1/customers/{id}/balance">;
export type Wallet = GetData<"/v1/wallets/{id}">;
export type Coupon = GetData<"/v1/coupons/{id}">;
export type CouponRedemption = ListItem<"/v1/customers/{id}/coupons">;
export type Payment = ListItem<"/v1/payments">;
export type ManualPaymentMethod = RequestBody<"/v1/invoices/{id}/payments", "post">["method"];
export type TestClock = GetData<"/v1/test-clock">;
export type BillRun = ListItem<"/v1/bill-runs">;
export type BillRunDetail = GetData<"/v1/bill-runs/{id}">;
export type AlertRule = ListItem<"/v1/customers/{id}/alerts">;
export type AlertKind = AlertRule["kind"];
export type AlertTrigger = GetData<"/v1/alerts/{id}/triggers">["data"][number];
export type SimulationResult = WriteResult<"/v1/simulations", "post">;
export type SimulatedInvoice = SimulationResult["invoices"][number];
export type SimulatedLine = SimulatedInvoice["lines"][number];
/** Why a line costs what it does; its keys depend on the line's kind and price model. */
export type LineDetails = SimulatedLine["details"];

// Webhooks.
export type WebhookEndpoint = GetData<"/v1/webhook-endpoints/{id}">;
export type NewWebhookSecret = WriteResult<"/v1/webhook-endpoints", "post">;
export type WebhookDelivery = ListItem<"/v1/webhook-endpoints/{id}/deliveries">;

// Finance.
export type Reconciliation = GetData<"/v1/reconciliation">;
export type UsageRow = Reconciliation["usage"]["rows"][number];
export type UsageDifference = Reconciliation["usage"]["differences"][number];
export type DifferenceCategory = UsageDifference["category"];
export type ReceivableFigures = Reconciliation["receivables"]["totals"][number];
export type AmountInCurrency = Reconciliation["leakage"]["amounts"][number];
export type CloseChecklist = GetData<"/v1/close-checklist">;
export type ChecklistItem = CloseChecklist["items"][number];
export type PeriodLock = WriteResult<"/v1/period-locks", "post">;
export type Kpis = GetData<"/v1/kpis">;
export type MrrMonth = Kpis["mrr"][number];
export type CustomerForecast = Kpis["forecast"]["customers"][number];

// The customer portal.
export type PortalProfile = GetData<"/v1/portal/me">;
export type PortalSubscriptionOptions = GetData<"/v1/portal/plan-options">["data"][number];
export type PortalPlanOption = PortalSubscriptionOptions["plan_options"][number];
export type PortalUsage = GetData<"/v1/portal/usage">;
export type PortalMeterUsage = PortalUsage["meters"][number];
export type PortalUsageDay = PortalMeterUsage["days"][number];
export type PortalUpcomingInvoice = GetData<"/v1/portal/upcoming-invoice">;
export type PaymentMethod = GetData<"/v1/portal/payment-methods">["data"][number];
