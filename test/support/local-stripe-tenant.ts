// A test file's app serving on a port of this machine and its tenant whose
// payments the local Stripe collects, Stripe's webhooks sent back to the app
// as they would be to a seller's server.
import type { AddressInfo } from "node:net";
import { collectThroughLocalStripe } from "./builders.ts";
import { type LocalStripe, startLocalStripe } from "./local-stripe-server.ts";
import { sharedByFile } from "./shared-by-file.ts";
import { type FileTestApp, testAppForFile } from "./test-app.ts";

export type FileStripeTenant = FileTestApp & {
  readonly stripe: LocalStripe;
  /** Where the app listens: `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
};

/** Starts the app, a tenant named `tenantName` and the local Stripe before the file's tests; closes them after. */
export function stripeTenantForFile(tenantName: string): FileStripeTenant {
  const suite = testAppForFile({ allowPrivateTargets: true, tenantName });
  const started = sharedByFile(
    "local Stripe",
    async () => {
      await suite.testApp.app.listen({ port: 0, host: "127.0.0.1" });
      const baseUrl = `http://127.0.0.1:${(suite.testApp.app.server.address() as AddressInfo).port}`;
      const stripe = await startLocalStripe();
      const settings = await collectThroughLocalStripe(suite.tenant.admin, stripe);
      stripe.webhookUrl = `${baseUrl}${settings.stripe.webhook_path}`;
      return { stripe, baseUrl };
    },
    ({ stripe }) => stripe.close(),
  );
  return {
    get testApp() {
      return suite.testApp;
    },
    get tenant() {
      return suite.tenant;
    },
    get stripe() {
      return started().stripe;
    },
    get baseUrl() {
      return started().baseUrl;
    },
  };
}
