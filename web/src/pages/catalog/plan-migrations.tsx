// Moving a plan's subscribers from one published version to another: the
// form (from, to, when, why), "Preview" (a dry run: how many subscriptions
// move, the revenue impact per currency on their next invoices, and each
// subscription's next invoice before and after), then "Move N subscribers",
// which may wait for another person's approval. Under it, the plan's past
// migrations.
import { useState } from "react";
import { api, reasonHeader } from "../../api/api-client.ts";
import type { ApiError } from "../../api/api-error.ts";
import { useApiMutation, usePagedList } from "../../api/queries.ts";
import type { Plan, RequestBody, WriteResult } from "../../api/resources.ts";
import { answer } from "../../api/typed-client.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { instantFromLocal } from "../../format/local-instant.ts";
import { DataTable } from "../../ui/data-table.tsx";
import { DateTimeField, SelectField } from "../../ui/form-field.tsx";
import { FormFrame, ReasonField, SubmitButton } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { OutcomeMessage, StatusMessage } from "../../ui/outcome-message.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ErrorState } from "../../ui/states.tsx";
import { useCustomerNames } from "../customers/customer-names.ts";

type MigrationBody = RequestBody<"/v1/plans/{id}/migrations", "post">;
type PlanMigration = WriteResult<"/v1/plans/{id}/migrations", "post">;
type Timing = MigrationBody["timing"];

type MigrationValues = {
  from_version: string;
  to_version: string;
  timing: Timing;
  at: string;
  reason: string;
};

const timingOptions: { value: Timing; label: string }[] = [
  { value: "now", label: "Now" },
  { value: "next_period", label: "Next period" },
  { value: "at", label: "At a date and time" },
];

const timingText: Record<PlanMigration["timing"], string> = {
  now: "Now",
  next_period: "Next period",
  at: "At a date",
  revert: "Revert",
};

/** Versions subscribers can be on (published once), and those they can move to (published, not retired). */
function versionChoices(plan: Plan) {
  const published = plan.versions.filter(
    (version) => version.status !== "draft" && version.status !== "pending_approval",
  );
  const targets = published.filter((version) => version.status !== "retired");
  return { published, targets };
}

/** Whether the plan has two versions to move subscribers between. */
export function canMoveSubscribers(plan: Plan): boolean {
  const { published, targets } = versionChoices(plan);
  return published.length >= 2 && targets.length >= 1;
}

function initialValues(plan: Plan): MigrationValues {
  const { published, targets } = versionChoices(plan);
  const to = targets.find((version) => version.status === "active") ?? targets.at(-1);
  const from = [...published].reverse().find((version) => version.version !== to?.version);
  return {
    from_version: String(from?.version ?? ""),
    to_version: String(to?.version ?? ""),
    timing: "next_period",
    at: "",
    reason: "",
  };
}

function checkMigration(values: MigrationValues) {
  const errors: Record<string, string> = {};
  if (values.from_version === values.to_version)
    errors.to_version = "Choose a version other than the one they are on.";
  if (values.timing === "at" && values.at === "") errors.at = "Enter the date and time to move them at.";
  return errors;
}

function bodyOf(values: MigrationValues): MigrationBody {
  return {
    from_version: Number(values.from_version),
    to_version: Number(values.to_version),
    timing: values.timing,
    ...(values.timing === "at" ? { at: instantFromLocal(values.at) } : {}),
  };
}

function isWaitingForApproval(error: ApiError | null): boolean {
  return error?.code === "approval_required" || error?.code === "approval_pending";
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The form, its preview and the move, in a panel that `onClose` closes. */
export function MoveSubscribersPanel({ plan, onClose }: { plan: Plan; onClose: () => void }) {
  const form = useFormState<MigrationValues>(() => initialValues(plan), checkMigration);
  const [previewed, setPreviewed] = useState<{ values: MigrationValues; migration: PlanMigration }>();
  const { published, targets } = versionChoices(plan);
  const versionOption = (version: { version: number }) => ({
    value: String(version.version),
    label: `Version ${version.version}`,
  });
  const migrate = (values: MigrationValues, dryRun: boolean) =>
    answer(
      api.POST("/v1/plans/{id}/migrations", {
        params: { path: { id: plan.id }, header: reasonHeader(values.reason) },
        body: { ...bodyOf(values), ...(dryRun ? { dry_run: true } : {}) },
      }),
    );
  const preview = useApiMutation({
    write: (values: MigrationValues) => migrate(values, true),
    invalidates: [],
  });
  const move = useApiMutation({
    write: (values: MigrationValues) => migrate(values, false),
    invalidates: ["/v1/plans/{id}", "/v1/subscriptions", "/v1/approval-requests"],
  });
  // A preview stands for the values it was made with: changing one asks for a new preview.
  const current =
    previewed !== undefined && JSON.stringify(previewed.values) === JSON.stringify(form.values)
      ? previewed.migration
      : undefined;
  const submitPreview = () =>
    form.submit(async (values) => {
      move.reset();
      const migration = await preview.mutateAsync(values);
      setPreviewed({ values, migration });
    });

  return (
    <Panel title="Move subscribers">
      <FormFrame form={form} refusedTitle="No preview was made" onSubmit={submitPreview}>
        <p className="field-hint">
          Subscriptions on the first version move to the second; those left on it keep their prices. Preview
          first: nothing changes until you confirm.
        </p>
        <div className="filters">
          <SelectField
            {...form.bind("from_version")}
            label="From version"
            options={published.map(versionOption)}
          />
          <SelectField {...form.bind("to_version")} label="To version" options={targets.map(versionOption)} />
          <SelectField
            {...form.bind("timing")}
            label="When"
            hint="Next period: as each subscription's current period ends."
            options={timingOptions.map((option) => ({ value: option.value, label: option.label }))}
          />
          {form.values.timing === "at" && (
            <DateTimeField
              {...form.bind("at")}
              label="Move them at"
              hint="In your browser's time zone."
              required
            />
          )}
        </div>
        <ReasonField value={form.values.reason} onValueChange={(value) => form.set("reason", value)} />
        <div className="form-actions">
          <SubmitButton
            busy={form.busy}
            label="Preview"
            busyLabel="Previewing…"
            primary={current === undefined}
          />
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </FormFrame>
      {current && !move.isSuccess && (
        <MigrationPreview
          migration={current}
          moving={move.isPending}
          onMove={() => previewed && move.mutate(previewed.values)}
        />
      )}
      {move.error &&
        (isWaitingForApproval(move.error) ? (
          <StatusMessage>
            This move waits for another person's approval: it is made when they approve it.{" "}
            {move.error.detail}
          </StatusMessage>
        ) : (
          <ErrorState error={move.error} title="No subscriber was moved" />
        ))}
      {move.data && <MigrationResult migration={move.data} />}
    </Panel>
  );
}

function MigrationPreview({
  migration,
  moving,
  onMove,
}: {
  migration: PlanMigration;
  moving: boolean;
  onMove: () => void;
}) {
  const count = migration.summary.affected_subscriptions;
  return (
    <section aria-label="Preview" className="section-gap">
      <h3>Preview</h3>
      <dl className="details">
        <dt>Subscriptions affected</dt>
        <dd>{count}</dd>
      </dl>
      <RevenueImpactTable migration={migration} />
      <div className="section-gap">
        <MigratedSubscriptionsTable migration={migration} />
      </div>
      {count > 0 && (
        <div className="form-actions">
          <button type="button" className="button button-primary" disabled={moving} onClick={onMove}>
            {moving ? "Moving…" : `Move ${plural(count, "subscriber", "subscribers")}`}
          </button>
        </div>
      )}
    </section>
  );
}

function MigrationResult({ migration }: { migration: PlanMigration }) {
  const count = migration.summary.affected_subscriptions;
  return (
    <section aria-label="Result" className="section-gap">
      <OutcomeMessage
        message={`Moved ${plural(count, "subscriber", "subscribers")} from version ${migration.from_version} to version ${migration.to_version}.`}
      />
      <RevenueImpactTable migration={migration} />
      <div className="section-gap">
        <MigratedSubscriptionsTable migration={migration} />
      </div>
    </section>
  );
}

function RevenueImpactTable({ migration }: { migration: PlanMigration }) {
  const impact = migration.summary.revenue_impact;
  if (impact.length === 0) return <p className="field-hint">No next invoice changes.</p>;
  return (
    <DataTable
      label="Revenue impact table"
      rows={impact}
      rowKey={(row) => row.currency}
      columns={[
        { header: "Currency", cell: (row) => row.currency },
        { header: "Subscriptions", numeric: true, cell: (row) => row.subscriptions },
        {
          header: "Next invoices before",
          numeric: true,
          cell: (row) => formatMoney(row.before_total, row.currency),
        },
        { header: "After", numeric: true, cell: (row) => formatMoney(row.after_total, row.currency) },
        { header: "Revenue impact", numeric: true, cell: (row) => formatMoney(row.difference, row.currency) },
      ]}
    />
  );
}

function MigratedSubscriptionsTable({ migration }: { migration: PlanMigration }) {
  const customerName = useCustomerNames();
  if (migration.subscriptions.length === 0) return null;
  const money = (amount: string | undefined, currency: string | undefined) =>
    amount === undefined || currency === undefined ? "—" : formatMoney(amount, currency);
  return (
    <DataTable
      label="Subscriptions moved table"
      rows={migration.subscriptions}
      rowKey={(row) => row.subscription_id}
      columns={[
        { header: "Customer", cell: (row) => customerName(row.customer_id) },
        { header: "Moves", cell: (row) => formatDateTime(row.at) },
        {
          header: "Next invoice before",
          numeric: true,
          cell: (row) => money(row.preview?.before?.total, row.preview?.before?.currency),
        },
        {
          header: "After",
          numeric: true,
          cell: (row) => money(row.preview?.after?.total, row.preview?.after?.currency),
        },
        {
          header: "Difference",
          numeric: true,
          cell: (row) =>
            money(row.preview?.difference, row.preview?.after?.currency ?? row.preview?.before?.currency),
        },
      ]}
    />
  );
}

/** The plan's past migrations, newest first. */
export function PlanMigrationHistory({ plan }: { plan: Plan }) {
  const list = usePagedList("/v1/plans/{id}/migrations", {
    params: { path: { id: plan.id }, query: { limit: 20 } },
  });
  return (
    <Panel title="Subscriber moves">
      <PagedListView list={list} noun={["move", "moves"]} empty="No subscribers were moved between versions.">
        {(migrations) => (
          <DataTable
            label="Subscriber moves table"
            rows={migrations}
            rowKey={(migration) => migration.id ?? migration.created_at}
            columns={[
              { header: "Made", cell: (migration) => formatDateTime(migration.created_at) },
              {
                header: "Versions",
                cell: (migration) => `Version ${migration.from_version} → version ${migration.to_version}`,
              },
              {
                header: "When",
                cell: (migration) =>
                  migration.timing === "at" && migration.at
                    ? `At ${formatDateTime(migration.at)}`
                    : timingText[migration.timing],
              },
              {
                header: "Subscriptions",
                numeric: true,
                cell: (migration) => migration.summary.affected_subscriptions,
              },
              { header: "Reason", cell: (migration) => migration.reason ?? "—" },
            ]}
          />
        )}
      </PagedListView>
    </Panel>
  );
}
