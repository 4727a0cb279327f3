// A client of Stripe's API through Stripe's official SDK, for every domain
// that talks to Stripe (payments, the Stripe Tax engine): at Stripe, or at
// `apiBaseUrl` when one is set (the tests run local servers that speak the
// part of Stripe's API each one uses), always connecting through the
// outgoing-request guard (no internal addresses).
import Stripe from "stripe";
import { guardedAgent } from "./guarded-connections.ts";

export type StripeSettings = { secretKey: string; apiBaseUrl: string | null };

export function stripeClient(settings: StripeSettings): Stripe {
  const base = settings.apiBaseUrl === null ? null : new URL(settings.apiBaseUrl);
  const protocol = base?.protocol === "http:" ? "http" : "https";
  return new Stripe(settings.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    httpAgent: guardedAgent(protocol),
    ...(base === null
      ? {}
      : { host: base.hostname, port: base.port || (protocol === "http" ? 80 : 443), protocol }),
  });
}
