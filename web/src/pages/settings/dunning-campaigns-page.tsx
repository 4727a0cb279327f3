// Dunning campaigns: what happens after an invoice's payment fails. Each
// campaign lists its steps (the retries after the first failure, the
// reminders before and after the due date) and its final action; one is the
// default of every customer given no other. A person who may write billing
// creates a campaign and edits one's steps; invoices already in dunning keep
// the steps they started with.
import { useState } from "react";
import { api, reasonHeader } from "../../api/api-client.ts";
import { type ListItem, useApiMutation, usePagedList } from "../../api/queries.ts";
import type { RequestBody } from "../../api/resources.ts";
import { answer } from "../../api/typed-client.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { DisclosureButton } from "../../ui/disclosure-button.tsx";
import { CheckboxField, labelOptions, SelectField, TextField } from "../../ui/form-field.tsx";
import { FormFrame, ReasonField, SubmitButton } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { EmptyState } from "../../ui/states.tsx";
import { daysOf, daysText, describeDays } from "./day-lists.ts";

type Campaign = ListItem<"/v1/dunning-campaigns">;
type FinalAction = Campaign["final_action"];

const finalActionLabels: Record<FinalAction, string> = {
  none: "Nothing more",
  mark_uncollectible: "Mark the invoice uncollectible",
  pause_subscription: "Pause the subscription",
  cancel_subscription: "Cancel the subscription",
  block_entitlements: "Block the customer's entitlements",
};

type CampaignValues = {
  name: string;
  is_default: boolean;
  retry_schedule_days: string;
  reminder_days_before_due: string;
  reminder_days_after_due: string;
  final_action: FinalAction;
};

const emptyCampaign = (): CampaignValues => ({
  name: "",
  is_default: false,
  retry_schedule_days: "1, 3, 5, 8",
  reminder_days_before_due: "3",
  reminder_days_after_due: "0, 7",
  final_action: "none",
});

function valuesOf(campaign: Campaign): CampaignValues {
  return {
    name: campaign.name,
    is_default: campaign.is_default,
    retry_schedule_days: daysText(campaign.retry_schedule_days),
    reminder_days_before_due: daysText(campaign.reminder_days_before_due),
    reminder_days_after_due: daysText(campaign.reminder_days_after_due),
    final_action: campaign.final_action,
  };
}

function campaignBody(values: CampaignValues): RequestBody<"/v1/dunning-campaigns", "post"> {
  return {
    name: values.name.trim(),
    // Left out unless chosen: an environment's first campaign becomes its default by itself.
    ...(values.is_default ? { is_default: true } : {}),
    retry_schedule_days: daysOf(values.retry_schedule_days),
    reminder_days_before_due: daysOf(values.reminder_days_before_due),
    reminder_days_after_due: daysOf(values.reminder_days_after_due),
    final_action: values.final_action,
  };
}

const noChecks = () => ({});
const placed = new Set(Object.keys(emptyCampaign()));
/** The API names a step by its position ("retry_schedule_days.2"); the form has one field per list. */
const formNameOf = (apiName: string) => apiName.replace(/\.\d+$/, "");

export function DunningCampaignsPage() {
  const session = useSignedInSession();
  const writable = can(session, "billing:write");
  const list = usePagedList("/v1/dunning-campaigns", { params: { query: { limit: 100 } } });
  const [editing, setEditing] = useState<string | undefined>();
  const [outcome, setOutcome] = useState("");

  return (
    <>
      <PageHeader
        title="Dunning campaigns"
        subtitle="What happens when a payment fails: when it is tried again, when the customer is reminded, and the last step."
      />
      <OutcomeMessage message={outcome} />
      <PagedListView
        list={list}
        noun={["campaign", "campaigns"]}
        loadingLabel="Loading the dunning campaigns…"
        empty={
          <EmptyState title="No dunning campaigns yet.">
            <p>Without one, a failed payment is not tried again and no reminder is sent.</p>
          </EmptyState>
        }
      >
        {(campaigns) => (
          <>
            <DataTable
              label="Dunning campaigns table"
              rows={campaigns}
              rowKey={(campaign) => campaign.id}
              columns={[
                {
                  header: "Campaign",
                  cell: (campaign) => (
                    <>
                      {campaign.name}
                      {campaign.is_default && <span className="badge badge-success">Default</span>}
                    </>
                  ),
                },
                {
                  header: "Retries",
                  cell: (campaign) => describeDays(campaign.retry_schedule_days, "after the first failure"),
                },
                {
                  header: "Reminders",
                  cell: (campaign) => (
                    <>
                      {describeDays(campaign.reminder_days_before_due, "before the due date")}
                      <span className="actor-id">
                        {describeDays(campaign.reminder_days_after_due, "after the due date")}
                      </span>
                    </>
                  ),
                },
                { header: "Final action", cell: (campaign) => finalActionLabels[campaign.final_action] },
                { header: "Changed", cell: (campaign) => formatDateTime(campaign.updated_at) },
                writable && {
                  header: "Actions",
                  cell: (campaign) => (
                    <DisclosureButton
                      open={editing === campaign.id}
                      onToggle={() => {
                        setOutcome("");
                        setEditing(editing === campaign.id ? undefined : campaign.id);
                      }}
                    >
                      Edit <span className="visually-hidden">{campaign.name}</span>
                    </DisclosureButton>
                  ),
                },
              ]}
            />
            {campaigns
              .filter((campaign) => campaign.id === editing)
              .map((campaign) => (
                <CampaignForm
                  key={campaign.id}
                  campaign={campaign}
                  onSaved={(saved) => {
                    setEditing(undefined);
                    setOutcome(`The campaign ${saved.name} was saved.`);
                  }}
                  onCancel={() => setEditing(undefined)}
                />
              ))}
          </>
        )}
      </PagedListView>
      {writable && (
        <CampaignForm onSaved={(saved) => setOutcome(`The campaign ${saved.name} was created.`)} />
      )}
    </>
  );
}

function CampaignForm({
  campaign,
  onSaved,
  onCancel,
}: {
  /** The campaign edited; none: a new one. */
  campaign?: Campaign;
  onSaved: (saved: Campaign) => void;
  onCancel?: () => void;
}) {
  const form = useFormState<CampaignValues>(
    () => (campaign ? valuesOf(campaign) : emptyCampaign()),
    noChecks,
    formNameOf,
  );
  const [reason, setReason] = useState("");
  const save = useApiMutation({
    write: (values: CampaignValues) =>
      campaign
        ? answer(
            api.PATCH("/v1/dunning-campaigns/{id}", {
              params: { path: { id: campaign.id }, header: reasonHeader(reason) },
              body: campaignBody(values),
            }),
          )
        : answer(
            api.POST("/v1/dunning-campaigns", {
              params: { header: reasonHeader(reason) },
              body: campaignBody(values),
            }),
          ),
    invalidates: ["/v1/dunning-campaigns", "/v1/customers/{id}/dunning"],
    onSuccess: onSaved,
  });
  const title = campaign ? `Edit ${campaign.name}` : "Create a dunning campaign";

  return (
    <Panel title={title}>
      <FormFrame
        form={form}
        refusedTitle={campaign ? "The campaign was not saved" : "The campaign was not created"}
        onSubmit={() =>
          campaign ? form.submit(save.mutateAsync) : form.submitAndStartOver(save.mutateAsync)
        }
        className="form"
        placed={placed}
      >
        <div className="field-grid">
          <TextField {...form.bind("name")} label="Name" required autoComplete="off" />
          <TextField
            {...form.bind("retry_schedule_days")}
            label="Retry the payment after (days)"
            hint="Days after the first failed payment, in increasing order: 1, 3, 5, 8."
          />
          <TextField
            {...form.bind("reminder_days_before_due")}
            label="Remind before the due date (days)"
            hint="Days before the due date: 3. Empty: no reminder before."
          />
          <TextField
            {...form.bind("reminder_days_after_due")}
            label="Remind after the due date (days)"
            hint="Days after the due date; 0 is the due date itself."
          />
          <SelectField
            {...form.bind("final_action")}
            label="Final action"
            hint="At the last retry or reminder, if the invoice is still unpaid."
            options={labelOptions(finalActionLabels)}
          />
        </div>
        {!campaign?.is_default && (
          <CheckboxField
            label="The default campaign"
            hint="The campaign of every customer given no other; it replaces the current default (the first campaign is the default)."
            checked={form.values.is_default}
            onCheckedChange={(checked) => form.set("is_default", checked)}
          />
        )}
        {campaign && <ReasonField value={reason} onValueChange={setReason} />}
        <div className="form-actions">
          <SubmitButton
            busy={form.busy}
            label={campaign ? "Save campaign" : "Create campaign"}
            busyLabel="Saving…"
          />
          {onCancel && (
            <button type="button" className="button" onClick={onCancel} disabled={form.busy}>
              Cancel
            </button>
          )}
        </div>
      </FormFrame>
    </Panel>
  );
}
