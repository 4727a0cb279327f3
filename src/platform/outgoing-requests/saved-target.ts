// The check made when someone saves a URL Fairbill will call later (a webhook
// endpoint, the tax provider, Stripe's API address): a clear 400 naming the
// field, rather than a delivery that fails days later. The host is resolved
// now too; a name that does not resolve yet is accepted, since every request
// is checked again when it is sent (guarded-connections.ts).
import { promises as resolver } from "node:dns";
import { validationFailed } from "../errors.ts";
import {
  hostOf,
  isIpAddress,
  outgoingRequestPolicy,
  refusalOfAddress,
  refusalOfUrl,
} from "./target-policy.ts";

/** How long saving waits for the resolver before leaving the check to send time. */
const resolveTimeoutMilliseconds = 2000;

/** The URL, parsed, or a validation error naming `field` (a JSON path such as `$.url`). */
export async function checkTargetUrl(text: string, field: string): Promise<URL> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw validationFailed([{ path: field, message: "is not a URL" }]);
  }
  const policy = outgoingRequestPolicy();
  const refusal = refusalOfUrl(url, policy);
  if (refusal !== null) throw validationFailed([{ path: field, message: refusal }]);
  const host = hostOf(url);
  if (isIpAddress(host)) return url;
  for (const address of await resolvedAddresses(host)) {
    const addressRefusal = refusalOfAddress(address, policy);
    if (addressRefusal !== null) {
      throw validationFailed([
        { path: field, message: `must not point at ${host}: it resolves to ${addressRefusal}` },
      ]);
    }
  }
  return url;
}

async function resolvedAddresses(host: string): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string[]>((resolve) => {
    timer = setTimeout(() => resolve([]), resolveTimeoutMilliseconds);
  });
  const lookup = resolver
    .lookup(host, { all: true })
    .then((addresses) => addresses.map((entry) => entry.address))
    .catch(() => []);
  try {
    return await Promise.race([lookup, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
