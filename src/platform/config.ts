// Configuration is read from the environment once, at start, and validated
// here; nothing else in Fairbill reads process.env.
import { join, resolve } from "node:path";
import { parseClickHouseUrl } from "./database/clickhouse-url.ts";
import { defaultDiskReserveMegabytes } from "./database/disk-space.ts";
import { FairbillError } from "./errors.ts";
import { defaultRateLimits, type RateLimitSettings } from "./http/rate-limits.ts";
import { parseKey } from "./secrets/key-text.ts";

export type Configuration = {
  /** TCP port of the HTTP server. */
  port: number;
  /** Interface the HTTP server binds to. */
  host: string;
  /** Folder of the embedded PGlite database, used when no databaseUrl is set. */
  dataDirectory: string;
  /** Free space (MB) the embedded database keeps on its disk: writes are refused below it (FAIRBILL_DISK_RESERVE_MB, 64). */
  diskReserveMegabytes: number;
  /** A PostgreSQL connection string; when set, PGlite is not used. */
  databaseUrl: string | undefined;
  /** A ClickHouse server that raw usage events are mirrored to and read from (CLICKHOUSE_URL); none by default. */
  clickhouseUrl: string | undefined;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** SMTP server for customer emails (smtp:// or smtps://, credentials in the URL); without it they go to <dataDirectory>/outbox. */
  smtpUrl: string | undefined;
  /** The From address of customer emails. */
  emailFrom: string;
  /** Where people reach this server: the start of the links in invitations and password resets (PUBLIC_URL). */
  publicUrl: string;
  /** The bearer token a scraper sends to /metrics (METRICS_TOKEN); without one, /metrics answers the machine itself only. */
  metricsToken: string | undefined;
  /** Webhooks, the tax provider and Stripe's API address may be on this machine or a private network (FAIRBILL_ALLOW_PRIVATE_TARGETS). */
  allowPrivateTargets: boolean;
  /** Requests a minute per key and per address, failed authentications before backoff (RATE_LIMIT_PER_KEY, RATE_LIMIT_PER_ADDRESS, AUTH_FAILURES_BEFORE_BACKOFF). */
  rateLimits: RateLimitSettings;
  /** The job worker of `fairbill serve` (roles worker and all). */
  jobs: JobSettings;
  /** The server's keys when set in the environment; unset ones come from the key file in the data folder. */
  keys: KeySettings;
  /** Seconds between signed checkpoints of the audit chain (AUDIT_CHECKPOINT_SECONDS, 3600). */
  auditCheckpointSeconds: number;
  /** The file outside the database that signed audit checkpoints are appended to (AUDIT_CHECKPOINT_FILE). */
  auditCheckpointFile: string;
  /** Where retention writes archived months of raw events (FAIRBILL_EVENT_ARCHIVE_DIR, <dataDirectory>/event-archives). */
  eventArchiveDirectory: string;
};

export type KeySettings = {
  /** FAIRBILL_MASTER_KEY: wraps each organization's data key (envelope encryption of stored secrets). */
  masterKey: Buffer | undefined;
  /** FAIRBILL_PREVIOUS_MASTER_KEYS (comma-separated): still unwrap data keys until `fairbill secrets rotate` wraps them again. */
  previousMasterKeys: Buffer[];
  /** FAIRBILL_AUDIT_KEY: keys the audit chain's HMACs and signs its checkpoints. */
  auditKey: Buffer | undefined;
};

function readKeySettings(environment: Environment, problems: string[]): KeySettings {
  const read = (name: string, text: string | undefined): Buffer | undefined => {
    if (text === undefined) return undefined;
    const key = parseKey(text);
    if (key === undefined) problems.push(`${name} must be 32 bytes written as base64 or as 64 hex digits`);
    return key;
  };
  const previous = emptyToUndefined(environment.FAIRBILL_PREVIOUS_MASTER_KEYS);
  return {
    masterKey: read("FAIRBILL_MASTER_KEY", emptyToUndefined(environment.FAIRBILL_MASTER_KEY)),
    previousMasterKeys: (previous?.split(",") ?? [])
      .map((text) => read("FAIRBILL_PREVIOUS_MASTER_KEYS", text))
      .filter((key): key is Buffer => key !== undefined),
    auditKey: read("FAIRBILL_AUDIT_KEY", emptyToUndefined(environment.FAIRBILL_AUDIT_KEY)),
  };
}

export type JobSettings = {
  /** Seconds a claimed job stays claimed without its worker's heartbeat (JOB_LEASE_SECONDS, 15): a dead node's jobs move after this. */
  leaseSeconds: number;
  /** Jobs run side by side per lane (JOB_SLOTS_BILLING 2, JOB_SLOTS_DELIVERY 8, JOB_SLOTS_GENERAL 4). */
  slots: { billing: number; delivery: number; general: number };
  /** Seconds between the bill run's ticks (BILL_RUN_TICK_SECONDS, 60). */
  tickSeconds: number;
};

const jobSettingNames = {
  leaseSeconds: ["JOB_LEASE_SECONDS", 15, 3600],
  billing: ["JOB_SLOTS_BILLING", 2, 64],
  delivery: ["JOB_SLOTS_DELIVERY", 8, 256],
  general: ["JOB_SLOTS_GENERAL", 4, 256],
  tickSeconds: ["BILL_RUN_TICK_SECONDS", 60, 3600],
} as const;

function readJobSettings(environment: Environment, problems: string[]): JobSettings {
  const read = (setting: keyof typeof jobSettingNames): number => {
    const [name, fallback, maximum] = jobSettingNames[setting];
    const text = emptyToUndefined(environment[name]);
    if (text === undefined) return fallback;
    const value = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
    if (!(value >= 1 && value <= maximum)) {
      problems.push(`${name} must be a whole number from 1 to ${maximum}, got "${text}"`);
      return fallback;
    }
    return value;
  };
  return {
    leaseSeconds: read("leaseSeconds"),
    slots: { billing: read("billing"), delivery: read("delivery"), general: read("general") },
    tickSeconds: read("tickSeconds"),
  };
}

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

type Environment = Record<string, string | undefined>;

export function readConfiguration(environment: Environment = process.env): Configuration {
  const problems: string[] = [];

  const port = parsePort(environment.PORT ?? "8080");
  if (port === undefined)
    problems.push(`PORT must be a whole number from 1 to 65535, got "${environment.PORT}"`);

  const logLevel = (environment.LOG_LEVEL ?? "info").toLowerCase();
  if (!isLogLevel(logLevel))
    problems.push(`LOG_LEVEL must be one of ${logLevels.join(", ")}, got "${logLevel}"`);

  const databaseUrl = emptyToUndefined(environment.DATABASE_URL);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push("DATABASE_URL must start with postgres:// or postgresql://");
  }

  const clickhouseUrl = emptyToUndefined(environment.CLICKHOUSE_URL);
  if (clickhouseUrl !== undefined && parseClickHouseUrl(clickhouseUrl) === undefined) {
    problems.push(
      "CLICKHOUSE_URL must be http(s)://[user:password@]host:port[/database], such as http://127.0.0.1:8123/fairbill",
    );
  }

  const smtpUrl = emptyToUndefined(environment.SMTP_URL);
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^/]/.test(smtpUrl)) {
    problems.push(
      "SMTP_URL must start with smtp:// or smtps://, such as smtp://user:password@mail.example.com:587",
    );
  }

  const publicUrl = emptyToUndefined(environment.PUBLIC_URL);
  if (publicUrl !== undefined && !/^https?:\/\/[^/]+/.test(publicUrl)) {
    problems.push(`PUBLIC_URL must start with http:// or https://, got "${publicUrl}"`);
  }

  const allowPrivateTargets = parseSwitch(environment.FAIRBILL_ALLOW_PRIVATE_TARGETS);
  if (allowPrivateTargets === undefined) {
    problems.push(
      `FAIRBILL_ALLOW_PRIVATE_TARGETS must be true or false, got "${environment.FAIRBILL_ALLOW_PRIVATE_TARGETS}"`,
    );
  }
  const jobs = readJobSettings(environment, problems);
  const keys = readKeySettings(environment, problems);
  const checkpointText = emptyToUndefined(environment.AUDIT_CHECKPOINT_SECONDS);
  const auditCheckpointSeconds = checkpointText === undefined ? 3600 : Number(checkpointText);
  if (!(/^\d{1,6}$/.test(checkpointText ?? "3600") && auditCheckpointSeconds >= 1)) {
    problems.push(
      `AUDIT_CHECKPOINT_SECONDS must be a whole number from 1 to 999999, got "${checkpointText}"`,
    );
  }

  const reserveText = emptyToUndefined(environment.FAIRBILL_DISK_RESERVE_MB);
  const diskReserveMegabytes = reserveText === undefined ? defaultDiskReserveMegabytes : Number(reserveText);
  if (!/^\d{1,7}$/.test(reserveText ?? "0")) {
    problems.push(
      `FAIRBILL_DISK_RESERVE_MB must be a whole number of megabytes (0 to 9999999), got "${reserveText}"`,
    );
  }

  const rateLimit = (name: string, fallback: number): number => {
    const text = emptyToUndefined(environment[name]);
    if (text === undefined) return fallback;
    if (!/^\d{1,7}$/.test(text) || Number(text) < 1) {
      problems.push(`${name} must be a whole number from 1 to 9999999, got "${text}"`);
      return fallback;
    }
    return Number(text);
  };
  const rateLimits: RateLimitSettings = {
    perKeyPerWindow: rateLimit("RATE_LIMIT_PER_KEY", defaultRateLimits.perKeyPerWindow),
    perAddressPerWindow: rateLimit("RATE_LIMIT_PER_ADDRESS", defaultRateLimits.perAddressPerWindow),
    windowSeconds: rateLimit("RATE_LIMIT_WINDOW_SECONDS", defaultRateLimits.windowSeconds),
    failedAuthenticationsBeforeBackoff: rateLimit(
      "AUTH_FAILURES_BEFORE_BACKOFF",
      defaultRateLimits.failedAuthenticationsBeforeBackoff,
    ),
  };

  if (problems.length > 0 || port === undefined || !isLogLevel(logLevel)) {
    throw new FairbillError({
      code: "invalid_configuration",
      status: 500,
      detail: `Fairbill cannot start: ${problems.join("; ")}`,
    });
  }
  const dataDirectory = resolve(emptyToUndefined(environment.FAIRBILL_DATA_DIR) ?? ".fairbill");
  return {
    port,
    host: emptyToUndefined(environment.HOST) ?? "0.0.0.0",
    dataDirectory,
    diskReserveMegabytes,
    databaseUrl,
    clickhouseUrl,
    logLevel,
    smtpUrl,
    emailFrom: emptyToUndefined(environment.EMAIL_FROM) ?? "Fairbill <billing@localhost>",
    publicUrl: (publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, ""),
    metricsToken: emptyToUndefined(environment.METRICS_TOKEN),
    allowPrivateTargets: allowPrivateTargets ?? false,
    rateLimits,
    jobs,
    keys,
    auditCheckpointSeconds,
    auditCheckpointFile: resolve(
      emptyToUndefined(environment.AUDIT_CHECKPOINT_FILE) ?? join(dataDirectory, "audit-checkpoints.jsonl"),
    ),
    eventArchiveDirectory: resolve(
      emptyToUndefined(environment.FAIRBILL_EVENT_ARCHIVE_DIR) ?? join(dataDirectory, "event-archives"),
    ),
  };
}

function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

/** "true" or "false" (also 1/0, yes/no); unset is false; anything else is undefined. */
function parseSwitch(text: string | undefined): boolean | undefined {
  const value = emptyToUndefined(text)?.toLowerCase();
  if (value === undefined || ["false", "0", "no"].includes(value)) return false;
  if (["true", "1", "yes"].includes(value)) return true;
  return undefined;
}

function isLogLevel(value: string): value is Configuration["logLevel"] {
  return (logLevels as readonly string[]).includes(value);
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
