// Reading a whole list through the API: every page of a keyset-paged list
// route, following next_cursor until the last page, each page checked to
// answer 200 (a refusal fails the test with the problem it named).
import { expectOk } from "./responses.ts";
import type { ApiClient } from "./test-app.ts";

type Page<Item> = { data: Item[]; next_cursor: string | null };

/** Every item of a paged list route, in the route's order; `path` carries the query (its limit sets the page size). */
export async function readEveryPage<Item>(client: ApiClient, path: string): Promise<Item[]> {
  const separator = path.includes("?") ? "&" : "?";
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const pagePath: string =
      cursor === null ? path : `${path}${separator}cursor=${encodeURIComponent(cursor)}`;
    const page: Page<Item> = await expectOk(client.get<Page<Item>>(pagePath));
    items.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return items;
}
