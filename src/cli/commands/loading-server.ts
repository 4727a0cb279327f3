// What answers on Fairbill's port while `fairbill serve` starts: migrating the
// database, loading the demo (minutes on a busy machine the first time) and
// building the application. A browser opening the console meanwhile sees a
// page saying what is loading, which reloads itself until the console is
// there; the API answers 503 `starting` with Retry-After, so a client retries
// instead of failing; /healthz says the process is up and /readyz that it is
// not ready yet. The real server takes the port over once it is built.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { problemType } from "../../platform/http/problem.ts";

export type LoadingServer = {
  /** The port it listens on (the configured one; a free one when asked for port 0). */
  port: number;
  /** What the page and the API say is going on now, such as "Loading demo data". */
  show(step: string): void;
  /** Frees the port for the real server (open connections are ended). */
  close(): Promise<void>;
};

const retryAfterSeconds = 2;

export async function listenWhileLoading(options: { port: number; host: string }): Promise<LoadingServer> {
  let step = "Starting";
  const server = createServer((request, response) => answer(request, response, step));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address !== null ? address.port : options.port,
    show(next) {
      step = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function answer(request: IncomingMessage, response: ServerResponse, step: string): void {
  const path = (request.url ?? "/").split("?")[0] ?? "/";
  response.setHeader("cache-control", "no-store");
  response.setHeader("x-content-type-options", "nosniff");
  if (path === "/healthz") {
    respond(response, 200, "application/json", JSON.stringify({ status: "ok" }));
  } else if (path === "/readyz") {
    respond(response, 503, "application/json", JSON.stringify({ status: "starting" }));
  } else if (path.startsWith("/v1/") || path === "/openapi.json" || path.startsWith("/docs")) {
    response.setHeader("retry-after", String(retryAfterSeconds));
    respond(
      response,
      503,
      "application/problem+json",
      JSON.stringify({
        type: problemType("starting"),
        title: "Service unavailable",
        status: 503,
        code: "starting",
        detail: `Fairbill is starting (${step.toLowerCase()}): send the request again in a few seconds.`,
        instance: request.url,
      }),
    );
  } else {
    response.setHeader("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'");
    response.setHeader("x-frame-options", "DENY");
    respond(response, 200, "text/html; charset=utf-8", loadingPage(step));
  }
}

function respond(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { "content-type": contentType });
  response.end(body);
}

function loadingPage(step: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${retryAfterSeconds}">
<title>Fairbill is starting</title>
<style>body{font-family:system-ui,sans-serif;margin:20vh auto;max-width:32rem;padding:0 1rem;color:#1f2933}</style>
</head>
<body>
<main>
<h1>Fairbill is starting</h1>
<p role="status">${step}…</p>
<p>The console opens here by itself once it is ready.</p>
</main>
</body>
</html>
`;
}
