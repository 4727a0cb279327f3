// A usage charge priced by dimension writes no `model` of its own (its prices
// name theirs, docs/scenario-format-v2.md section 1); the pricing language's
// union of usage charges tells it apart by `"model": "dimensional"`. Before a
// plan body is validated, each such charge is tagged, as the scenario reader
// tags a scenario's charges, so that the API takes the same documents as
// `fairbill simulate`. A version read back shows the tag; sending it is fine.

import type { FairbillApp } from "../platform/http/server.ts";
import { isPlainObject } from "../pricing/index.ts";

function taggedCharges(charges: unknown): unknown {
  if (!Array.isArray(charges)) return charges;
  return charges.map((charge) =>
    isPlainObject(charge) &&
    charge.type === "usage" &&
    Object.hasOwn(charge, "dimensions") &&
    charge.model === undefined
      ? { ...charge, model: "dimensional" }
      : charge,
  );
}

/** Where a plan route's body holds charges: a new plan's first version, or a version's own fields. */
function tagPlanBody(body: Record<string, unknown>): void {
  if (isPlainObject(body.version) && Object.hasOwn(body.version, "charges")) {
    body.version = { ...body.version, charges: taggedCharges(body.version.charges) };
  }
  if (Object.hasOwn(body, "charges")) body.charges = taggedCharges(body.charges);
}

/** Tags the dimensional charges of every plan body (POST /v1/plans, a version's creation and edit). */
export function tagDimensionalChargesOfPlanBodies(app: FairbillApp): void {
  app.addHook("preValidation", async (request) => {
    const route = request.routeOptions.url ?? "";
    if (!/^(\/v1)?\/plans(\/|$)/.test(route) || !isPlainObject(request.body)) return;
    tagPlanBody(request.body as Record<string, unknown>);
  });
}
