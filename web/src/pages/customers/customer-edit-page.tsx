// Editing a customer: the same form, prefilled; only the changed fields are sent.
import { useQuery } from "@tanstack/react-query";
import { api, reasonHeader } from "../../api/api-client.ts";
import { apiQuery, useApiMutation } from "../../api/queries.ts";
import type { Customer } from "../../api/resources.ts";
import { answer } from "../../api/typed-client.ts";
import { navigate } from "../../routing/router.ts";
import { customerPath } from "../../routing/routes.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { ResourcePage } from "../../ui/resource-view.tsx";
import { CustomerForm } from "./customer-form.tsx";
import { type CustomerFormValues, customerValues, updateCustomerBody } from "./customer-form-values.ts";

export function CustomerEditPage({ customerId }: { customerId: string }) {
  const customer = useQuery(apiQuery("/v1/customers/{id}", { params: { path: { id: customerId } } }));
  return (
    <ResourcePage resource={customer} title="Edit customer" loadingLabel="Loading the customer…">
      {(loaded) => <CustomerEditor customer={loaded} />}
    </ResourcePage>
  );
}

function CustomerEditor({ customer }: { customer: Customer }) {
  const back = () => navigate(customerPath(customer.id));
  const save = useApiMutation({
    write: async ({ values, reason }: { values: CustomerFormValues; reason: string }) => {
      const body = updateCustomerBody(customer, values);
      // Nothing changed: nothing to send.
      if (Object.keys(body).length === 0) return;
      await answer(
        api.PATCH("/v1/customers/{id}", {
          params: { path: { id: customer.id }, header: reasonHeader(reason) },
          body,
        }),
      );
    },
    invalidates: ["/v1/customers"],
    onSuccess: back,
  });
  return (
    <>
      <PageHeader title={`Edit ${customer.name ?? customer.external_id}`} />
      <CustomerForm
        initialValues={customerValues(customer)}
        submitLabel="Save changes"
        asksReason
        onSubmit={(values, reason) => save.mutateAsync({ values, reason })}
        onCancel={back}
      />
    </>
  );
}
