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

  it("allows private outgoing targets only when FAIRBILL_ALLOW_PRIVATE_TARGETS says so", () => {
    expect(readConfiguration({ FAIRBILL_ALLOW_PRIVATE_TARGETS: "true" }).allowPrivateTargets).toBe(true);
    expect(readConfiguration({ FAIRBILL_ALLOW_PRIVATE_TARGETS: "false" }).allowPrivateTargets).toBe(false);
    expect(() => readConfiguration({ FAIRBILL_ALLOW_PRIVATE_TARGETS: "maybe" })).toThrow(
      /FAIRBILL_ALLOW_PRIVATE_TARGETS must be true or false/,
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
});
