// A CRM whose access token may expire before its time (revoked, or expired
// by the vendor early): a call the CRM refuses with 401 gets a new token,
// refreshed once per sync run, and is made again with it. A second refusal
// is the CRM's answer, and goes where any refusal goes (the error queue).
import type { CrmSystem } from "./crm-system.ts";
import { VendorError } from "./vendor-errors.ts";

/** Whether the system refused the call for its token (HTTP 401). */
function isExpiredToken(error: unknown): boolean {
  return error instanceof VendorError && error.status === 401;
}

export function refreshingOnExpiredToken(options: {
  accessToken: string;
  /** The CRM, called with this token. */
  open: (accessToken: string) => Promise<CrmSystem>;
  /** A new token, in place of the refused one. */
  renew: (refusedToken: string) => Promise<string>;
}): CrmSystem {
  let accessToken = options.accessToken;
  let system: Promise<CrmSystem> | null = null;
  let renewed = false;
  const call = async <Result>(request: (crm: CrmSystem) => Promise<Result>): Promise<Result> => {
    system ??= options.open(accessToken);
    try {
      return await request(await system);
    } catch (error) {
      if (renewed || !isExpiredToken(error)) throw error;
      renewed = true;
      accessToken = await options.renew(accessToken);
      system = options.open(accessToken);
      return request(await system);
    }
  };
  return {
    companies: () => call((crm) => crm.companies()),
    createCompany: (company) => call((crm) => crm.createCompany(company)),
    linkCompany: (companyId, customerId) => call((crm) => crm.linkCompany(companyId, customerId)),
    wonDeals: () => call((crm) => crm.wonDeals()),
    writeFigures: (companyId, figures) => call((crm) => crm.writeFigures(companyId, figures)),
  };
}
