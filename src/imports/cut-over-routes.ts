// HTTP routes of the cut-over (/v1/cut-over): read the checklist with the
// switch date and the old system's subscriptions to cancel, and set the
// switch date once every item is ok.

import { withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { getCutOver, setCutOver } from "./cut-over.ts";
import type { ChecklistOptions } from "./cut-over-checklist.ts";
import { CutOverSchema, SetCutOverBody } from "./cut-over-schemas.ts";

export function cutOverRoutes(options: ChecklistOptions): (app: FairbillApp) => void {
  return (app) => {
    const routes = defineRoutes(app, { tags: ["Imports"], read: "billing:read", write: "billing:write" });

    routes.read(
      "GET /cut-over",
      {
        operationId: "getCutOver",
        summary:
          "The cut-over checklist computed from the data (imports clean, parallel run matched or each difference accepted, " +
          "payment methods, webhooks, emails), each item ok or missing with what is missing; the switch date once set; " +
          "and the old system's subscriptions to cancel there",
        response: CutOverSchema,
      },
      ({ context }) => getCutOver(context, options),
    );

    routes.write(
      "POST /cut-over",
      {
        operationId: "setCutOver",
        summary:
          "Set the switch date, refused unless every checklist item is ok: from then Fairbill issues the invoices, " +
          "and the subscriptions imported from the old system bill from that date, not before",
        body: SetCutOverBody,
        response: CutOverSchema,
        status: 201,
      },
      ({ context, body }) => setCutOver(withReason(context, body.reason), body, options),
    );
  };
}
