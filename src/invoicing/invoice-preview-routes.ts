// HTTP routes that preview invoices of a change before it is made: a
// subscription's plan change (/v1/subscriptions/{id}/change-plan/preview) and
// a change of a fixed charge's quantity (/v1/subscriptions/{id}/quantity-changes/preview).
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { ChangePlanBody, ChangeQuantityBody, SubscriptionIdParams } from "../subscriptions/index.ts";
import { previewPlanChange, previewQuantityChange } from "./invoice-previews.ts";
import { ChangePlanPreviewSchema } from "./invoice-schemas.ts";

export function registerInvoicePreviewRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Subscriptions"], read: "billing:read" });

  // Records nothing, so reading is enough.
  routes.read(
    "POST /subscriptions/:id/change-plan/preview",
    {
      operationId: "previewSubscriptionPlanChange",
      summary:
        "Preview a plan change (the change-plan body, checked the same way): the next invoice without and " +
        "with it, showing the proration credit and the new plan's prorated fee; nothing is recorded",
      params: SubscriptionIdParams,
      body: ChangePlanBody,
      response: ChangePlanPreviewSchema,
    },
    ({ context, params, body }) => previewPlanChange(context, params.id, body),
  );

  routes.read(
    "POST /subscriptions/:id/quantity-changes/preview",
    {
      operationId: "previewSubscriptionQuantityChange",
      summary:
        "Preview a quantity change (the quantity-changes body, checked the same way): the next invoice without " +
        "and with it, showing the prorated difference; nothing is recorded",
      params: SubscriptionIdParams,
      body: ChangeQuantityBody,
      response: ChangePlanPreviewSchema,
    },
    ({ context, params, body }) => previewQuantityChange(context, params.id, body),
  );
}
