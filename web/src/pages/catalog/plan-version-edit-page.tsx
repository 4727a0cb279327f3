// Editing a draft version in the form editor. Only drafts change: a version
// under review or published is shown with the way forward instead.
import { api, reasonHeader } from "../../api/api-client.ts";
import { useApiMutation } from "../../api/queries.ts";
import type { PlanVersion } from "../../api/resources.ts";
import { Link } from "../../routing/link.tsx";
import { navigate } from "../../routing/router.ts";
import { planVersionPath } from "../../routing/routes.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { type PlanFormSubmission, PlanVersionForm } from "./version-editor/plan-version-form.tsx";
import { versionFormValues } from "./version-editor/version-form-values.ts";

/** The page of one plan version, once it is read (the router reads it). */
export function PlanVersionEditPage({ planVersion }: { planVersion: PlanVersion }) {
  const { plan_id: planId, version } = planVersion;
  const title = `Edit version ${version}`;
  const back = planVersionPath(planId, version);
  const save = useApiMutation({
    call: ({ content, reason }: PlanFormSubmission) =>
      api.PATCH("/v1/plans/{id}/versions/{version}", {
        params: { path: { id: planId, version }, header: reasonHeader(reason) },
        body: content,
      }),
    invalidates: ["/v1/plans/{id}"],
    onSuccess: () => navigate(back),
  });
  if (planVersion.state !== "draft") {
    return (
      <>
        <PageHeader title={title} subtitle={planVersion.plan_code} />
        <p className="notice">
          Version {version} is {planVersion.state === "pending_approval" ? "under review" : planVersion.state}
          : only a draft can be edited. <Link to={back}>Back to the version</Link>, where a new draft can be
          opened.
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeader title={title} subtitle={<code>{planVersion.plan_code}</code>} />
      <PlanVersionForm
        initialValues={{ code: "", name: "", description: "", version: versionFormValues(planVersion) }}
        withPlanFields={false}
        apiNesting="root"
        submitLabel="Save draft"
        refusalTitle="The draft was not saved"
        onSubmit={save.mutateAsync}
        onCancel={() => navigate(back)}
      />
    </>
  );
}
