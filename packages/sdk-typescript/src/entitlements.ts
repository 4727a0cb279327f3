// Entitlement checks with a short cache: `allowed(customerId, feature)` asks
// GET /v1/customers/{id}/entitlements at most once per customer every `ttlMs`
// (default 30 s), and callers asking at the same moment share one request.
// A metered feature's `remaining` is as of that answer.

export type Entitlement = {
  feature: string;
  name: string;
  kind: "boolean" | "static" | "metered";
  allowed: boolean;
  value: unknown;
  limit: string | null;
  used: string | null;
  remaining: string | null;
  source: "plan" | "grant";
};

export type EntitlementOptions = {
  baseUrl: string;
  apiKey: string;
  /** How long an answer is used. Default 30,000 ms. */
  ttlMs?: number;
  fetch?: typeof fetch;
  /** The clock (tests move it). */
  now?: () => number;
};

type CacheEntry = { expiresAt: number; answer: Promise<Map<string, Entitlement>> };

export class EntitlementChecker {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly options: EntitlementOptions;
  private readonly fetchFunction: typeof fetch;
  private readonly now: () => number;
  /** Requests made to the server (the cache's misses). */
  requests = 0;

  constructor(options: EntitlementOptions) {
    this.options = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, "") };
    this.fetchFunction = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.now = options.now ?? Date.now;
  }

  /** Whether the customer (Fairbill's id, cus_…) may use the feature now; false for a feature it lacks. */
  async allowed(customerId: string, feature: string): Promise<boolean> {
    return (await this.entitlement(customerId, feature))?.allowed ?? false;
  }

  /** The customer's entitlement to the feature, or undefined when it has none. */
  async entitlement(customerId: string, feature: string): Promise<Entitlement | undefined> {
    return (await this.entitlements(customerId)).get(feature);
  }

  /** All of the customer's entitlements, by feature code. */
  entitlements(customerId: string): Promise<Map<string, Entitlement>> {
    const cached = this.cache.get(customerId);
    if (cached !== undefined && cached.expiresAt > this.now()) return cached.answer;
    const answer = this.load(customerId);
    this.cache.set(customerId, { expiresAt: this.now() + (this.options.ttlMs ?? 30_000), answer });
    // A failed answer is not kept.
    answer.catch(() => this.cache.delete(customerId));
    return answer;
  }

  /** Forgets the cached answer of one customer, or of all. */
  invalidate(customerId?: string): void {
    if (customerId === undefined) this.cache.clear();
    else this.cache.delete(customerId);
  }

  private async load(customerId: string): Promise<Map<string, Entitlement>> {
    this.requests++;
    const response = await this.fetchFunction(
      `${this.options.baseUrl}/v1/customers/${encodeURIComponent(customerId)}/entitlements`,
      { headers: { authorization: `Bearer ${this.options.apiKey}` } },
    );
    if (!response.ok) {
      throw new Error(
        `GET entitlements of ${customerId} answered ${response.status}: ${await response.text()}`,
      );
    }
    const body = (await response.json()) as { data: Entitlement[] };
    return new Map(body.data.map((entitlement) => [entitlement.feature, entitlement]));
  }
}
