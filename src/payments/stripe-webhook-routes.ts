// The route Stripe's webhooks arrive at, one per environment:
// POST /v1/webhooks/stripe/{environment_id}. It has no API key: Stripe proves
// itself with the Stripe-Signature header, which is checked over the exact
// bytes received, so this route keeps the raw body beside the parsed one.
import { Type } from "typebox";
import { FairbillError } from "../platform/errors.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { ObjectId, ProblemSchema } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { StripeWebhookBody, WebhookReceiptSchema } from "./payment-schemas.ts";
import { receiveStripeWebhook } from "./stripe-webhooks.ts";

const maximumBodyBytes = 1024 * 1024;

export function registerStripeWebhookRoutes(app: FairbillApp): void {
  app.register(async (scoped) => {
    const rawBodies = new WeakMap<object, Buffer>();
    scoped.removeContentTypeParser("application/json");
    scoped.addContentTypeParser(
      "application/json",
      { parseAs: "buffer", bodyLimit: maximumBodyBytes },
      (request, body: Buffer, done) => {
        try {
          const parsed: unknown = JSON.parse(body.toString("utf8"));
          if (parsed !== null && typeof parsed === "object") rawBodies.set(request, body);
          done(null, parsed);
        } catch {
          done(
            new FairbillError({
              code: "invalid_json",
              status: 400,
              detail: "The request body is not valid JSON.",
            }),
            undefined,
          );
        }
      },
    );

    const routes = defineRoutes(scoped, {
      tags: ["Payment provider webhooks"],
      write: { providerWebhook: { provider: "stripe", environmentParameter: "environment_id" } },
      security: [],
    });
    routes.write(
      "POST /webhooks/stripe/:environment_id",
      {
        operationId: "receiveStripeWebhook",
        summary:
          "Where Stripe sends this environment's events; signed by Stripe, processed once per event id",
        params: Type.Object({ environment_id: ObjectId }),
        headers: Type.Object({ "stripe-signature": Type.Optional(Type.String({ maxLength: 4096 })) }),
        body: StripeWebhookBody,
        response: WebhookReceiptSchema,
        errors: { 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
      },
      async (request) => {
        const raw = rawBodies.get(request);
        if (raw === undefined) {
          throw new FairbillError({
            code: "invalid_json",
            status: 400,
            detail: "Send the event as a JSON object.",
          });
        }
        const signature = request.headers["stripe-signature"];
        const { eventId, outcome } = await receiveStripeWebhook(
          request.context,
          raw,
          Array.isArray(signature) ? signature.join(",") : signature,
        );
        return { received: true, event_id: eventId, outcome };
      },
    );
  });
}
