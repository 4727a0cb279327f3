// The JSON shapes of test matrices on the API: a plan's saved scenarios
// (expected invoices included), a run of them on one version of the plan,
// and the approval view that puts a version's diff, its matrix run and its
// latest backtest side by side.
import { type Static, Type } from "typebox";
import { PlanVersionDiffSchema, PlanVersionSchema } from "../catalog/index.ts";
import { BodyWithReason } from "../platform/http/reason.ts";
import { DecimalString, Nullable, PrefixedId, StringEnum, Timestamp } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { BacktestSchema } from "./backtest-schemas.ts";

const TestMatrixScenarioSchema = StrictObject(
  {
    name: Type.String({ minLength: 1, maxLength: 200, description: "what the scenario checks" }),
    scenario: Type.Unknown({
      description:
        "a scenario document of `fairbill simulate`, with its expected invoices in `expected.invoices`; " +
        "one of its plans has the plan's code and is priced, in a run, with the version under test",
    }),
  },
  { title: "TestMatrixScenario" },
);
export type TestMatrixScenario = { name: string; scenario: unknown };

export const PutTestMatrixBody = BodyWithReason({
  scenarios: Type.Array(TestMatrixScenarioSchema, { maxItems: 200 }),
});
export type PutTestMatrixInput = Static<typeof PutTestMatrixBody>;

export const TestMatrixSchema = Type.Object(
  {
    plan_id: Type.String(),
    scenarios: Type.Array(TestMatrixScenarioSchema),
    updated_by: Nullable(Type.String()),
    updated_at: Nullable(Timestamp),
  },
  {
    title: "TestMatrix",
    description: "A plan's saved scenarios, run on every version submitted for approval",
  },
);
export type TestMatrix = Static<typeof TestMatrixSchema>;

const ChangedLineSchema = Type.Object({
  charge: Nullable(Type.String()),
  kind: Nullable(Type.String()),
  period_start: Nullable(Type.String()),
  period_end: Nullable(Type.String()),
  expected_amount: Nullable(DecimalString),
  actual_amount: Nullable(DecimalString),
  difference: DecimalString,
});

const ChangedInvoiceSchema = Type.Object({
  issued_at: Type.String(),
  expected_total: Nullable(DecimalString),
  actual_total: Nullable(DecimalString),
  difference: { ...DecimalString, description: "actual total minus expected total" },
  lines: Type.Array(ChangedLineSchema, {
    description: "the lines whose amount changed, appeared or went away",
  }),
});

const ScenarioResultSchema = Type.Object({
  name: Type.String(),
  status: StringEnum(["unchanged", "changed", "failed"], {
    description: "failed: the scenario cannot be priced with this version (errors say why)",
  }),
  expected_invoices: Type.Integer(),
  changed_invoices: Type.Array(ChangedInvoiceSchema),
  errors: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
});
export type TestMatrixScenarioResult = Static<typeof ScenarioResultSchema>;

export const TestMatrixRunSchema = Type.Object(
  {
    id: PrefixedId("tmr"),
    plan_id: Type.String(),
    plan_version_id: Type.String(),
    version: Type.Integer(),
    trigger: StringEnum(["submitted", "requested"]),
    scenarios_total: Type.Integer(),
    scenarios_changed: Type.Integer(),
    scenarios_failed: Type.Integer(),
    invoices_changed: Type.Integer(),
    results: Type.Array(ScenarioResultSchema),
    created_by: Type.String(),
    created_at: Timestamp,
  },
  {
    title: "TestMatrixRun",
    description:
      "A plan's test matrix priced with one version: which expected invoices change and by how much",
  },
);
export type TestMatrixRun = Static<typeof TestMatrixRunSchema>;

export const PlanVersionParams = Type.Object({
  id: Type.String({ maxLength: 64 }),
  version: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
});

export const ApprovalViewSchema = Type.Object(
  {
    plan_version: PlanVersionSchema,
    /** Against the version in effect now; null when no other version was published. */
    diff: Nullable(PlanVersionDiffSchema),
    /** The latest run of the plan's test matrix on this version. */
    test_matrix_run: Nullable(TestMatrixRunSchema),
    /** The latest completed backtest of this version. */
    backtest: Nullable(BacktestSchema),
  },
  {
    title: "PlanVersionApprovalView",
    description:
      "What an approver weighs: the version, its diff, its test matrix run and its latest backtest",
  },
);
export type ApprovalView = Static<typeof ApprovalViewSchema>;
