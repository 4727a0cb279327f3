// Pricing experiments: a control version of a plan and one or more variant
// versions, each customer of the population assigned to one arm
// (experiment-assignments.ts), the arms' metrics compared
// (experiment-metrics.ts), and a decision that ends it
// (experiment-decisions.ts). Creating one assigns the customers due at once.
import { describeActor, recordCreation } from "../audit/index.ts";
import { findPlan, type PlanVersionRecord, planVersionByNumber } from "../catalog/index.ts";
import { publishEvent } from "../notifications/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { type FieldError, validationFailed } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { newSalt } from "./cohort-buckets.ts";
import { assignExperiment } from "./experiment-assignments.ts";
import type { CreateExperimentInput, ExperimentView } from "./experiment-schemas.ts";
import { loadExperiment } from "./experiment-store.ts";
import { experimentCreated } from "./experiment-webhook-events.ts";

type ArmInput = CreateExperimentInput["control"];

export async function createExperiment(
  context: RequestContext,
  input: CreateExperimentInput,
): Promise<ExperimentView> {
  const now = context.clock.now();
  const startsAt = input.starts_at === undefined ? now : new Date(input.starts_at);
  const endsAt = new Date(input.ends_at);
  checkArms(input, startsAt, endsAt);
  const id = await context.database.transaction().execute(async (transaction) => {
    const plan = await findPlan(transaction, context, input.plan_id);
    const arms = [
      { path: "$.control", role: "control" as const, arm: input.control },
      ...input.variants.map((arm, index) => ({
        path: `$.variants[${index}]`,
        role: "variant" as const,
        arm,
      })),
    ];
    const errors: FieldError[] = [];
    const versions: PlanVersionRecord[] = [];
    for (const { path, role, arm } of arms) {
      const version = await planVersionByNumber(transaction, context, plan.id, arm.version);
      if (version === undefined) {
        errors.push({ path: `${path}.version`, message: `plan ${plan.code} has no version ${arm.version}` });
      } else if (role === "variant" && version.state !== "published") {
        errors.push({ path: `${path}.version`, message: "must be a published version" });
      } else if (role === "variant" && arm.version === input.control.version) {
        errors.push({ path: `${path}.version`, message: "must differ from the control's version" });
      } else {
        versions.push(version);
      }
    }
    if (errors.length > 0) throw validationFailed(errors);
    const experimentId = newId("experiment", now);
    await transaction
      .insertInto("experiments")
      .values({
        id: experimentId,
        organization_id: context.organizationId,
        environment_id: context.environmentId,
        name: input.name,
        plan_id: plan.id,
        salt: input.salt ?? newSalt(),
        assignment: input.assignment,
        segment_key: input.segment_key ?? null,
        audience: input.audience,
        starts_at: startsAt,
        ends_at: endsAt,
        status: "running",
        decision: null,
        created_by: describeActor(context.actor).id,
        reason: context.reason ?? null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await transaction
      .insertInto("experiment_arms")
      .values(
        arms.map(({ role, arm }, index) => ({
          id: newId("experimentArm", now),
          organization_id: context.organizationId,
          environment_id: context.environmentId,
          experiment_id: experimentId,
          position: index + 1,
          name: arm.name ?? (role === "control" ? "control" : `variant ${index}`),
          role,
          version_id: (versions[index] as PlanVersionRecord).id,
          weight: arm.weight ?? "1",
          customer_ids: arm.customer_ids ?? [],
        })),
      )
      .execute();
    const created = await loadExperiment(transaction, context, experimentId);
    await recordCreation(transaction, context, "experiment", created);
    await publishEvent(transaction, context, experimentCreated, created);
    await assignExperiment(transaction, context, experimentId);
    return experimentId;
  });
  return loadExperiment(context.database, context, id);
}

function checkArms(input: CreateExperimentInput, startsAt: Date, endsAt: Date): void {
  const errors: FieldError[] = [];
  if (endsAt <= startsAt) errors.push({ path: "$.ends_at", message: "must be after starts_at" });
  const arms: [string, ArmInput][] = [
    ["$.control", input.control],
    ...input.variants.map((arm, index): [string, ArmInput] => [`$.variants[${index}]`, arm]),
  ];
  const listed = new Map<string, string>();
  for (const [path, arm] of arms) {
    if (input.assignment === "lists") {
      if (arm.customer_ids === undefined) {
        errors.push({ path: `${path}.customer_ids`, message: "is required with assignment lists" });
      }
      for (const [index, customerId] of (arm.customer_ids ?? []).entries()) {
        const earlier = listed.get(customerId);
        if (earlier !== undefined) {
          errors.push({
            path: `${path}.customer_ids[${index}]`,
            message: `${customerId} is already listed in ${earlier}`,
          });
        }
        listed.set(customerId, path);
      }
    } else if (arm.customer_ids !== undefined) {
      errors.push({ path: `${path}.customer_ids`, message: "only with assignment lists" });
    }
  }
  if (input.assignment === "hash") {
    const total = arms.reduce((sum, [, arm]) => sum + Number(arm.weight ?? "1"), 0);
    if (total === 0) errors.push({ path: "$.control.weight", message: "the arms' weights add up to zero" });
  } else if (input.segment_key != null) {
    errors.push({ path: "$.segment_key", message: "only with assignment hash" });
  }
  if (errors.length > 0) throw validationFailed(errors);
}
