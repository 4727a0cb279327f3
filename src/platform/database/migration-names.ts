// The name of a migration, which is its identity and its place in the one
// order that every database applies migrations in: `YYYYMMDDHHMMSS_what_it_does`,
// the UTC time it was written, then lowercase words joined by underscores
// (`20261203141500_invoice_memo`). Names compare character by character, so
// the fixed-width time sorts them by when they were written, whichever
// domain folder holds the file.

const migrationNamePattern = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})_[a-z0-9]+(?:_[a-z0-9]+)*$/;

/** Why `name` is not a migration name, or undefined when it is one. */
export function migrationNameProblem(name: string): string | undefined {
  const parts = migrationNamePattern.exec(name);
  if (!parts) {
    return "a migration is named YYYYMMDDHHMMSS_words_with_underscores (the UTC time it was written, then lowercase letters, digits and underscores)";
  }
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const time = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (formatTimestamp(time) !== name.slice(0, 14)) {
    return `its first 14 digits, ${name.slice(0, 14)}, are not a date and time (YYYYMMDDHHMMSS, UTC)`;
  }
  return undefined;
}

export function isMigrationName(name: string): boolean {
  return migrationNameProblem(name) === undefined;
}

/** The one order of migrations: by name, character by character (never by locale). */
export function compareMigrationNames(left: string, right: string): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

/**
 * The name of a migration written at `writtenAt` that does what `description`
 * says: "Invoice memo", "invoice-memo" and "invoice_memo" all become
 * `<time>_invoice_memo`.
 */
export function newMigrationName(description: string, writtenAt: Date): string {
  const words = description
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "");
  if (words.length === 0) {
    throw new Error(`"${description}" has no letters or digits to name a migration with.`);
  }
  return `${formatTimestamp(writtenAt)}_${words.join("_")}`;
}

function formatTimestamp(time: Date): string {
  return time.toISOString().slice(0, 19).replace(/[-T:]/g, "");
}
