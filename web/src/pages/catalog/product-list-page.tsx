// Products: what charges are grouped under on invoices. Listed newest first,
// with a form to add one.
import { useCallback } from "react";
import { api } from "../../api/api-client.ts";
import { useApiMutation, usePagedList } from "../../api/queries.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { TextField } from "../../ui/form-field.tsx";
import { InlineFormPanel } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { FieldChecks } from "./version-editor/version-form-checks.ts";

export function ProductListPage() {
  const session = useSignedInSession();
  const list = usePagedList("/v1/products", { params: { query: { limit: 50 } } });
  return (
    <>
      <PageHeader title="Products" subtitle="What a plan's charges are grouped under on invoices." />
      {can(session, "catalog:write") && <CreateProductForm />}
      <Panel title="All products">
        <PagedListView list={list} noun={["product", "products"]} empty="No products yet.">
          {(products) => (
            <DataTable
              label="Products table"
              rows={products}
              rowKey={(product) => product.id}
              columns={[
                { header: "Product", cell: (product) => product.name },
                { header: "Code", cell: (product) => <code>{product.code}</code> },
                {
                  header: "Description",
                  cell: (product) => product.description ?? <span className="muted">None</span>,
                },
                { header: "Created", cell: (product) => formatDateTime(product.created_at) },
              ]}
            />
          )}
        </PagedListView>
      </Panel>
    </>
  );
}

type ProductValues = { code: string; name: string; description: string };

function checkProduct(values: ProductValues) {
  const checks = new FieldChecks();
  checks.code("code", values.code, "A product code");
  checks.required("name", values.name);
  return checks.errors;
}

function CreateProductForm() {
  const initial = useCallback((): ProductValues => ({ code: "", name: "", description: "" }), []);
  const form = useFormState<ProductValues>(initial, checkProduct);
  const create = useApiMutation({
    call: (values: ProductValues) =>
      api.POST("/v1/products", {
        body: {
          code: values.code.trim(),
          name: values.name.trim(),
          ...(values.description.trim() === "" ? {} : { description: values.description.trim() }),
        },
      }),
    invalidates: ["/v1/products"],
  });

  return (
    <InlineFormPanel
      title="Add a product"
      form={form}
      refusedTitle="The product was not added"
      onSubmit={() => form.submitAndStartOver(create.mutateAsync)}
      submit={["Add product", "Adding…"]}
    >
      <TextField {...form.bind("code")} label="Code" required autoComplete="off" hint="Such as api." />
      <TextField {...form.bind("name")} label="Name" required autoComplete="off" />
      <TextField {...form.bind("description")} label="Description" autoComplete="off" />
    </InlineFormPanel>
  );
}
