// Recognizing PostgreSQL's errors by their SQLSTATE, the same for pg and PGlite.

/** True when `error` is a unique-constraint violation (SQLSTATE 23505), optionally of the named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, constraint: violated } = error as { code?: unknown; constraint?: unknown };
  return code === "23505" && (constraint === undefined || violated === constraint);
}

// SQLSTATEs of a connection the server ended or lost: admin_shutdown,
// crash_shutdown, cannot_connect_now, and class 08 (connection exception).
const connectionLostCodes = new Set(["57P01", "57P02", "57P03"]);

/**
 * True when `error` says the database connection was lost (the server
 * restarted, failed over, or an administrator ended it), not that the query
 * was wrong: worth sending again once the pool has reconnected.
 */
export function isConnectionLost(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === "string" && (connectionLostCodes.has(code) || code.startsWith("08"))) return true;
  // node-postgres's own words for a socket that closed under a query or a client it gave up on.
  return (
    typeof message === "string" &&
    /^(Connection terminated|Client has encountered a connection error|Connection ended)/.test(message)
  );
}
