// The outgoing-request guard against the addresses an attack on a running
// Fairbill used (issue 18, finding 4), a real resolver and real local HTTP
// servers: refused at save time with the field named, refused at send time
// (also when a name resolves to a refused address), redirects not followed.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { internalTargets } from "../../../test/support/internal-targets.ts";
import { FairbillError } from "../errors.ts";
import { guardedFetch, guardedLookup, OutgoingRequestRefused } from "./guarded-connections.ts";
import { checkTargetUrl } from "./saved-target.ts";
import { refusalOfUrl, setOutgoingRequestPolicy } from "./target-policy.ts";

const refusedTargets = [
  ...internalTargets,
  "http://0x7f.1/hook",
  "http://[::ffff:127.0.0.1]/hook",
  "http://10.0.0.7/hook",
  "http://192.168.1.1/hook",
  "http://[fd00:ec2::254]/",
  "ftp://hooks.example.com/hook",
];

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/redirect") {
      response.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
      response.end();
      return;
    }
    response.writeHead(200, { "content-type": "text/plain" });
    response.end("reached");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => setOutgoingRequestPolicy({ allowPrivateTargets: false }));

describe("saving a target", () => {
  it.each(refusedTargets)("refuses %s with a 400 naming the field", async (target) => {
    const error = await checkTargetUrl(target, "$.url").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FairbillError);
    expect(error).toMatchObject({ status: 400, errors: [{ path: "$.url" }] });
  });

  it("accepts a public address and a name that does not resolve yet", async () => {
    await expect(checkTargetUrl("https://93.184.215.14/hook", "$.url")).resolves.toBeInstanceOf(URL);
    await expect(checkTargetUrl("https://hooks.example.invalid/hook", "$.url")).resolves.toBeInstanceOf(URL);
  });

  it("allows this machine and the private network when the setting says so, never a metadata service", async () => {
    setOutgoingRequestPolicy({ allowPrivateTargets: true });
    for (const target of [
      "http://127.0.0.1:8080/",
      "http://localhost:5432/",
      "http://10.0.0.7/",
      "http://[::1]/",
    ]) {
      expect(refusalOfUrl(new URL(target))).toBeNull();
    }
    for (const target of [
      "http://169.254.169.254/",
      "http://metadata.google.internal/",
      "http://0.0.0.0/",
      "http://[fd00:ec2::254]/",
      "https://user:password@hooks.example.com/",
    ]) {
      expect(refusalOfUrl(new URL(target))).not.toBeNull();
    }
  });
});

describe("sending a request", () => {
  it("refuses a literal address before connecting", async () => {
    await expect(guardedFetch(`http://127.0.0.1:${port}/`, { method: "POST" })).rejects.toBeInstanceOf(
      OutgoingRequestRefused,
    );
    await expect(guardedFetch(`http://2130706433:${port}/`, { method: "POST" })).rejects.toThrow(/loopback/);
  });

  it("refuses a host name when the resolver answers a refused address (DNS rebinding)", async () => {
    const outcome = await new Promise<Error | null>((resolve) =>
      guardedLookup("localhost", {}, (error) => resolve(error)),
    );
    expect(outcome).toBeInstanceOf(OutgoingRequestRefused);
    expect(outcome?.message).toMatch(/localhost resolves to .*loopback/);
  });

  it("reaches a local server when private targets are allowed, and returns a redirect without following it", async () => {
    setOutgoingRequestPolicy({ allowPrivateTargets: true });
    const reached = await guardedFetch(`http://localhost:${port}/`, { method: "POST", body: "{}" });
    expect(reached.status).toBe(200);
    expect(await reached.text()).toBe("reached");
    const redirected = await guardedFetch(`http://127.0.0.1:${port}/redirect`, { method: "POST" });
    expect(redirected.status).toBe(302);
    await redirected.body?.cancel();
  });
});
