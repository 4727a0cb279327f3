// Partners, their agreements and the customers attributed to them, as billing
// operations keep them. An agreement applies from its effective date until the
// next one's; a customer is attributed to one partner, from a date.
import type { Selectable } from "kysely";
import { recordCreation } from "../audit/index.ts";
import { findCustomerRecord } from "../customers/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, validationFailed } from "../platform/errors.ts";
import { withReason } from "../platform/http/reason.ts";
import type {
  AgreementView,
  AttributeCustomerInput,
  AttributionView,
  CreateAgreementInput,
  CreatePartnerInput,
  PartnerView,
} from "./partner-schemas.ts";
import type {
  AgreementTermsRecord,
  PartnerAgreementTable,
  PartnerAttributionTable,
  PartnerTable,
} from "./tables.ts";

export type PartnerRow = Selectable<PartnerTable>;
export type AgreementRow = Selectable<PartnerAgreementTable>;
export type AttributionRow = Selectable<PartnerAttributionTable>;

export function presentPartner(row: PartnerRow): PartnerView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    email: row.email,
    currency: row.currency,
    created_at: row.created_at.toISOString(),
  };
}

function presentAgreement(row: AgreementRow): AgreementView {
  return {
    id: row.id,
    partner_id: row.partner_id,
    effective_from: row.effective_from.toISOString(),
    ...row.terms,
    created_at: row.created_at.toISOString(),
  };
}

function presentAttribution(row: AttributionRow): AttributionView {
  return {
    id: row.id,
    partner_id: row.partner_id,
    customer_id: row.customer_id,
    attributed_from: row.attributed_from.toISOString(),
    created_at: row.created_at.toISOString(),
  };
}

export async function findPartner(database: Database, scope: TenantScope, id: string): Promise<PartnerRow> {
  return findInTenant(database, scope, "partners", id, "partner");
}

/**
 * Creates one of a partner's records (an agreement, an attribution, an item
 * mapping) in one transaction: the partner must be there, `create` checks
 * and writes the record made at `now`, and its view is audited as created
 * as `objectType`, with the reason the request gave.
 */
export async function createPartnerRecord<View extends { id: string }>(
  context: RequestContext,
  partnerId: string,
  reason: string | undefined,
  objectType: string,
  create: (transaction: DatabaseTransaction, now: Date) => Promise<View>,
): Promise<View> {
  return context.database.transaction().execute(async (transaction) => {
    await findPartner(transaction, context, partnerId);
    const view = await create(transaction, context.clock.now());
    return recordCreation(transaction, withReason(context, reason), objectType, view);
  });
}

/** One partner's records, by `rowsOf`, in the view `present` makes; a 404 when the partner is not there. */
export async function listPartnerRecords<Row, View>(
  context: RequestContext,
  partnerId: string,
  rowsOf: (database: Database, scope: TenantScope, partnerId: string) => Promise<Row[]>,
  present: (row: Row) => View,
): Promise<{ data: View[] }> {
  await findPartner(context.database, context, partnerId);
  return { data: (await rowsOf(context.database, context, partnerId)).map(present) };
}

export async function createPartner(
  context: RequestContext,
  input: CreatePartnerInput,
): Promise<PartnerView> {
  return context.database.transaction().execute(async (transaction) => {
    const taken = await transaction
      .selectFrom("partners")
      .select("id")
      .where(inTenant(context))
      .where("code", "=", input.code)
      .executeTakeFirst();
    if (taken !== undefined) {
      throw conflict("partner_exists", `Partner ${taken.id} has the code "${input.code}".`, [
        { path: "$.code", message: `is partner ${taken.id}'s` },
      ]);
    }
    const now = context.clock.now();
    const row = await insertTenantRow(transaction, context, "partners", "partner", now, {
      code: input.code,
      name: input.name,
      kind: input.kind,
      email: input.email ?? null,
      currency: input.currency,
      created_at: now,
    });
    return recordCreation(transaction, withReason(context, input.reason), "partner", presentPartner(row));
  });
}

export async function getPartner(context: RequestContext, id: string): Promise<PartnerView> {
  return presentPartner(await findPartner(context.database, context, id));
}

export async function listPartners(context: RequestContext, page: PageRequest): Promise<PartnerView[]> {
  const query = selectInTenant(context.database, context, "partners");
  return (await newestFirstPage(query, page).execute()).map(presentPartner);
}

function termsOf(input: CreateAgreementInput): AgreementTermsRecord {
  return {
    basis: input.basis,
    revenue_shares: input.revenue_shares ?? [],
    volume_tiers: input.volume_tiers ?? [],
    activation_fee: input.activation_fee ?? null,
    minimum_guarantee: input.minimum_guarantee ?? null,
    clawback: input.clawback ?? { refunds: true, credit_notes: true, chargebacks: true },
  };
}

/** Tiers must rise, and only the last may be open-ended. */
function tierProblems(terms: AgreementTermsRecord): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  terms.volume_tiers.forEach((tier, index) => {
    const last = index === terms.volume_tiers.length - 1;
    if (tier.up_to === null && !last)
      problems.push({ path: `$.volume_tiers[${index}].up_to`, message: "only the last tier may be open" });
    const previous = terms.volume_tiers[index - 1]?.up_to;
    if (tier.up_to !== null && previous != null && Number(tier.up_to) <= Number(previous))
      problems.push({ path: `$.volume_tiers[${index}].up_to`, message: "must be above the tier before" });
  });
  if (terms.revenue_shares.length === 0 && terms.volume_tiers.length > 0)
    problems.push({
      path: "$.revenue_shares",
      message: "volume tiers apply to the lines the rules match: give one",
    });
  return problems;
}

export async function createAgreement(
  context: RequestContext,
  partnerId: string,
  input: CreateAgreementInput,
): Promise<AgreementView> {
  const terms = termsOf(input);
  const problems = tierProblems(terms);
  if (problems.length > 0) throw validationFailed(problems);
  return createPartnerRecord(
    context,
    partnerId,
    input.reason,
    "partner_agreement",
    async (transaction, now) => {
      const effectiveFrom = new Date(input.effective_from);
      const existing = await transaction
        .selectFrom("partner_agreements")
        .select("id")
        .where(inTenant(context))
        .where("partner_id", "=", partnerId)
        .where("effective_from", "=", effectiveFrom)
        .executeTakeFirst();
      if (existing !== undefined) {
        throw conflict("agreement_exists", `Agreement ${existing.id} starts at the same instant.`, [
          { path: "$.effective_from", message: `agreement ${existing.id} starts then` },
        ]);
      }
      const row = await insertTenantRow(transaction, context, "partner_agreements", "partnerAgreement", now, {
        partner_id: partnerId,
        terms: JSON.stringify(terms),
        effective_from: effectiveFrom,
        created_at: now,
      });
      return presentAgreement(row);
    },
  );
}

export async function listAgreements(
  context: RequestContext,
  partnerId: string,
): Promise<{ data: AgreementView[] }> {
  return listPartnerRecords(context, partnerId, agreementsOf, presentAgreement);
}

export async function agreementsOf(database: Database, scope: TenantScope, partnerId: string) {
  return selectInTenant(database, scope, "partner_agreements")
    .where("partner_id", "=", partnerId)
    .orderBy("effective_from")
    .execute();
}

export async function attributeCustomer(
  context: RequestContext,
  partnerId: string,
  input: AttributeCustomerInput,
): Promise<AttributionView> {
  return createPartnerRecord(
    context,
    partnerId,
    input.reason,
    "partner_attribution",
    async (transaction, now) => {
      if ((await findCustomerRecord(transaction, context, input.customer_id)) === undefined) {
        throw validationFailed([{ path: "$.customer_id", message: `no customer ${input.customer_id}` }]);
      }
      const taken = await transaction
        .selectFrom("partner_attributions")
        .select(["id", "partner_id"])
        .where(inTenant(context))
        .where("customer_id", "=", input.customer_id)
        .executeTakeFirst();
      if (taken !== undefined) {
        throw conflict(
          "customer_attributed",
          `Customer ${input.customer_id} is attributed to ${taken.partner_id}.`,
          [{ path: "$.customer_id", message: `is attributed to partner ${taken.partner_id}` }],
        );
      }
      const row = await insertTenantRow(
        transaction,
        context,
        "partner_attributions",
        "partnerAttribution",
        now,
        {
          partner_id: partnerId,
          customer_id: input.customer_id,
          attributed_from: new Date(input.attributed_from),
          created_at: now,
        },
      );
      return presentAttribution(row);
    },
  );
}

export async function listAttributions(
  context: RequestContext,
  partnerId: string,
): Promise<{ data: AttributionView[] }> {
  return listPartnerRecords(context, partnerId, attributionsOf, presentAttribution);
}

export async function attributionsOf(database: Database, scope: TenantScope, partnerId: string) {
  return selectInTenant(database, scope, "partner_attributions")
    .where("partner_id", "=", partnerId)
    .orderBy("id")
    .execute();
}
