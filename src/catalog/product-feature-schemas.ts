// The JSON shapes of products and features on the API.
import { type Static, Type } from "typebox";
import { BodyWithReason, ReasonField } from "../platform/http/reason.ts";
import { Nullable, PrefixedId, StringEnum, Timestamp } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { Code } from "../pricing/index.ts";
import {
  catalogEntryChangeFields,
  newCatalogEntryFields,
  UpdateCatalogEntryBody,
} from "./catalog-entries.ts";

export const CreateProductBody = StrictObject({ ...newCatalogEntryFields, reason: ReasonField });
export type CreateProductInput = Static<typeof CreateProductBody>;

export const UpdateProductBody = UpdateCatalogEntryBody;
export type UpdateProductInput = Static<typeof UpdateProductBody>;

export const ProductSchema = Type.Object({
  id: PrefixedId("prd"),
  code: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Product = Static<typeof ProductSchema>;

export const featureKinds = ["boolean", "static", "metered"] as const;

export const CreateFeatureBody = BodyWithReason({
  ...newCatalogEntryFields,
  kind: StringEnum(featureKinds, {
    description: "boolean: on or off; static: a configuration value; metered: a limit per period on a meter",
  }),
  meter: Type.Optional(Code),
});
export type CreateFeatureInput = Static<typeof CreateFeatureBody>;

export const UpdateFeatureBody = BodyWithReason(
  {
    ...catalogEntryChangeFields,
    meter: Type.Optional(Code),
  },
  { minProperties: 1 },
);
export type UpdateFeatureInput = Static<typeof UpdateFeatureBody>;

export const FeatureSchema = Type.Object({
  id: PrefixedId("fea"),
  code: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  kind: StringEnum(featureKinds),
  meter: Nullable(Type.String({ description: "the meter code of a metered feature" })),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Feature = Static<typeof FeatureSchema>;
