// A transaction that PostgreSQL aborts because of another one (a deadlock, a
// serialization failure) did nothing: it can simply run again.

const transientCodes = new Set(["40P01", "40001"]);

function isTransientConflict(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  return transientCodes.has(String((error as { code?: unknown }).code));
}

/** Runs `work` (a whole transaction) again when PostgreSQL aborted it for a conflict, up to `attempts` times. */
export async function retryTransientConflicts<Result>(
  work: () => Promise<Result>,
  attempts = 5,
): Promise<Result> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransientConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
