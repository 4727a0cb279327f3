// The emails Fairbill sends and the wording of each: the template in force
// (the newest saved version, or the built-in one), edited as a new version,
// previewed with sample data before it is saved, and any earlier version
// made current again. The address keeps the template chosen (?template=…).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, reasonHeader } from "../../api/api-client.ts";
import { apiQuery, type GetData, useApiMutation, usePagedList } from "../../api/queries.ts";
import type { RequestBody, WriteResult } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { navigate, useLocation } from "../../routing/router.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { TextAreaField, TextField } from "../../ui/form-field.tsx";
import { FormFrame, ReasonField, SubmitButton } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { EmptyState } from "../../ui/states.tsx";

type Template = GetData<"/v1/email-templates">["data"][number];
type TemplateName = RequestBody<"/v1/email-templates", "post">["template"];
type Preview = WriteResult<"/v1/email-templates/preview", "post">;
type Wording = { subject: string; html_body: string; text_body: string };

const templateLabels: Record<TemplateName, string> = {
  invoice_issued: "Invoice issued",
  payment_receipt: "Payment receipt",
  payment_failed: "Payment failed",
  dunning_reminder: "Dunning reminder",
  statement_of_account: "Statement of account",
  dispute_received: "Dispute received",
  refund_confirmation: "Refund confirmation",
  credit_balance_low: "Credit balance low",
  usage_alert: "Usage alert",
  account_invitation: "Invitation to the console",
  email_verification: "Email address check",
  password_reset: "Password reset",
  break_glass_publish: "Break-glass publish notice",
  rollout_rolled_back: "Rollout rolled back",
};

function labelOf(template: string): string {
  return templateLabels[template as TemplateName] ?? template;
}

export function EmailTemplatesPage() {
  const session = useSignedInSession();
  const writable = can(session, "billing:write");
  const templates = useQuery(apiQuery("/v1/email-templates"));
  const { query } = useLocation();
  const chosen = query.get("template") ?? "";

  return (
    <>
      <PageHeader
        title="Email templates"
        subtitle="The wording of every email Fairbill sends: edit it, preview it with sample data, and go back to an earlier version."
      />
      <ResourceView resource={templates} loadingLabel="Loading the email templates…">
        {({ data }) => {
          const current = data.find((template) => template.template === chosen);
          return (
            <>
              <DataTable
                label="Email templates table"
                rows={data}
                rowKey={(template) => template.template}
                columns={[
                  {
                    header: "Email",
                    cell: (template) => (
                      <a
                        href={`/email-templates?template=${template.template}`}
                        aria-current={template.template === chosen ? "true" : undefined}
                        onClick={(event) => {
                          event.preventDefault();
                          navigate(`/email-templates?template=${template.template}`);
                        }}
                      >
                        {labelOf(template.template)}
                      </a>
                    ),
                  },
                  { header: "Subject", cell: (template) => template.subject },
                  {
                    header: "Version",
                    cell: (template) => (template.is_default ? "Built-in" : `Version ${template.version}`),
                  },
                  {
                    header: "Saved",
                    cell: (template) => (template.created_at ? formatDateTime(template.created_at) : "—"),
                  },
                ]}
              />
              {current && (
                // One editor per template: a save keeps the wording on screen with its outcome.
                <TemplateEditor key={current.template} template={current} writable={writable} />
              )}
            </>
          );
        }}
      </ResourceView>
    </>
  );
}

const noChecks = () => ({});
const placed = new Set(["subject", "html_body", "text_body"]);

function TemplateEditor({ template, writable }: { template: Template; writable: boolean }) {
  const name = template.template as TemplateName;
  const form = useFormState<Wording>(
    () => ({ subject: template.subject, html_body: template.html_body, text_body: template.text_body }),
    noChecks,
  );
  const [reason, setReason] = useState("");
  const [outcome, setOutcome] = useState("");
  const [preview, setPreview] = useState<Preview | undefined>();
  const previewing = useApiMutation({
    call: (wording: Wording) =>
      api.POST("/v1/email-templates/preview", { body: { template: name, ...wording } }),
    invalidates: [],
    onSuccess: setPreview,
  });
  const save = useApiMutation({
    call: (wording: Wording) =>
      api.POST("/v1/email-templates", {
        params: { header: reasonHeader(reason) },
        body: { template: name, ...wording },
      }),
    invalidates: ["/v1/email-templates"],
    onSuccess: (saved) =>
      setOutcome(`Version ${saved.version} of ${labelOf(name)} was saved; it is used from now on.`),
  });

  return (
    <>
      <Panel title={`${labelOf(name)}: wording`}>
        <OutcomeMessage message={outcome} />
        <FormFrame
          form={form}
          refusedTitle="The template was not saved"
          onSubmit={() => {
            setOutcome("");
            return form.submit(save.mutateAsync);
          }}
          className="form"
          placed={placed}
        >
          <p className="field-hint">
            Insert data with <code>{"{{customer.name}}"}</code>, repeat with{" "}
            <code>{"{{#each invoice.lines}}…{{/each}}"}</code> and choose with{" "}
            <code>{"{{#if invoice.url}}…{{else}}…{{/if}}"}</code>. Values are escaped in the HTML body.
          </p>
          <TextField {...form.bind("subject")} label="Subject" required readOnly={!writable} />
          <TextAreaField {...form.bind("html_body")} label="HTML body" rows={10} readOnly={!writable} />
          <TextAreaField {...form.bind("text_body")} label="Text body" rows={8} readOnly={!writable} />
          {writable && <ReasonField value={reason} onValueChange={setReason} />}
          <div className="form-actions">
            <button
              type="button"
              className="button"
              disabled={previewing.isPending}
              onClick={() => previewing.mutate(form.values)}
            >
              {previewing.isPending ? "Rendering…" : "Preview"}
            </button>
            {writable && <SubmitButton busy={form.busy} label="Save as a new version" busyLabel="Saving…" />}
          </div>
          {previewing.error && <p className="form-error">{previewing.error.detail}</p>}
        </FormFrame>
      </Panel>
      {preview && <PreviewPanel preview={preview} />}
      <TemplateVersions
        template={name}
        writable={writable}
        onRestored={(restored) => {
          setOutcome("");
          form.reset({
            subject: restored.subject,
            html_body: restored.html_body,
            text_body: restored.text_body,
          });
        }}
      />
    </>
  );
}

function PreviewPanel({ preview }: { preview: Preview }) {
  return (
    <Panel title="Preview with sample data">
      <dl className="details">
        <div className="detail">
          <dt>Subject</dt>
          <dd>{preview.subject}</dd>
        </div>
        {preview.missing_variables.length > 0 && (
          <div className="detail">
            <dt>Not in the data</dt>
            <dd>
              {preview.missing_variables.map((variable) => (
                <code key={variable}>{`{{${variable}}} `}</code>
              ))}
            </dd>
          </div>
        )}
      </dl>
      {/* No scripts and no same origin: the preview is the email's HTML and nothing more. */}
      <iframe className="email-preview" title="HTML body as sent" sandbox="" srcDoc={preview.html_body} />
      <h3>Text body as sent</h3>
      <pre className="email-preview-text">{preview.text_body}</pre>
    </Panel>
  );
}

function TemplateVersions({
  template,
  writable,
  onRestored,
}: {
  template: TemplateName;
  writable: boolean;
  /** The wording made current again, for the editor above. */
  onRestored: (restored: Template) => void;
}) {
  const versions = usePagedList("/v1/email-templates/versions", {
    params: { query: { template, limit: 20 } },
  });
  const [outcome, setOutcome] = useState("");
  const restore = useApiMutation({
    call: (id: string) =>
      api.POST("/v1/email-templates/{id}/restore", { params: { path: { id }, header: reasonHeader("") } }),
    invalidates: ["/v1/email-templates"],
    onSuccess: (restored) => {
      onRestored(restored);
      setOutcome(`The wording was restored as version ${restored.version}.`);
    },
  });

  return (
    <Panel title="Saved versions">
      <OutcomeMessage message={outcome} />
      {restore.error && <p className="form-error">{restore.error.detail}</p>}
      <PagedListView
        list={versions}
        noun={["version", "versions"]}
        loadingLabel="Loading the versions…"
        empty={
          <EmptyState title="No saved versions: the built-in wording is used.">
            <p>Saving the wording above makes version 1.</p>
          </EmptyState>
        }
      >
        {(rows) => (
          <DataTable
            label="Template versions table"
            rows={rows}
            rowKey={(version) => version.id ?? version.version}
            columns={[
              { header: "Version", cell: (version) => `Version ${version.version}` },
              { header: "Subject", cell: (version) => version.subject },
              {
                header: "Saved",
                cell: (version) => (version.created_at ? formatDateTime(version.created_at) : "—"),
              },
              writable && {
                header: "Actions",
                cell: (version, index) =>
                  index === 0 || version.id === null ? (
                    <span className="muted">In force</span>
                  ) : (
                    <button
                      type="button"
                      className="button"
                      disabled={restore.isPending}
                      onClick={() => version.id && restore.mutate(version.id)}
                    >
                      Restore <span className="visually-hidden">version {version.version}</span>
                    </button>
                  ),
              },
            ]}
          />
        )}
      </PagedListView>
    </Panel>
  );
}
