// The catalog's shapes on the API (src/catalog/*-schemas.ts): products,
// features, plans, their versions and review, and a customer's own prices and
// entitlements. Prices are decimal strings; quantities may come back as JSON
// numbers or decimal strings, exactly as they were written.

export type Product = {
  id: string;
  code: string;
  name: string;
  description: string | null;
  created_at: string;
  updated_at: string;
};

export type FeatureKind = "boolean" | "static" | "metered";

export type Feature = {
  id: string;
  code: string;
  name: string;
  description: string | null;
  kind: FeatureKind;
  meter: string | null;
  created_at: string;
  updated_at: string;
};

export type PlanVersionState = "draft" | "pending_approval" | "published" | "retired";
export type PlanVersionStatus =
  | "draft"
  | "pending_approval"
  | "scheduled"
  | "active"
  | "superseded"
  | "retired";

export type PlanVersionSummary = {
  version: number;
  state: PlanVersionState;
  status: PlanVersionStatus;
  effective_from: string | null;
};

export type Plan = {
  id: string;
  code: string;
  name: string;
  description: string | null;
  versions: PlanVersionSummary[];
  created_at: string;
  updated_at: string;
};

export type Quantity = number | string;

export type Tier = { up_to: Quantity | null; unit_price: string; flat_fee?: string };

export type ChargeModel = "per_unit" | "package" | "graduated" | "volume" | "percentage";

/** The price fields a charge and a price book share. */
export type ChargePrices = {
  amount?: string;
  unit_price?: string;
  package_price?: string;
  tiers?: Tier[];
  rate?: string;
  fixed_fee?: string;
  per_transaction_min?: string;
  per_transaction_max?: string;
};

export type Charge = ChargePrices & {
  id: string;
  type: "fixed" | "usage";
  product?: string;
  timing?: "in_advance" | "in_arrears";
  prorate?: boolean;
  meter?: string;
  model?: ChargeModel;
  free_units?: Quantity;
  package_size?: Quantity;
};

export type PriceBook = {
  currency: string;
  minimum_commitment?: string | null;
  charges: (ChargePrices & { id: string })[];
};

export type PlanEntitlement = { feature: string; value?: unknown; limit?: string | null };

export type PlanInterval = "day" | "week" | "month" | "quarter" | "year";

export type PlanVersionContent = {
  currency: string;
  interval: PlanInterval;
  interval_count: number;
  trial_days: number;
  minimum_commitment: string | null;
  charges: Charge[];
  currency_prices: PriceBook[];
  entitlements: PlanEntitlement[];
};

export type PlanVersion = PlanVersionContent & {
  id: string;
  plan_id: string;
  plan_code: string;
  version: number;
  state: PlanVersionState;
  status: PlanVersionStatus;
  copied_from_version: number | null;
  effective_from: string | null;
  created_by: string;
  submitted_by: string | null;
  submitted_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  published_at: string | null;
  retired_at: string | null;
  created_at: string;
  updated_at: string;
};

export type ApprovalStep = {
  id: string;
  action: "submitted" | "approved" | "rejected" | "commented";
  actor: { type: string; id: string; role: string | null };
  comment: string | null;
  created_at: string;
};

export type PlanVersionDiff = {
  plan_id: string;
  from_version: number;
  to_version: number;
  changes: {
    path: string;
    change: "added" | "removed" | "changed";
    before: unknown;
    after: unknown;
    description: string;
  }[];
};

export type ApprovalPolicy = {
  environment: "test" | "live";
  publish_requires_approval: boolean;
  is_default: boolean;
  updated_at: string | null;
};

export type OverrideType =
  | "unit_price"
  | "package_price"
  | "tiers"
  | "amount"
  | "rate"
  | "percentage_discount";

export type PriceOverrideDocument = {
  type: OverrideType;
  unit_price?: string;
  package_price?: string;
  tiers?: Tier[];
  amount?: string;
  rate?: string;
  percent?: string;
};

export type PriceOverride = {
  id: string;
  customer_id: string;
  subscription_id: string;
  plan_id: string;
  plan_code: string;
  charge_id: string;
  slot: "price" | "discount";
  version: number;
  override: PriceOverrideDocument;
  effective_from: string;
  effective_until: string | null;
  created_at: string;
};

export type CustomerEntitlement = {
  feature: string;
  name: string;
  kind: FeatureKind;
  allowed: boolean;
  value: unknown;
  limit: string | null;
  used: string | null;
  remaining: string | null;
  source: "plan" | "grant";
};

export type CustomerEntitlements = {
  customer_id: string;
  as_of: string;
  period_start: string;
  period_end: string;
  data: CustomerEntitlement[];
};
