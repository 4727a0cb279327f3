// Every outgoing request goes through here, so that the check happens where
// the connection is made: the host is resolved once, every address it
// resolves to is checked, and the socket connects to those checked addresses.
// A name that resolved to a public address when the URL was saved and to
// 127.0.0.1 now (DNS rebinding) is refused at send time. Redirects are never
// followed: a 3xx is returned to the caller as it came, so a redirect cannot
// lead a request to an address this guard would refuse.
import { type LookupAddress, type LookupOptions, lookup as resolveHost } from "node:dns";
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import type { LookupFunction } from "node:net";
import { Agent, fetch, type RequestInit, type Response } from "undici";
import { inSpan } from "../tracing.ts";
import { outgoingRequestPolicy, refusalOfAddress, refusalOfUrl } from "./target-policy.ts";

/** A request to a target the policy refuses; `code` is what logs and delivery attempts show. */
export class OutgoingRequestRefused extends Error {
  readonly code = "target_refused";
  constructor(message: string) {
    super(message);
    this.name = "OutgoingRequestRefused";
  }
}

/** A resolver for sockets that refuses a host when any of its addresses is refused. */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  const lookupOptions: LookupOptions = { ...(options as LookupOptions), all: true };
  resolveHost(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) {
      callback(error, "", 0);
      return;
    }
    for (const { address } of addresses) {
      const refusal = refusalOfAddress(address, outgoingRequestPolicy());
      if (refusal !== null) {
        callback(new OutgoingRequestRefused(`${hostname} resolves to ${refusal}`), "", 0);
        return;
      }
    }
    if ((options as LookupOptions).all) {
      (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      return;
    }
    const first = addresses[0];
    if (first === undefined) {
      callback(new OutgoingRequestRefused(`${hostname} resolves to no address`), "", 0);
      return;
    }
    callback(null, first.address, first.family);
  });
};

const dispatcher = new Agent({ connect: { lookup: guardedLookup } });

/** Refuses a URL whose text alone names a refused target; a literal address never reaches the resolver. */
export function assertCallableUrl(url: URL): void {
  const refusal = refusalOfUrl(url, outgoingRequestPolicy());
  if (refusal !== null) throw new OutgoingRequestRefused(`${url.origin} ${refusal}`);
}

/** `fetch` for targets someone configured: checked before and at connection, redirects returned, not followed. */
export async function guardedFetch(
  url: string,
  init: Omit<RequestInit, "redirect" | "dispatcher">,
): Promise<Response> {
  const target = new URL(url);
  assertCallableUrl(target);
  const method = init.method ?? "GET";
  return inSpan(
    `${method} ${target.host}`,
    {
      kind: "client",
      attributes: {
        "http.request.method": method,
        "server.address": target.hostname,
        // The path without the query, which may carry a token.
        "url.full": `${target.origin}${target.pathname}`,
      },
    },
    async (span) => {
      const response = await fetch(target, { ...init, redirect: "manual", dispatcher });
      span.setAttribute("http.response.status_code", response.status);
      return response;
    },
  );
}

/** Node HTTP agents with the same guard, for clients that take an agent (Stripe's SDK). */
export function guardedAgent(protocol: "http" | "https"): HttpAgent {
  return protocol === "http" ? httpAgent : httpsAgent;
}

const httpAgent = new HttpAgent({ keepAlive: true, lookup: guardedLookup });
const httpsAgent = new HttpsAgent({ keepAlive: true, lookup: guardedLookup });
