// Usage read for many subscriptions at once: a reader that gathers the
// requests made while the caller's work runs (every request made before the
// event loop turns) and answers them with one read of the store for all of
// them (metering's usageForManyWindows), as a backtest prices a batch of
// customers. Each caller gets what it would have read on its own.
import type { UsageAggregates } from "../core/index.ts";
import { type UsageRequest, usageForManyWindows } from "../metering/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import type { UsageReader } from "./customer-billing.ts";

type Waiting = {
  request: UsageRequest;
  resolve: (usage: UsageAggregates) => void;
  reject: (error: unknown) => void;
};

export function batchedUsageReader(database: Database, scope: TenantScope): UsageReader {
  let waiting: Waiting[] = [];
  const readWaiting = async () => {
    const batch = waiting;
    waiting = [];
    try {
      const usages = await usageForManyWindows(
        database,
        scope,
        batch.map((entry) => entry.request),
      );
      for (const [index, entry] of batch.entries()) entry.resolve(usages[index] ?? new Map());
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  };
  return (request) =>
    new Promise<UsageAggregates>((resolve, reject) => {
      if (waiting.length === 0) setImmediate(readWaiting);
      waiting.push({ request, resolve, reject });
    });
}
