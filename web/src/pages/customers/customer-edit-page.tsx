// Editing a customer: the same form, prefilled; only the changed fields are sent.
import { api, reasonHeader } from "../../api/api-client.ts";
import { useApiMutation } from "../../api/queries.ts";
import type { Customer } from "../../api/resources.ts";
import { answer } from "../../api/typed-client.ts";
import { navigate } from "../../routing/router.ts";
import { customerPath } from "../../routing/routes.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { CustomerForm } from "./customer-form.tsx";
import { type CustomerFormValues, customerValues, updateCustomerBody } from "./customer-form-values.ts";

/** The page of one customer, once it is read (the router reads it). */
export function CustomerEditPage({ customer }: { customer: Customer }) {
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
