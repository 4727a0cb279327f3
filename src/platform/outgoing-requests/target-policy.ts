// Which machines Fairbill may call on a customer's behalf (webhooks, the tax
// provider, the payment provider's API address). An address someone types
// into a setting must not reach what only the server can reach: this
// machine, the private network, link-local addresses and, above all, a cloud
// metadata service that hands out the server's own credentials. Addresses
// are classified with ipaddr.js (IPv4-mapped IPv6 counts as its IPv4 address).
// Self-hosters whose tax calculator lives on their own network may allow
// private targets (FAIRBILL_ALLOW_PRIVATE_TARGETS); metadata services and the
// unspecified address stay refused even then.
import ipaddr from "ipaddr.js";

export type OutgoingRequestPolicy = {
  /** Loopback, private, unique-local and link-local addresses may be called (off by default). */
  allowPrivateTargets: boolean;
};

let currentPolicy: OutgoingRequestPolicy = { allowPrivateTargets: false };

/** Set once at start from the configuration (the server, the CLI), or by a test that calls local servers. */
export function setOutgoingRequestPolicy(policy: OutgoingRequestPolicy): void {
  currentPolicy = { ...policy };
}

export function outgoingRequestPolicy(): OutgoingRequestPolicy {
  return currentPolicy;
}

/** Host names of cloud metadata services (Google Cloud, Amazon EC2). */
const metadataHostNames = new Set([
  "metadata.google.internal",
  "metadata.goog",
  "metadata",
  "instance-data",
  "instance-data.ec2.internal",
]);

/** Metadata services that answer on an address of their own (EC2's IPv6, Alibaba Cloud's). */
const metadataAddresses = new Set(["169.254.169.254", "fd00:ec2::254", "100.100.100.200"]);

/** Ranges a self-hoster may allow: their own machine and network. */
const privateRanges = new Set(["loopback", "private", "uniqueLocal", "linkLocal", "carrierGradeNat"]);

const rangeNames: Record<string, string> = {
  loopback: "a loopback address (this machine)",
  private: "a private network address",
  uniqueLocal: "a private network address",
  linkLocal: "a link-local address",
  carrierGradeNat: "a shared (carrier-grade NAT) address",
  unspecified: "the unspecified address",
  broadcast: "the broadcast address",
  multicast: "a multicast address",
};

export function isIpAddress(text: string): boolean {
  return ipaddr.isValid(text);
}

/** Why an address may not be called under the policy ("127.0.0.1, a loopback address (this machine)"), or null. */
export function refusalOfAddress(
  address: string,
  policy: OutgoingRequestPolicy = currentPolicy,
): string | null {
  if (!ipaddr.isValid(address)) return `${address}, not an IP address`;
  const parsed = ipaddr.process(address);
  const shown = parsed.toString();
  if (metadataAddresses.has(shown)) return `${shown}, a cloud metadata address`;
  const range = parsed.range();
  if (range === "unicast") return null;
  if (policy.allowPrivateTargets && privateRanges.has(range)) return null;
  return `${shown}, ${rangeNames[range] ?? "a reserved address"}`;
}

/**
 * Why a URL may not be called, judged on its text alone (scheme, credentials,
 * a metadata host name, a literal address), or null when the host's
 * addresses are what is left to check.
 */
export function refusalOfUrl(url: URL, policy: OutgoingRequestPolicy = currentPolicy): string | null {
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must start with https:// or http://";
  if (url.username !== "" || url.password !== "") {
    return "must not hold credentials (a user name or password before the host)";
  }
  const host = hostOf(url);
  if (metadataHostNames.has(host)) return `must not point at a cloud metadata service (${host})`;
  if (ipaddr.isValid(host)) {
    const refusal = refusalOfAddress(host, policy);
    return refusal === null ? null : `must not point at ${refusal}`;
  }
  if (!policy.allowPrivateTargets && (host === "localhost" || host.endsWith(".localhost"))) {
    return `must not point at this machine (${host})`;
  }
  return null;
}

/** The host of a URL as a resolver or a socket takes it: no IPv6 brackets, no final dot, lower case. */
export function hostOf(url: URL): string {
  return url.hostname
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "")
    .toLowerCase();
}
