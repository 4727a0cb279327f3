// HTTP routes for products (/v1/products) and features (/v1/features).
import { Type } from "typebox";
import { decodeCursor, PageOf, PageQuery, toPage } from "../platform/http/pagination.ts";
import { withReason } from "../platform/http/reason.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
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

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const ListQuery = Type.Object(PageQuery, { additionalProperties: false });

export function registerProductAndFeatureRoutes(app: FairbillApp): void {
  const read = { permission: "catalog:read" as const };
  const write = { permission: "catalog:write" as const };

  const productTags = ["Products"];
  app.post(
    "/products",
    {
      config: write,
      schema: {
        tags: productTags,
        summary: "Create a product, which groups charges on invoices",
        body: CreateProductBody,
        response: { 201: ProductSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createProduct(withReason(request.context, request.body.reason), request.body)),
  );
  app.get(
    "/products",
    {
      config: read,
      schema: {
        tags: productTags,
        summary: "List products, newest first",
        querystring: ListQuery,
        response: { 200: PageOf(ProductSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor } = request.query;
      return toPage(
        await listProducts(request.context, { limit, afterId: decodeCursor(cursor) }),
        limit,
        (product) => product,
      );
    },
  );
  app.get(
    "/products/:id",
    {
      config: read,
      schema: {
        tags: productTags,
        summary: "Read a product",
        params: IdParams,
        response: { 200: ProductSchema, ...standardErrorResponses },
      },
    },
    async (request) => getProduct(request.context, request.params.id),
  );
  app.patch(
    "/products/:id",
    {
      config: write,
      schema: {
        tags: productTags,
        summary: "Rename a product or change its description",
        params: IdParams,
        body: UpdateProductBody,
        response: { 200: ProductSchema, ...standardErrorResponses },
      },
    },
    async (request) =>
      updateProduct(withReason(request.context, request.body.reason), request.params.id, request.body),
  );

  const featureTags = ["Features"];
  app.post(
    "/features",
    {
      config: write,
      schema: {
        tags: featureTags,
        summary: "Create a feature: boolean, static configuration, or a metered limit on a meter",
        body: CreateFeatureBody,
        response: { 201: FeatureSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createFeature(withReason(request.context, request.body.reason), request.body)),
  );
  app.get(
    "/features",
    {
      config: read,
      schema: {
        tags: featureTags,
        summary: "List features, newest first",
        querystring: ListQuery,
        response: { 200: PageOf(FeatureSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor } = request.query;
      return toPage(
        await listFeatures(request.context, { limit, afterId: decodeCursor(cursor) }),
        limit,
        (feature) => feature,
      );
    },
  );
  app.get(
    "/features/:id",
    {
      config: read,
      schema: {
        tags: featureTags,
        summary: "Read a feature",
        params: IdParams,
        response: { 200: FeatureSchema, ...standardErrorResponses },
      },
    },
    async (request) => getFeature(request.context, request.params.id),
  );
  app.patch(
    "/features/:id",
    {
      config: write,
      schema: {
        tags: featureTags,
        summary: "Rename a feature, change its description, or point a metered feature at another meter",
        params: IdParams,
        body: UpdateFeatureBody,
        response: { 200: FeatureSchema, ...standardErrorResponses },
      },
    },
    async (request) =>
      updateFeature(withReason(request.context, request.body.reason), request.params.id, request.body),
  );
}
