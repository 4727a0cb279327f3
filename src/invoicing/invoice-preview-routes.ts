// HTTP routes that preview invoices of a change before it is made: a
// subscription's plan change (/v1/subscriptions/{id}/change-plan/preview).
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { ChangePlanBody, SubscriptionIdParams } from "../subscriptions/index.ts";
import { previewPlanChange } from "./invoice-previews.ts";
import { ChangePlanPreviewSchema } from "./invoice-schemas.ts";

export function registerInvoicePreviewRoutes(app: FairbillApp): void {
  const tags = ["Subscriptions"];
  const read = { permission: "billing:read" as const };

  app.post(
    "/subscriptions/:id/change-plan/preview",
    {
      // Records nothing, so reading is enough.
      config: read,
      schema: {
        tags,
        summary:
          "Preview a plan change (the change-plan body, checked the same way): the next invoice without and " +
          "with it, showing the proration credit and the new plan's prorated fee; nothing is recorded",
        params: SubscriptionIdParams,
        body: ChangePlanBody,
        response: { 200: ChangePlanPreviewSchema, ...standardErrorResponses },
      },
    },
    async (request) => previewPlanChange(request.context, request.params.id, request.body),
  );
}
