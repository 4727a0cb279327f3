// Editing a draft version in the form editor. Only drafts change: a version
// under review or published is shown with the way forward instead.
import { apiRequest } from "../../api/api-client.ts";
import type { PlanVersion } from "../../api/catalog-types.ts";
import { useApiResource } from "../../api/use-api.ts";
import { Link } from "../../routing/link.tsx";
import { navigate } from "../../routing/router.ts";
import { planVersionPath } from "../../routing/routes.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { ErrorState, LoadingState } from "../../ui/states.tsx";
import { PlanVersionForm } from "./version-editor/plan-version-form.tsx";
import { versionFormValues } from "./version-editor/version-form-values.ts";

export function PlanVersionEditPage({ planId, version }: { planId: string; version: number }) {
  const path = `/v1/plans/${encodeURIComponent(planId)}/versions/${version}`;
  const { state, reload } = useApiResource<PlanVersion>(path);
  const title = `Edit version ${version}`;

  if (state.status !== "ready") {
    return (
      <>
        <PageHeader title={title} />
        {state.status === "loading" && <LoadingState label="Loading the version…" />}
        {state.status === "error" && <ErrorState error={state.error} onRetry={reload} />}
      </>
    );
  }
  const planVersion = state.data;
  const back = planVersionPath(planId, version);
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
        onSubmit={async ({ content, reason }) => {
          await apiRequest<PlanVersion>("PATCH", path, { body: content, reason });
          navigate(back);
        }}
        onCancel={() => navigate(back)}
      />
    </>
  );
}
