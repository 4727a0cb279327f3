// Products: what charges are grouped under on invoices. Listed newest first,
// with a form to add one.
import { type FormEvent, useCallback, useRef } from "react";
import { apiRequest } from "../../api/api-client.ts";
import type { Product } from "../../api/catalog-types.ts";
import { usePagedList } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { FormErrorSummary } from "../../ui/form-error-summary.tsx";
import { TextField } from "../../ui/form-field.tsx";
import { useFocusFirstError, useFormState } from "../../ui/form-state.ts";
import { ListFooter } from "../../ui/list-footer.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { FieldChecks } from "./version-editor/version-form-checks.ts";

export function ProductListPage() {
  const session = useSignedInSession();
  const list = usePagedList<Product>("/v1/products?limit=50");
  return (
    <>
      <PageHeader title="Products" subtitle="What a plan's charges are grouped under on invoices." />
      {can(session, "catalog:write") && <CreateProductForm onCreated={list.reload} />}
      <section className="panel" aria-labelledby="products-title">
        <h2 id="products-title">All products</h2>
        {list.state.status === "loading" && <LoadingState label="Loading products…" />}
        {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
        {list.state.status === "ready" && list.state.data.length === 0 && (
          <EmptyState title="No products yet." />
        )}
        {list.state.status === "ready" && list.state.data.length > 0 && (
          <TableScroll label="Products table">
            <table className="stacked-on-phone">
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col">Code</th>
                  <th scope="col">Description</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {list.state.data.map((product) => (
                  <tr key={product.id}>
                    <th scope="row">{product.name}</th>
                    <td data-label="Code">
                      <code>{product.code}</code>
                    </td>
                    <td data-label="Description">
                      {product.description ?? <span className="muted">None</span>}
                    </td>
                    <td data-label="Created">{formatDateTime(product.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <ListFooter list={list} noun={["product", "products"]} />
      </section>
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

function CreateProductForm({ onCreated }: { onCreated: () => void }) {
  const initial = useCallback((): ProductValues => ({ code: "", name: "", description: "" }), []);
  const form = useFormState<ProductValues>(initial, checkProduct);
  const formElement = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);

  useFocusFirstError(form.failedSubmits, formElement, summary);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await form.submit(async (values) => {
      await apiRequest<Product>("POST", "/v1/products", {
        body: {
          code: values.code.trim(),
          name: values.name.trim(),
          ...(values.description.trim() === "" ? {} : { description: values.description.trim() }),
        },
      });
    });
    if (created) {
      form.reset(initial());
      onCreated();
    }
  };

  return (
    <section className="panel" aria-labelledby="create-product-title">
      <h2 id="create-product-title">Add a product</h2>
      <FormErrorSummary
        title="The product was not added"
        refusal={form.refusal}
        failingChecks={form.failingChecks}
        markedServerErrors={Object.keys(form.serverErrors).length}
        unplaced={[]}
        summaryRef={summary}
      />
      <form ref={formElement} className="inline-form" onSubmit={(event) => void submit(event)} noValidate>
        <TextField {...form.bind("code")} label="Code" required autoComplete="off" hint="Such as api." />
        <TextField {...form.bind("name")} label="Name" required autoComplete="off" />
        <TextField {...form.bind("description")} label="Description" autoComplete="off" />
        <div className="filters-actions">
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {form.busy ? "Adding…" : "Add product"}
          </button>
        </div>
      </form>
    </section>
  );
}
