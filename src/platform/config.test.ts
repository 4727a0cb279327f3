import { describe, expect, it } from "vitest";
import { readConfiguration } from "./config.ts";

describe("configuration", () => {
  it("has defaults that need nothing installed", () => {
    const configuration = readConfiguration({});
    expect(configuration.port).toBe(8080);
    expect(configuration.databaseUrl).toBeUndefined();
    expect(configuration.dataDirectory.endsWith(".fairbill")).toBe(true);
    expect(configuration.allowPrivateTargets).toBe(false);
  });

  it("reads the rate limits, with defaults, and refuses a limit that is not a positive whole number", () => {
    expect(readConfiguration({}).rateLimits).toEqual({
      perKeyPerWindow: 1200,
      perAddressPerWindow: 3000,
      windowSeconds: 60,
      failedAuthenticationsBeforeBackoff: 10,
    });
    expect(
      readConfiguration({
        RATE_LIMIT_PER_KEY: "60",
        RATE_LIMIT_WINDOW_SECONDS: "5",
        AUTH_FAILURES_BEFORE_BACKOFF: "3",
      }).rateLimits,
    ).toMatchObject({
      perKeyPerWindow: 60,
      windowSeconds: 5,
      failedAuthenticationsBeforeBackoff: 3,
    });
    expect(() => readConfiguration({ RATE_LIMIT_PER_ADDRESS: "0" })).toThrow(
      /RATE_LIMIT_PER_ADDRESS must be a whole number/,
    );
  });

  it("allows private outgoing targets only when FAIRBILL_ALLOW_PRIVATE_TARGETS says so", () => {
    expect(readConfiguration({ FAIRBILL_ALLOW_PRIVATE_TARGETS: "true" }).allowPrivateTargets).toBe(true);
    expect(readConfiguration({ FAIRBILL_ALLOW_PRIVATE_TARGETS: "false" }).allowPrivateTargets).toBe(false);
    expect(() => readConfiguration({ FAIRBILL_ALLOW_PRIVATE_TARGETS: "maybe" })).toThrow(
      /FAIRBILL_ALLOW_PRIVATE_TARGETS must be true or false/,
    );
  });

  it("reads CLICKHOUSE_URL and refuses one that is not an http(s) address with a database name", () => {
    expect(readConfiguration({}).clickhouseUrl).toBeUndefined();
    expect(readConfiguration({ CLICKHOUSE_URL: "http://127.0.0.1:8123/events" }).clickhouseUrl).toBe(
      "http://127.0.0.1:8123/events",
    );
    expect(() => readConfiguration({ CLICKHOUSE_URL: "tcp://127.0.0.1:9000" })).toThrow(
      /CLICKHOUSE_URL must be http\(s\)/,
    );
    expect(() => readConfiguration({ CLICKHOUSE_URL: "http://127.0.0.1:8123/no-dashes" })).toThrow(
      /CLICKHOUSE_URL must be/,
    );
  });

  it("reads PORT, FAIRBILL_DATA_DIR and DATABASE_URL", () => {
    const configuration = readConfiguration({
      PORT: "9090",
      FAIRBILL_DATA_DIR: "/tmp/fairbill-data",
      DATABASE_URL: "postgres://user@db:5432/fairbill",
    });
    expect(configuration).toMatchObject({
      port: 9090,
      dataDirectory: "/tmp/fairbill-data",
      databaseUrl: "postgres://user@db:5432/fairbill",
    });
  });

  it("names every bad setting at once", () => {
    expect(() => readConfiguration({ PORT: "eighty", LOG_LEVEL: "loud", DATABASE_URL: "mysql://x" })).toThrow(
      /PORT must be a whole number.*LOG_LEVEL must be one of.*DATABASE_URL must start with postgres/,
    );
  });

  it("reads the job worker's lease, slots and tick, naming a bad one", () => {
    expect(readConfiguration({}).jobs).toEqual({
      leaseSeconds: 15,
      slots: { billing: 2, delivery: 8, general: 4 },
      tickSeconds: 60,
    });
    expect(
      readConfiguration({ JOB_LEASE_SECONDS: "5", JOB_SLOTS_DELIVERY: "16", BILL_RUN_TICK_SECONDS: "1" })
        .jobs,
    ).toEqual({ leaseSeconds: 5, slots: { billing: 2, delivery: 16, general: 4 }, tickSeconds: 1 });
    expect(() => readConfiguration({ JOB_LEASE_SECONDS: "0", JOB_SLOTS_BILLING: "two" })).toThrow(
      /JOB_LEASE_SECONDS must be a whole number from 1 to 3600, got "0".*JOB_SLOTS_BILLING must be a whole number/,
    );
  });
});
