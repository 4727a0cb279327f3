// Bulk actions: one request naming up to 100 objects, each acted on by the
// use case its single route calls (finalize, collect, remind), one after the
// other, each in its own transaction, so that one refusal changes nothing of
// the others. The answer says per id what was done or the problem that
// refused it, as its single route would have answered (an id the caller
// cannot see is not found), and never turns one bad item into a 500. The
// Idempotency-Key of every POST covers the whole request.
import type { FastifyRequest } from "fastify";
import { type Static, Type } from "typebox";
import type { RequestContext } from "../context.ts";
import { validationFailed } from "../errors.ts";
import { toProblem } from "./problem.ts";
import type { RouteDeclarations, RouteSpec } from "./routes.ts";
import { StringEnum } from "./schemas.ts";
import { StrictObject } from "./validation.ts";

const maximumBulkItems = 100;

/** The body of a bulk invoice action: `invoice_ids`, 1 to 100 invoice ids, each once. */
const BulkInvoiceIdsBody = StrictObject({
  invoice_ids: Type.Array(
    Type.String({ pattern: "^inv_[0-9A-Za-z]{1,60}$", description: "an invoice id (inv_…)" }),
    {
      minItems: 1,
      maxItems: maximumBulkItems,
      description: `1 to ${maximumBulkItems} invoice ids, each once; each is acted on in its own transaction`,
    },
  ),
});
export type BulkInvoiceIds = Static<typeof BulkInvoiceIdsBody>;

const BulkItemProblem = Type.Object({
  status: Type.Integer({ description: "the HTTP status the single route would have answered: 404, 409…" }),
  code: Type.String({ description: "the problem's stable code, as in a problem document" }),
  detail: Type.String(),
});

const BulkResultSchema = Type.Object(
  {
    done: Type.Integer({ description: "how many items were done" }),
    refused: Type.Integer({ description: "how many items were refused, each with its problem" }),
    results: Type.Array(
      Type.Object({
        invoice_id: Type.String(),
        outcome: StringEnum(["done", "refused"]),
        summary: Type.Union([Type.String(), Type.Null()], {
          description: 'what was done ("finalized as INV-000012"); null when refused',
        }),
        problem: Type.Union([BulkItemProblem, Type.Null()], {
          description: "why the item was refused (not_found for an id this key cannot see); null when done",
        }),
      }),
      { description: "one per id, in the order of the request" },
    ),
  },
  { title: "BulkResult" },
);
export type BulkResult = Static<typeof BulkResultSchema>;

/** Refuses an id given twice, named by its index: `$.invoice_ids[3]`. */
function refuseRepeats(ids: readonly string[]): void {
  const firstIndex = new Map<string, number>();
  const errors = ids.flatMap((id, index) => {
    const first = firstIndex.get(id);
    if (first === undefined) {
      firstIndex.set(id, index);
      return [];
    }
    return [{ path: `$.invoice_ids[${index}]`, message: `repeats $.invoice_ids[${first}]` }];
  });
  if (errors.length > 0) throw validationFailed(errors);
}

/**
 * Declares the bulk route of an invoice action (`POST /invoices/bulk-finalize`):
 * its body names the invoices, `act` does to one of them what the action's
 * single route does, and the answer reports each (runBulkInvoiceAction).
 */
export function declareBulkInvoiceAction(
  routes: RouteDeclarations,
  spec: RouteSpec,
  definition: { operationId: string; summary: string; description: string },
  act: (context: RequestContext, invoiceId: string) => Promise<string>,
): void {
  routes.write(spec, { ...definition, body: BulkInvoiceIdsBody, response: BulkResultSchema }, (request) =>
    runBulkInvoiceAction(request, request.body.invoice_ids, (invoiceId) => act(request.context, invoiceId)),
  );
}

/**
 * Acts on each invoice in turn with `act` (which runs its own transactions and
 * answers what it did in a few words), and reports each outcome.
 */
async function runBulkInvoiceAction(
  request: FastifyRequest,
  invoiceIds: readonly string[],
  act: (invoiceId: string) => Promise<string>,
): Promise<BulkResult> {
  refuseRepeats(invoiceIds);
  const results: BulkResult["results"] = [];
  for (const invoiceId of invoiceIds) {
    try {
      const summary = await act(invoiceId);
      results.push({ invoice_id: invoiceId, outcome: "done", summary, problem: null });
    } catch (error) {
      const { status, code, detail } = toProblem(error, request);
      if (status >= 500) request.log.error({ err: error, invoiceId }, "bulk action item failed");
      results.push({
        invoice_id: invoiceId,
        outcome: "refused",
        summary: null,
        problem: { status, code, detail },
      });
    }
  }
  const done = results.filter((result) => result.outcome === "done").length;
  return { done, refused: results.length - done, results };
}
