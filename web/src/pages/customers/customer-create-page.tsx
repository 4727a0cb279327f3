// A new customer: the form, then the customer's page.
import { api } from "../../api/api-client.ts";
import { useApiMutation } from "../../api/queries.ts";
import { navigate } from "../../routing/router.ts";
import { customerPath } from "../../routing/routes.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { CustomerForm } from "./customer-form.tsx";
import { type CustomerFormValues, createCustomerBody, emptyCustomerValues } from "./customer-form-values.ts";

export function CustomerCreatePage() {
  const { timeZone, locale } = Intl.DateTimeFormat().resolvedOptions();
  const create = useApiMutation({
    call: (values: CustomerFormValues) => api.POST("/v1/customers", { body: createCustomerBody(values) }),
    invalidates: ["/v1/customers"],
    onSuccess: (customer) => navigate(customerPath(customer.id)),
  });
  return (
    <>
      <PageHeader title="New customer" subtitle="Only the external id is required; the rest can follow." />
      <CustomerForm
        initialValues={emptyCustomerValues(timeZone, locale)}
        submitLabel="Create customer"
        onSubmit={(values) => create.mutateAsync(values)}
        onCancel={() => navigate("/customers")}
      />
    </>
  );
}
