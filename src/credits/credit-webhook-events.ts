// The webhook events credits sends, each carrying the credit grant as the API
// shows it.
import { defineWebhookEvent } from "../notifications/index.ts";
import { CreditGrantSchema } from "./credit-schemas.ts";

export const creditGranted = defineWebhookEvent(
  "credit.granted",
  CreditGrantSchema,
  "Credits were granted to a customer: a promotional or purchased grant made by hand, or a wallet top-up " +
    "(by hand or automatic; purchased when paid for, with its cost_basis, promotional when free).",
);

export const creditWebhookEvents = [creditGranted];
