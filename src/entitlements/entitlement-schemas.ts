// The JSON shapes of a customer's entitlements on the API.
import { type Static, Type } from "typebox";
import { Code, featureKinds } from "../catalog/index.ts";
import { BodyWithReason } from "../platform/http/reason.ts";
import {
  NonNegativeDecimalString,
  Nullable,
  PrefixedId,
  StringEnum,
  Timestamp,
} from "../platform/http/schemas.ts";

export const GrantEntitlementBody = BodyWithReason({
  feature: Code,
  value: Type.Optional(Type.Unknown({ description: "a static feature's configuration value" })),
  limit: Type.Optional(
    Nullable({
      ...NonNegativeDecimalString,
      description: "a metered feature's limit per period; null is unlimited",
    }),
  ),
});
export type GrantEntitlementInput = Static<typeof GrantEntitlementBody>;

export const EntitlementGrantSchema = Type.Object({
  id: PrefixedId("ent"),
  customer_id: Type.String(),
  feature: Type.String(),
  value: Type.Unknown(),
  limit: Nullable(Type.String()),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type EntitlementGrant = Static<typeof EntitlementGrantSchema>;

export const CustomerEntitlementsSchema = Type.Object({
  customer_id: Type.String(),
  as_of: Timestamp,
  period_start: {
    ...Timestamp,
    description: "the calendar month in the customer's time zone, over which usage counts",
  },
  period_end: Timestamp,
  data: Type.Array(
    Type.Object({
      feature: Type.String(),
      name: Type.String(),
      kind: StringEnum(featureKinds),
      allowed: Type.Boolean({ description: "whether the customer may use the feature now" }),
      value: Type.Unknown(),
      limit: Nullable(Type.String()),
      used: Nullable(Type.String()),
      remaining: Nullable(Type.String()),
      source: StringEnum(["plan", "grant"]),
    }),
  ),
});
export type CustomerEntitlements = Static<typeof CustomerEntitlementsSchema>;
