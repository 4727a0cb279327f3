// HubSpot and Salesforce on local servers, shared by the tests of a CRM test
// file: started before its tests, closed after them.
import { type LocalHubSpot, startLocalHubSpot } from "./local-hubspot-server.ts";
import { type LocalSalesforce, startLocalSalesforce } from "./local-salesforce-server.ts";
import { sharedByFile } from "./shared-by-file.ts";

export type LocalCrms = { hubSpot: LocalHubSpot; salesforce: LocalSalesforce };

export function localCrmsForFile(): Readonly<LocalCrms> {
  const started = sharedByFile(
    "local CRM servers",
    async (): Promise<LocalCrms> => {
      const [hubSpot, salesforce] = await Promise.all([startLocalHubSpot(), startLocalSalesforce()]);
      return { hubSpot, salesforce };
    },
    async ({ hubSpot, salesforce }) => {
      await hubSpot.close();
      await salesforce.close();
    },
  );
  return {
    get hubSpot() {
      return started().hubSpot;
    },
    get salesforce() {
      return started().salesforce;
    },
  };
}
