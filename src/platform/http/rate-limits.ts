// Limits on how fast one caller may use the API (@fastify/rate-limit's
// counters): per credential (an API key or a session, whoever holds it) and
// per address, each a number of requests a window (a minute by default); past either the answer is
// 429 `rate_limited` with Retry-After. Failed authentication (a wrong key, a
// wrong password: any 401) slows the address it came from: past a few
// failures in a quarter of an hour, each further failure makes the address
// wait twice as long (1 s, 2 s, 4 s, … up to 15 minutes) before any request
// with a credential is looked at again, so guessing keys or passwords gets
// nowhere. Counters live in the process, which is the one that serves.
import { createHash } from "node:crypto";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { FairbillError } from "../errors.ts";
import { sessionCookieName } from "./authentication.ts";

export type RateLimitSettings = {
  /** Requests one API key or session may make in a window (RATE_LIMIT_PER_KEY). */
  perKeyPerWindow: number;
  /** Requests one address may make in a window (RATE_LIMIT_PER_ADDRESS). */
  perAddressPerWindow: number;
  /** The window's length in seconds (RATE_LIMIT_WINDOW_SECONDS, 60). */
  windowSeconds: number;
  /** Failed authentications an address may make in 15 minutes before it has to wait (AUTH_FAILURES_BEFORE_BACKOFF). */
  failedAuthenticationsBeforeBackoff: number;
};

export const defaultRateLimits: RateLimitSettings = {
  perKeyPerWindow: 1200,
  perAddressPerWindow: 3000,
  windowSeconds: 60,
  failedAuthenticationsBeforeBackoff: 10,
};

const minute = 60_000;
const failureWindowMilliseconds = 15 * minute;
const longestBackoffMilliseconds = 15 * minute;
/** Addresses remembered at most; the oldest are forgotten first (a flood of addresses cannot exhaust memory). */
const rememberedAddresses = 100_000;

export async function registerRateLimits(app: FastifyInstance, settings: RateLimitSettings): Promise<void> {
  await app.register(rateLimit, { global: false });
  const perKey = app.createRateLimit({
    max: settings.perKeyPerWindow,
    timeWindow: settings.windowSeconds * 1000,
    keyGenerator: (request) => `key:${credentialDigest(request) ?? ""}`,
    allowList: (request) => credentialDigest(request) === undefined,
  });
  const perAddress = app.createRateLimit({
    max: settings.perAddressPerWindow,
    timeWindow: settings.windowSeconds * 1000,
    keyGenerator: (request) => `address:${request.ip}`,
  });
  const failures = new AuthenticationFailures(settings.failedAuthenticationsBeforeBackoff);

  // Before authentication (registered first): a limited caller costs no key lookup or password hash.
  app.addHook("onRequest", async (request, reply) => {
    if (!request.url.startsWith("/v1/")) return;
    const waitMilliseconds = failures.waitFor(request.ip, Date.now());
    if (waitMilliseconds > 0 && hasCredential(request)) {
      refuse(
        reply,
        Math.ceil(waitMilliseconds / 1000),
        "too_many_failed_authentications",
        "Too many failed attempts to authenticate from this address",
      );
    }
    for (const limiter of [perAddress, perKey]) {
      const outcome = await limiter(request);
      if (!outcome.isAllowed && outcome.isExceeded) {
        const which = limiter === perKey ? "this key or session" : "this address";
        refuse(reply, outcome.ttlInSeconds, "rate_limited", `Too many requests from ${which}`);
      }
    }
  });
  app.addHook("onResponse", async (request, reply) => {
    if (reply.statusCode === 401 && request.url.startsWith("/v1/")) failures.record(request.ip, Date.now());
  });
}

function refuse(reply: FastifyReply, retryAfterSeconds: number, code: string, reason: string): never {
  const seconds = Math.max(1, retryAfterSeconds);
  reply.header("retry-after", String(seconds));
  throw new FairbillError({ code, status: 429, detail: `${reason}; try again in ${seconds} s.` });
}

function credentialOf(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization === "string" && authorization.trim() !== "") return authorization.trim();
  const session = request.cookies?.[sessionCookieName];
  return session === undefined || session === "" ? undefined : `session ${session}`;
}

function hasCredential(request: FastifyRequest): boolean {
  // A sign-in sends its password in the body: it is a credential too.
  return credentialOf(request) !== undefined || request.url.startsWith("/v1/sign-in");
}

/** The credential's digest: counters never hold a key itself. */
function credentialDigest(request: FastifyRequest): string | undefined {
  const credential = credentialOf(request);
  return credential === undefined
    ? undefined
    : createHash("sha256").update(credential).digest("hex").slice(0, 32);
}

/** Failed authentications per address in the last 15 minutes, and until when each address waits. */
class AuthenticationFailures {
  private readonly byAddress = new Map<string, { failures: number[]; waitUntil: number }>();
  private readonly allowed: number;
  constructor(allowed: number) {
    this.allowed = allowed;
  }

  record(address: string, now: number): void {
    const entry = this.byAddress.get(address) ?? { failures: [], waitUntil: 0 };
    entry.failures = entry.failures.filter((at) => now - at < failureWindowMilliseconds);
    entry.failures.push(now);
    const beyond = entry.failures.length - this.allowed;
    if (beyond > 0) {
      entry.waitUntil = now + Math.min(1000 * 2 ** (beyond - 1), longestBackoffMilliseconds);
    }
    this.byAddress.delete(address);
    this.byAddress.set(address, entry);
    if (this.byAddress.size > rememberedAddresses) {
      const oldest = this.byAddress.keys().next().value;
      if (oldest !== undefined) this.byAddress.delete(oldest);
    }
  }

  waitFor(address: string, now: number): number {
    const entry = this.byAddress.get(address);
    return entry === undefined ? 0 : Math.max(0, entry.waitUntil - now);
  }
}
