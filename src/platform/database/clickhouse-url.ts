// Reading CLICKHOUSE_URL, apart from the client so that checking the
// configuration does not load it.

const databaseNamePattern = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The server and database of a CLICKHOUSE_URL such as http://user:password@host:8123/fairbill. */
export function parseClickHouseUrl(text: string): { url: URL; database: string } | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  const path = url.pathname.replace(/^\/+|\/+$/g, "");
  const database = path === "" ? "fairbill" : path;
  if (!databaseNamePattern.test(database)) return undefined;
  return { url, database };
}
