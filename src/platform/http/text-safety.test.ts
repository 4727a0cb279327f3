import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FairbillError } from "../errors.ts";
import { registerTextSafety } from "./text-safety.ts";

// The hook alone, on a bare Fastify app that echoes what reaches its handler.
const app = Fastify();
beforeAll(async () => {
  registerTextSafety(app);
  app.setErrorHandler((error, _request, reply) =>
    reply.status(400).send({ errors: error instanceof FairbillError ? error.errors : [] }),
  );
  app.post("/echo", async (request) => ({ body: request.body, query: request.query }));
  await app.ready();
});
afterAll(() => app.close());

async function echo(payload: string, query = "") {
  const response = await app.inject({
    method: "POST",
    url: `/echo${query}`,
    headers: { "content-type": "application/json" },
    payload,
  });
  return { status: response.statusCode, body: response.json() };
}

describe("text safety", () => {
  it("puts text in NFC at every depth, in values and keys, and leaves plain text as sent", async () => {
    const decomposed = "Cafe\u0301";
    const { status, body } = await echo(
      JSON.stringify({
        name: "plain",
        events: [{ properties: { [decomposed]: decomposed, list: [decomposed, "x", 3, null, true] } }],
      }),
    );
    expect(status).toBe(200);
    expect(body.body).toEqual({
      name: "plain",
      events: [{ properties: { "Caf\u00e9": "Caf\u00e9", list: ["Caf\u00e9", "x", 3, null, true] } }],
    });
  });

  it("names the path of each refused value: list indexes, plain keys and keys that need quoting", async () => {
    const { status, body } = await echo(
      '{"events":[{"id":"ok"},{"properties":{"odd key":"a\\u0000b","region":"\\ud800"}}],"n":1e400}',
      "?search=%00",
    );
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      { path: '$.events[1].properties["odd key"]', message: "must not contain the NUL character (U+0000)" },
      {
        path: "$.events[1].properties.region",
        message: "must not contain a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff)",
      },
      { path: "$.n", message: "must be a number a JSON number can hold (up to about 1.8e308)" },
      { path: "query.search", message: "must not contain the NUL character (U+0000)" },
    ]);
  });

  it("refuses a key given twice once normalized, at its path", async () => {
    const { status, body } = await echo('{"outer":{"Cafe\\u0301":1,"Caf\\u00e9":2}}');
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      {
        path: '$.outer["Caf\u00e9"]',
        message: "is given twice, once with its accents composed and once decomposed",
      },
    ]);
  });

  it("refuses nesting deeper than 64 levels at the first level too deep", async () => {
    const { status, body } = await echo(`${"[".repeat(70)}${"]".repeat(70)}`);
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      {
        path: `$${"[0]".repeat(64)}`,
        message: "must not nest objects and lists more than 64 levels deep",
      },
    ]);
  });
});
