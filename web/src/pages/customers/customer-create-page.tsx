// A new customer: the form, then the customer's page.
import { apiRequest } from "../../api/api-client.ts";
import type { Customer } from "../../api/resources.ts";
import { navigate } from "../../routing/router.ts";
import { customerPath } from "../../routing/routes.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { CustomerForm } from "./customer-form.tsx";
import { createCustomerBody, emptyCustomerValues } from "./customer-form-values.ts";

export function CustomerCreatePage() {
  const { timeZone, locale } = Intl.DateTimeFormat().resolvedOptions();
  return (
    <>
      <PageHeader title="New customer" subtitle="Only the external id is required; the rest can follow." />
      <CustomerForm
        initialValues={emptyCustomerValues(timeZone, locale)}
        submitLabel="Create customer"
        onSubmit={async (values) => {
          const customer = await apiRequest<Customer>("POST", "/v1/customers", {
            body: createCustomerBody(values),
          });
          navigate(customerPath(customer.id));
        }}
        onCancel={() => navigate("/customers")}
      />
    </>
  );
}
