// A process that tracks events through the TypeScript SDK with a file spool
// and is then killed (SIGKILL) by test/sdk/sdk-typescript.test.ts: it tracks
// COUNT events and flushes them (sent, crossed out), tracks COUNT more (fewer
// than a batch, so only queued and written down), prints "tracked" and keeps
// running until it dies: the second COUNT are only in its spool.
//   node test/sdk/crashing-producer.ts URL API_KEY COUNT SPOOL CUSTOMER EVENT_NAME

import { FileSpool } from "../../packages/sdk-typescript/src/file-spool.ts";
import { IngestionClient } from "../../packages/sdk-typescript/src/index.ts";

const [url, apiKey, count, spoolPath, customer, name] = process.argv.slice(2);
if (!url || !apiKey || !count || !spoolPath || !customer || !name) throw new Error("arguments missing");
const ingestion = new IngestionClient({
  baseUrl: url,
  apiKey,
  batchSize: 1000,
  flushIntervalMs: 3_600_000,
  flushOnExit: false,
  spool: new FileSpool(spoolPath),
});
for (let index = 0; index < Number(count); index++) ingestion.track({ customer, name });
await ingestion.flush();
for (let index = 0; index < Number(count); index++) ingestion.track({ customer, name });
process.stdout.write("tracked\n");
// Alive until killed.
setInterval(() => {}, 60_000);
