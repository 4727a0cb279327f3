// A new plan: its code and name, and the content of its version 1, which is
// created as a draft to review and publish from the version's page.
import { api, reasonHeader } from "../../api/api-client.ts";
import { useApiMutation } from "../../api/queries.ts";
import { navigate } from "../../routing/router.ts";
import { planVersionPath } from "../../routing/routes.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { type PlanFormSubmission, PlanVersionForm } from "./version-editor/plan-version-form.tsx";
import { emptyVersionValues } from "./version-editor/version-form-values.ts";

export function PlanCreatePage() {
  const create = useApiMutation({
    call: ({ plan, content, reason }: PlanFormSubmission) =>
      api.POST("/v1/plans", {
        params: { header: reasonHeader(reason) },
        body: {
          code: plan.code,
          name: plan.name,
          ...(plan.description === null ? {} : { description: plan.description }),
          version: content,
        },
      }),
    invalidates: ["/v1/plans"],
    onSuccess: (created) => navigate(planVersionPath(created.id, 1)),
  });
  return (
    <>
      <PageHeader
        title="New plan"
        subtitle="Version 1 is saved as a draft; it bills nobody until it is published."
      />
      <PlanVersionForm
        initialValues={{ code: "", name: "", description: "", version: emptyVersionValues() }}
        withPlanFields
        apiNesting="version"
        submitLabel="Create plan"
        refusalTitle="The plan was not created"
        onSubmit={create.mutateAsync}
        onCancel={() => navigate("/plans")}
      />
    </>
  );
}
