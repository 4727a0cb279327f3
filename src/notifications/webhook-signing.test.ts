import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateSigningSecret, signWebhook } from "./webhook-signing.ts";

describe("webhook signing", () => {
  it("makes whsec_ secrets of 32 random bytes", () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice("whsec_".length), "base64")).toHaveLength(32);
    expect(generateSigningSecret()).not.toBe(secret);
  });

  it("signs as the Standard Webhooks reference library verifies", () => {
    const secret = generateSigningSecret();
    const body = JSON.stringify({
      type: "invoice.paid",
      timestamp: "2026-03-01T00:00:00.000Z",
      data: { id: "x" },
    });
    const headers = signWebhook({ messageId: "wev_1", sentAt: new Date(), body, secrets: [secret] });
    expect(headers["webhook-id"]).toBe("wev_1");
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    // The reference library's own signature is the same string.
    const timestamp = new Date(Number(headers["webhook-timestamp"]) * 1000);
    expect(new Webhook(secret).sign("wev_1", timestamp, body)).toBe(headers["webhook-signature"]);
  });

  it("refuses a changed body or another secret", () => {
    const secret = generateSigningSecret();
    const headers = signWebhook({
      messageId: "wev_2",
      sentAt: new Date(),
      body: '{"a":1}',
      secrets: [secret],
    });
    expect(() => new Webhook(secret).verify('{"a":2}', headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(generateSigningSecret()).verify('{"a":1}', headers)).toThrow(
      WebhookVerificationError,
    );
  });

  it("signs with every secret given, so either verifies during a rotation", () => {
    const current = generateSigningSecret();
    const previous = generateSigningSecret();
    const body = '{"b":true}';
    const headers = signWebhook({
      messageId: "wev_3",
      sentAt: new Date(),
      body,
      secrets: [current, previous],
    });
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toEqual({ b: true });
    expect(new Webhook(previous).verify(body, headers)).toEqual({ b: true });
  });
});
