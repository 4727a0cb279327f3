// Editing a customer: the same form, prefilled; only the changed fields are sent.
import { apiRequest } from "../../api/api-client.ts";
import type { Customer } from "../../api/resources.ts";
import { useApiResource } from "../../api/use-api.ts";
import { navigate } from "../../routing/router.ts";
import { customerPath } from "../../routing/routes.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { ErrorState, LoadingState } from "../../ui/states.tsx";
import { CustomerForm } from "./customer-form.tsx";
import { customerValues, updateCustomerBody } from "./customer-form-values.ts";

export function CustomerEditPage({ customerId }: { customerId: string }) {
  const { state, reload } = useApiResource<Customer>(`/v1/customers/${encodeURIComponent(customerId)}`);
  const back = () => navigate(customerPath(customerId));
  return (
    <>
      <PageHeader
        title={
          state.status === "ready" ? `Edit ${state.data.name ?? state.data.external_id}` : "Edit customer"
        }
      />
      {state.status === "loading" && <LoadingState label="Loading the customer…" />}
      {state.status === "error" && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === "ready" && (
        <CustomerForm
          initialValues={customerValues(state.data)}
          submitLabel="Save changes"
          asksReason
          onSubmit={async (values, reason) => {
            const body = updateCustomerBody(state.data, values);
            if (Object.keys(body).length > 0) {
              await apiRequest<Customer>("PATCH", `/v1/customers/${encodeURIComponent(customerId)}`, {
                body,
                reason,
              });
            }
            back();
          }}
          onCancel={back}
        />
      )}
    </>
  );
}
