// The content of published plan versions, cached in the process: a version's
// content never changes once it is published (ensureNotPublished refuses
// every edit, and only drafts are discarded), so an entry can only go stale
// through its state. Every change of state (submit, approve, publish,
// retire) announces itself in its transaction (plan-version-workflow.ts), and
// every process then drops the environment's entries. Drafts and versions
// pending approval are read from the database every time.
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { ChangeCache } from "../platform/database/change-cache.ts";
import { announceChange } from "../platform/database/change-notifications.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { contentOf, selectPlanVersions } from "./plan-store.ts";
import type { PlanVersionContent } from "./plan-version-content.ts";
import type { PlanVersionState } from "./tables.ts";

const planVersionsTopic = "plan_versions";

type StoredVersion = { state: PlanVersionState; content: PlanVersionContent };

const publishedVersionCache = new ChangeCache<StoredVersion>(planVersionsTopic);

/** The content of the plan versions with these ids (those the tenant has), by id. */
export async function planVersionContents(
  database: Database,
  scope: TenantScope,
  versionIds: readonly string[],
): Promise<Map<string, PlanVersionContent>> {
  if (versionIds.length === 0) return new Map();
  const versions = await publishedVersionCache.readMany(
    database,
    scope.environmentId,
    versionIds,
    async (missing) => {
      const rows = await selectPlanVersions(database, scope).where("id", "in", missing).execute();
      return new Map(rows.map((row) => [row.id, { state: row.state, content: contentOf(row) }]));
    },
    (version) => version.state === "published" || version.state === "retired",
  );
  return new Map([...versions].map(([id, version]) => [id, version.content]));
}

/** Tells every process, when `transaction` commits, that a plan version of the environment changed state. */
export function announcePlanVersionChanged(
  transaction: DatabaseTransaction,
  context: RequestContext,
): Promise<void> {
  return announceChange(transaction, context.database, {
    topic: planVersionsTopic,
    scope: context.environmentId,
  });
}
