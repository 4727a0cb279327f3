// Settlement statements: one per partner and month, computed by the core from
// the partner ledger's facts under the agreement in force at the month's
// start; submitted by the person who computes it and approved by another
// (four-eyes); then recorded as paid. A draft is recomputed on request; an
// approved statement never changes: when its month, computed again, differs
// (a customer attributed late, an invoice voided), the difference is an
// adjustment line of the next statement.
import type { Selectable } from "kysely";
import { describeActor, recordCreation, recordObjectChange } from "../audit/index.ts";
import {
  type AgreementTerms,
  computeSettlement,
  currencyFor,
  Decimal,
  formatAmount,
  type SettlementFacts,
  type SettlementStatement,
} from "../core/index.ts";
import { ensureApproverIsNotAuthor, recordApprovalStep } from "../governance/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict } from "../platform/errors.ts";
import { withReason } from "../platform/http/reason.ts";
import type {
  CreateSettlementInput,
  RecordSettlementPaymentInput,
  SettlementView,
} from "./partner-schemas.ts";
import { type AgreementRow, agreementsOf, attributionsOf, findPartner, type PartnerRow } from "./partners.ts";
import { loadPartnerLedger, type PartnerLedger, type SettlementPeriod } from "./settlement-facts.ts";
import type { AgreementTermsRecord, PartnerSettlementTable, SettlementLineRecord } from "./tables.ts";

export type SettlementRow = Selectable<PartnerSettlementTable>;

const objectType = "partner_settlement";

/** The month "2030-01" in UTC: its first instant and the next month's. */
function periodOf(key: string): SettlementPeriod {
  const [year, month] = key.split("-").map(Number) as [number, number];
  return { key, start: Date.UTC(year, month - 1, 1), end: Date.UTC(year, month, 1) };
}

function termsOf(record: AgreementTermsRecord): AgreementTerms {
  return {
    basis: record.basis,
    shares: record.revenue_shares.map(({ percent, ...match }) => ({ match, percent: new Decimal(percent) })),
    volumeTiers: record.volume_tiers.map((tier) => ({
      upTo: tier.up_to === null ? null : new Decimal(tier.up_to),
      percent: new Decimal(tier.percent),
    })),
    activationFee: record.activation_fee === null ? null : new Decimal(record.activation_fee),
    minimumGuarantee: record.minimum_guarantee === null ? null : new Decimal(record.minimum_guarantee),
    clawback: {
      refunds: record.clawback.refunds,
      creditNotes: record.clawback.credit_notes,
      chargebacks: record.clawback.chargebacks,
    },
  };
}

/** The agreement in force at the period's start, else the first that starts within it. */
function agreementFor(
  agreements: readonly AgreementRow[],
  period: SettlementPeriod,
): AgreementRow | undefined {
  const started = agreements.filter((row) => row.effective_from.getTime() <= period.start).at(-1);
  return started ?? agreements.find((row) => row.effective_from.getTime() < period.end);
}

function linesRecord(statement: SettlementStatement, currency: string): SettlementLineRecord[] {
  const money = (amount: Decimal) => formatAmount(amount, currencyFor(currency));
  return statement.lines.map((line) => ({
    kind: line.kind,
    source: line.source,
    invoice_id: line.invoiceId,
    customer_id: line.customerId,
    description: line.description,
    base: line.base === null ? null : money(line.base),
    percent: line.percent === null ? null : line.percent.toFixed(),
    amount: money(line.amount),
    ...(line.items === undefined
      ? {}
      : { items: line.items.map((item) => ({ ...item, amount: money(item.amount) })) }),
  }));
}

export function presentSettlement(row: SettlementRow): SettlementView {
  return {
    id: row.id,
    partner_id: row.partner_id,
    agreement_id: row.agreement_id,
    period: row.period,
    period_start: row.period_start.toISOString(),
    period_end: row.period_end.toISOString(),
    currency: row.currency,
    status: row.status,
    lines: row.lines as SettlementView["lines"],
    earned: formatAmount(new Decimal(row.earned), currencyFor(row.currency)),
    total: formatAmount(new Decimal(row.total), currencyFor(row.currency)),
    created_by: row.created_by,
    approved_by: row.approved_by,
    approved_at: row.approved_at?.toISOString() ?? null,
    paid_at: row.paid_at?.toISOString() ?? null,
    payment_reference: row.payment_reference,
    created_at: row.created_at.toISOString(),
  };
}

export async function settlementsOfPartner(database: Database, scope: TenantScope, partnerId: string) {
  return selectInTenant(database, scope, "partner_settlements")
    .where("partner_id", "=", partnerId)
    .orderBy("period_start")
    .execute();
}

/** The statement of a period from the ledger, without adjustments; undefined when no agreement covers it. */
function statementOf(
  ledger: PartnerLedger,
  agreements: readonly AgreementRow[],
  period: SettlementPeriod,
  adjustments: SettlementFacts["adjustments"],
): { statement: SettlementStatement; agreement: AgreementRow } | undefined {
  const agreement = agreementFor(agreements, period);
  if (agreement === undefined) return undefined;
  const facts: SettlementFacts = { ...ledger.facts(period), adjustments };
  return { statement: computeSettlement(termsOf(agreement.terms), facts), agreement };
}

const sumOf = (lines: readonly SettlementLineRecord[], keep: (line: SettlementLineRecord) => boolean) =>
  lines.filter(keep).reduce((sum, line) => sum.plus(line.amount), new Decimal(0));

/**
 * For each approved (or paid) statement before `period`: its month computed
 * again now, less what it said and what later statements already adjusted.
 */
function adjustmentsFor(
  ledger: PartnerLedger,
  agreements: readonly AgreementRow[],
  earlier: readonly SettlementRow[],
  period: SettlementPeriod,
): SettlementFacts["adjustments"] {
  const adjustments: SettlementFacts["adjustments"][number][] = [];
  for (const settled of earlier) {
    if (settled.status === "draft" || settled.period_start.getTime() >= period.start) continue;
    const again = statementOf(ledger, agreements, periodOf(settled.period), []);
    if (again === undefined) continue;
    const stated = sumOf(settled.lines, (line) => line.kind !== "adjustment");
    const carried = earlier
      .filter((later) => later.id !== settled.id)
      .flatMap((later) => later.lines)
      .filter((line) => line.kind === "adjustment" && line.source.id === settled.id)
      .reduce((sum, line) => sum.plus(line.amount), new Decimal(0));
    const difference = again.statement.total.minus(stated).minus(carried);
    if (difference.isZero()) continue;
    adjustments.push({
      settlementId: settled.id,
      reference: `${settled.period} statement`,
      description: `Correction of the ${settled.period} statement (${again.statement.total.toFixed(2)} now, ${stated.toFixed(2)} approved)`,
      amount: difference,
    });
  }
  return adjustments;
}

async function computeFor(database: Database, scope: TenantScope, partner: PartnerRow, periodKey: string) {
  const period = periodOf(periodKey);
  const agreements = await agreementsOf(database, scope, partner.id);
  const ledger = await loadPartnerLedger(
    database,
    scope,
    partner.currency,
    await attributionsOf(database, scope, partner.id),
  );
  const earlier = await settlementsOfPartner(database, scope, partner.id);
  const computed = statementOf(
    ledger,
    agreements,
    period,
    adjustmentsFor(ledger, agreements, earlier, period),
  );
  return { period, computed, existing: earlier.find((row) => row.period === periodKey) };
}

/** Computes (or recomputes, while a draft) a partner's statement of a month, submitted for approval. */
export async function createSettlement(
  context: RequestContext,
  input: CreateSettlementInput,
): Promise<SettlementView> {
  const reasoned = withReason(context, input.reason);
  return context.database.transaction().execute(async (transaction) => {
    const partner = await findPartner(transaction, context, input.partner_id).catch(() => undefined);
    if (partner === undefined) {
      throw conflict("partner_unknown", `There is no partner ${input.partner_id}.`, [
        { path: "$.partner_id", message: `no partner ${input.partner_id}` },
      ]);
    }
    const { period, computed, existing } = await computeFor(transaction, context, partner, input.period);
    if (computed === undefined) {
      throw conflict("no_agreement", `No agreement of partner ${partner.id} covers ${input.period}.`, [
        { path: "$.period", message: "no agreement of the partner covers it" },
      ]);
    }
    if (existing !== undefined && existing.status !== "draft") {
      throw conflict(
        "settlement_approved",
        `The ${input.period} statement of ${partner.id} is ${existing.status}: a correction is an adjustment of the next one.`,
      );
    }
    const now = context.clock.now();
    const columns = {
      agreement_id: computed.agreement.id,
      period_start: new Date(period.start),
      period_end: new Date(period.end),
      currency: partner.currency,
      lines: JSON.stringify(linesRecord(computed.statement, partner.currency)),
      earned: computed.statement.earned.toFixed(),
      total: computed.statement.total.toFixed(),
      created_by: describeActor(context.actor).id,
      updated_at: now,
    };
    let row: SettlementRow;
    if (existing === undefined) {
      row = await insertTenantRow(transaction, context, "partner_settlements", "partnerSettlement", now, {
        partner_id: partner.id,
        period: input.period,
        status: "draft",
        created_at: now,
        ...columns,
      });
      await recordCreation(transaction, reasoned, objectType, presentSettlement(row));
    } else {
      row = await updateTenantRow(transaction, context, "partner_settlements", existing.id, columns);
      await recordObjectChange(
        transaction,
        reasoned,
        objectType,
        "recomputed",
        presentSettlement(existing),
        presentSettlement(row),
      );
    }
    await recordApprovalStep(transaction, context, {
      objectType,
      objectId: row.id,
      action: "submitted",
      comment: reasoned.reason ?? null,
    });
    return presentSettlement(row);
  });
}

async function findSettlement(database: Database, scope: TenantScope, id: string): Promise<SettlementRow> {
  return findInTenant(database, scope, "partner_settlements", id, "settlement");
}

export async function getSettlement(context: RequestContext, id: string): Promise<SettlementView> {
  return presentSettlement(await findSettlement(context.database, context, id));
}

export async function listSettlements(
  context: RequestContext,
  filters: { partner_id?: string | undefined },
  page: PageRequest,
): Promise<SettlementView[]> {
  let query = newestFirstPage(selectInTenant(context.database, context, "partner_settlements"), page);
  if (filters.partner_id !== undefined) query = query.where("partner_id", "=", filters.partner_id);
  return (await query.execute()).map(presentSettlement);
}

/** A second person approves a draft statement (four-eyes): from then on it never changes. */
export async function approveSettlement(
  context: RequestContext,
  id: string,
  reason: string | undefined,
): Promise<SettlementView> {
  const reasoned = withReason(context, reason);
  return context.database.transaction().execute(async (transaction) => {
    const before = await findSettlement(transaction, context, id);
    if (before.status !== "draft") {
      throw conflict("settlement_not_draft", `Settlement ${id} is already ${before.status}.`);
    }
    await ensureApproverIsNotAuthor(transaction, context, objectType, id);
    const now = context.clock.now();
    const after = await updateTenantRow(transaction, context, "partner_settlements", id, {
      status: "approved",
      approved_by: describeActor(context.actor).id,
      approved_at: now,
      updated_at: now,
    });
    await recordApprovalStep(transaction, context, {
      objectType,
      objectId: id,
      action: "approved",
      comment: reasoned.reason ?? null,
    });
    await recordObjectChange(
      transaction,
      reasoned,
      objectType,
      "approved",
      presentSettlement(before),
      presentSettlement(after),
    );
    return presentSettlement(after);
  });
}

/** Records that an approved statement was paid to the partner. */
export async function recordSettlementPayment(
  context: RequestContext,
  id: string,
  input: RecordSettlementPaymentInput,
): Promise<SettlementView> {
  const reasoned = withReason(context, input.reason);
  return context.database.transaction().execute(async (transaction) => {
    const before = await findSettlement(transaction, context, id);
    if (before.status !== "approved") {
      throw conflict(
        "settlement_not_approved",
        `Settlement ${id} is ${before.status}; only an approved statement is paid.`,
      );
    }
    const now = context.clock.now();
    const after = await updateTenantRow(transaction, context, "partner_settlements", id, {
      status: "paid",
      paid_at: input.paid_at === undefined ? now : new Date(input.paid_at),
      payment_reference: input.reference,
      updated_at: now,
    });
    await recordObjectChange(
      transaction,
      reasoned,
      objectType,
      "paid",
      presentSettlement(before),
      presentSettlement(after),
    );
    return presentSettlement(after);
  });
}

/** A statement as finance books it: approved (or paid), with the partner's code. */
export type SettlementForBooks = {
  id: string;
  partnerCode: string;
  period: string;
  currency: string;
  total: string;
  approvedAt: Date;
  paidAt: Date | null;
  /** When the payment was written down. */
  paidRecordedAt: Date | null;
  paymentReference: string | null;
};

/** Every approved or paid statement of the environment, for the journal. */
export async function settlementsForBooks(
  database: Database,
  scope: TenantScope,
): Promise<SettlementForBooks[]> {
  const rows = await database
    .selectFrom("partner_settlements")
    .innerJoin("partners", "partners.id", "partner_settlements.partner_id")
    .select([
      "partner_settlements.id",
      "partners.code as partner_code",
      "partner_settlements.period",
      "partner_settlements.currency",
      "partner_settlements.total",
      "partner_settlements.status",
      "partner_settlements.approved_at",
      "partner_settlements.paid_at",
      "partner_settlements.updated_at",
      "partner_settlements.payment_reference",
    ])
    .where(inTenant(scope, "partner_settlements"))
    .where("partner_settlements.status", "in", ["approved", "paid"])
    .orderBy("partner_settlements.id")
    .execute();
  return rows.flatMap((row) =>
    row.approved_at === null
      ? []
      : [
          {
            id: row.id,
            partnerCode: row.partner_code,
            period: row.period,
            currency: row.currency,
            total: row.total,
            approvedAt: row.approved_at,
            paidAt: row.paid_at,
            // Nothing changes a statement once paid: its last change is the payment.
            paidRecordedAt: row.paid_at === null ? null : row.updated_at,
            paymentReference: row.payment_reference,
          },
        ],
  );
}
