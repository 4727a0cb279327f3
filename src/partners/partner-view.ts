// What a partner reads through its statement link: who it is, and its
// approved and paid statements, each line naming the invoice, payment or
// document behind it, downloadable as CSV or PDF. Every read is of the link's
// partner (the actor), never of an id the request names: another partner's
// statement, or a draft, is not found.
import type { RequestContext } from "../platform/context.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { forbidden, notFound } from "../platform/errors.ts";
import type { PartnerStatementView, PartnerView } from "./partner-schemas.ts";
import { findPartner, presentPartner } from "./partners.ts";
import { presentSettlement } from "./settlements.ts";

function partnerOf(context: RequestContext): string {
  if (context.actor.type !== "partner") throw forbidden("Only a partner's statement link reads these.");
  return context.actor.partnerId;
}

function forPartner({
  created_by,
  approved_by,
  agreement_id,
  ...statement
}: ReturnType<typeof presentSettlement>) {
  return statement satisfies PartnerStatementView;
}

export async function partnerProfile(context: RequestContext): Promise<PartnerView> {
  return presentPartner(await findPartner(context.database, context, partnerOf(context)));
}

/** The partner's approved and paid statements, newest month first. */
export async function partnerStatements(context: RequestContext): Promise<{ data: PartnerStatementView[] }> {
  const rows = await selectInTenant(context.database, context, "partner_settlements")
    .where("partner_id", "=", partnerOf(context))
    .where("status", "in", ["approved", "paid"])
    .orderBy("period_start", "desc")
    .execute();
  return { data: rows.map((row) => forPartner(presentSettlement(row))) };
}

/** One of the partner's approved statements, with the partner for its PDF. */
export async function partnerStatement(context: RequestContext, id: string) {
  const partnerId = partnerOf(context);
  const row = await selectInTenant(context.database, context, "partner_settlements")
    .where("id", "=", id)
    .where("partner_id", "=", partnerId)
    .where("status", "in", ["approved", "paid"])
    .executeTakeFirst();
  if (row === undefined) throw notFound("settlement", id);
  return {
    settlement: presentSettlement(row),
    partner: await findPartner(context.database, context, partnerId),
  };
}
