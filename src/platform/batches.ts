// Long lists written, read or sent a batch at a time: one statement per batch
// keeps each under PostgreSQL's limit of bound parameters, and one request
// per batch keeps each under the API's.

/** `items` in consecutive batches of at most `size`, in order; none when there are no items. */
export function batchesOf<Item>(items: readonly Item[], size: number): Item[][] {
  const batches: Item[][] = [];
  for (let first = 0; first < items.length; first += size) batches.push(items.slice(first, first + size));
  return batches;
}
