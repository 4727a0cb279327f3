// A new plan: its code and name, and the content of its version 1, which is
// created as a draft to review and publish from the version's page.
import { apiRequest } from "../../api/api-client.ts";
import type { Plan } from "../../api/catalog-types.ts";
import { navigate } from "../../routing/router.ts";
import { planVersionPath } from "../../routing/routes.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { PlanVersionForm } from "./version-editor/plan-version-form.tsx";
import { emptyVersionValues } from "./version-editor/version-form-values.ts";

export function PlanCreatePage() {
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
        onSubmit={async ({ plan, content, reason }) => {
          const created = await apiRequest<Plan>("POST", "/v1/plans", {
            body: {
              code: plan.code,
              name: plan.name,
              ...(plan.description === null ? {} : { description: plan.description }),
              version: content,
            },
            reason,
          });
          navigate(planVersionPath(created.id, 1));
        }}
        onCancel={() => navigate("/plans")}
      />
    </>
  );
}
