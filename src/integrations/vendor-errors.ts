// How a call to another system failed, in the terms the sync acts on: a
// rate limit or a server error is worth retrying (after the wait the vendor
// asks for, else a growing one); anything else (a refused document, a
// missing mapping) waits in the error queue for a person.

export type VendorFailureKind =
  | "rate_limited"
  | "server_error"
  | "unreachable"
  | "refused"
  | "mapping_missing";

export class VendorError extends Error {
  readonly kind: VendorFailureKind;
  readonly status: number | null;
  /** What the vendor's Retry-After asked for, in seconds. */
  readonly retryAfterSeconds: number | null;
  constructor(
    kind: VendorFailureKind,
    message: string,
    options: { status?: number | null; retryAfterSeconds?: number | null } = {},
  ) {
    super(message);
    this.name = "VendorError";
    this.kind = kind;
    this.status = options.status ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }

  get retryable(): boolean {
    return this.kind === "rate_limited" || this.kind === "server_error" || this.kind === "unreachable";
  }
}

/** The failure an HTTP status stands for. */
export function vendorErrorOfStatus(
  status: number,
  message: string,
  retryAfterSeconds: number | null = null,
): VendorError {
  if (status === 429) return new VendorError("rate_limited", message, { status, retryAfterSeconds });
  if (status >= 500) return new VendorError("server_error", message, { status, retryAfterSeconds });
  if (status === 0) return new VendorError("unreachable", message, { status: null });
  return new VendorError("refused", message, { status });
}

/** A Retry-After header in seconds (a number of seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterSecondsOf(header: unknown, now: Date): number | null {
  if (typeof header !== "string" || header.trim() === "") return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

export function mappingMissing(kind: string, key: string): VendorError {
  return new VendorError(
    "mapping_missing",
    `No ${kind} mapping for "${key}": add it under the connection's mappings, then retry.`,
  );
}
