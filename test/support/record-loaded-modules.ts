// Preloaded with `node --import` by tests that check which of the project's
// modules a process loads: each one is named on stderr as `loaded <url>`.
import { registerHooks } from "node:module";

registerHooks({
  load(url, context, nextLoad) {
    if (url.startsWith("file:") && !url.includes("/node_modules/")) process.stderr.write(`loaded ${url}\n`);
    return nextLoad(url, context);
  },
});
