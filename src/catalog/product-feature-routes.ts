// HTTP routes for products (/v1/products) and features (/v1/features).
import { withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { createFeature, getFeature, listFeatures, updateFeature } from "./features.ts";
import {
  CreateFeatureBody,
  CreateProductBody,
  FeatureSchema,
  ProductSchema,
  UpdateFeatureBody,
  UpdateProductBody,
} from "./product-feature-schemas.ts";
import { createProduct, getProduct, listProducts, updateProduct } from "./products.ts";

export function registerProductAndFeatureRoutes(app: FairbillApp): void {
  const access = { read: "catalog:read", write: "catalog:write" } as const;

  const products = defineRoutes(app, { tags: ["Products"], ...access });
  products.write(
    "POST /products",
    {
      operationId: "createProduct",
      summary: "Create a product, which groups charges on invoices",
      body: CreateProductBody,
      response: ProductSchema,
      status: 201,
    },
    ({ context, body }) => createProduct(withReason(context, body.reason), body),
  );
  products.list(
    "GET /products",
    {
      operationId: "listProducts",
      summary: "List products, newest first",
      item: ProductSchema,
    },
    ({ context }, _filters, page) => listProducts(context, page),
  );
  products.readById(
    "GET /products/:id",
    {
      operationId: "getProduct",
      summary: "Read a product",
      response: ProductSchema,
    },
    getProduct,
  );
  products.writeById(
    "PATCH /products/:id",
    {
      operationId: "updateProduct",
      summary: "Rename a product or change its description",
      body: UpdateProductBody,
      response: ProductSchema,
    },
    (context, id, body) => updateProduct(withReason(context, body.reason), id, body),
  );

  const features = defineRoutes(app, { tags: ["Features"], ...access });
  features.write(
    "POST /features",
    {
      operationId: "createFeature",
      summary: "Create a feature: boolean, static configuration, or a metered limit on a meter",
      body: CreateFeatureBody,
      response: FeatureSchema,
      status: 201,
    },
    ({ context, body }) => createFeature(withReason(context, body.reason), body),
  );
  features.list(
    "GET /features",
    {
      operationId: "listFeatures",
      summary: "List features, newest first",
      item: FeatureSchema,
    },
    ({ context }, _filters, page) => listFeatures(context, page),
  );
  features.readById(
    "GET /features/:id",
    {
      operationId: "getFeature",
      summary: "Read a feature",
      response: FeatureSchema,
    },
    getFeature,
  );
  features.writeById(
    "PATCH /features/:id",
    {
      operationId: "updateFeature",
      summary: "Rename a feature, change its description, or point a metered feature at another meter",
      body: UpdateFeatureBody,
      response: FeatureSchema,
    },
    (context, id, body) => updateFeature(withReason(context, body.reason), id, body),
  );
}
