// The form-based editor of a plan version: billing interval, trial, minimum
// commitment, charges of every model, price books in other currencies and
// entitlements. The console checks required fields and numbers as the
// operator leaves each field; the API checks the rest (tier order, meters that
// exist, a price for every charge in every currency), and each of its field
// errors appears next to the field its JSON path names. A new plan's code,
// name and description are part of the same form.
import { useCallback, useState } from "react";
import { useAllPages } from "../../../api/queries.ts";
import type { Feature, Meter, PlanVersionContent, Product } from "../../../api/resources.ts";
import type { FieldErrorMap } from "../../../format/field-errors.ts";
import { CodeAndNameFields } from "../../../ui/code-and-name-fields.tsx";
import {
  CurrencyField,
  DecimalField,
  FieldGroup,
  labelOptions,
  SelectField,
  TextAreaField,
  WholeNumberField,
} from "../../../ui/form-field.tsx";
import { PageForm, ReasonField } from "../../../ui/form-frame.tsx";
import { useFormState } from "../../../ui/form-state.ts";
import { ReferenceLists } from "../../../ui/reference-lists.tsx";
import { ErrorState, LoadingState } from "../../../ui/states.tsx";
import { ChargeEditor } from "./charge-editor.tsx";
import { EntitlementEditor } from "./entitlement-editor.tsx";
import { placedPlanFormNames } from "./plan-form-names.ts";
import { PriceBookEditor } from "./price-book-editor.tsx";
import { checkVersionValues, FieldChecks } from "./version-form-checks.ts";
import {
  emptyCharge,
  emptyEntitlement,
  emptyPriceBook,
  emptyPrices,
  intervalLabels,
  type PlanFormValues,
  versionContentBody,
} from "./version-form-values.ts";

export type PlanFormSubmission = {
  plan: { code: string; name: string; description: string | null };
  content: PlanVersionContent;
  reason: string;
};

type PlanVersionFormProps = {
  initialValues: PlanFormValues;
  /** A new plan: its code, name and description are asked for too. */
  withPlanFields: boolean;
  /** How the API names the version's fields: under "version" when creating a plan, at the root for a draft. */
  apiNesting: "version" | "root";
  submitLabel: string;
  refusalTitle: string;
  onSubmit: (submission: PlanFormSubmission) => Promise<unknown>;
  onCancel: () => void;
};

/** Loads what the form chooses from (meters, products, features), then shows it. */
export function PlanVersionForm(props: PlanVersionFormProps) {
  const meters = useAllPages("/v1/meters");
  const products = useAllPages("/v1/products");
  const features = useAllPages("/v1/features");
  for (const list of [meters, products, features]) {
    if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  }
  if (meters.data === undefined || products.data === undefined || features.data === undefined) {
    return <LoadingState label="Loading meters, products and features…" />;
  }
  return (
    <LoadedPlanVersionForm
      {...props}
      meters={meters.data}
      products={products.data}
      features={features.data}
    />
  );
}

function LoadedPlanVersionForm({
  initialValues,
  withPlanFields,
  apiNesting,
  submitLabel,
  refusalTitle,
  onSubmit,
  onCancel,
  meters,
  products,
  features,
}: PlanVersionFormProps & { meters: Meter[]; products: Product[]; features: Feature[] }) {
  const [reason, setReason] = useState("");
  const kindOf = useCallback(
    (code: string) => features.find((feature) => feature.code === code)?.kind,
    [features],
  );

  const check = useCallback(
    (values: PlanFormValues): FieldErrorMap => {
      const checks = new FieldChecks();
      if (withPlanFields) {
        checks.code("code", values.code, "A plan code");
        checks.required("name", values.name);
      }
      for (const [name, message] of Object.entries(checkVersionValues(values.version, kindOf))) {
        checks.report(`version.${name}`, message);
      }
      return checks.errors;
    },
    [withPlanFields, kindOf],
  );
  const formNameOf = useCallback(
    (apiName: string) => (apiNesting === "root" && apiName !== "reason" ? `version.${apiName}` : apiName),
    [apiNesting],
  );
  const form = useFormState<PlanFormValues>(initialValues, check, formNameOf);
  const { values } = form;
  const version = values.version;

  const placed = placedPlanFormNames(values, withPlanFields);

  const submit = async () => {
    await form.submit(async (current) =>
      onSubmit({
        plan: {
          code: current.code.trim(),
          name: current.name.trim(),
          description: current.description.trim() === "" ? null : current.description.trim(),
        },
        content: versionContentBody(current.version, kindOf),
        reason,
      }),
    );
  };

  return (
    <PageForm
      form={form}
      refusedTitle={refusalTitle}
      onSubmit={submit}
      className="form plan-form"
      placed={placed}
      before={<ReferenceLists />}
      submit={[submitLabel, "Saving…"]}
      onCancel={onCancel}
    >
      {withPlanFields && (
        <fieldset>
          <legend>Plan</legend>
          <div className="field-grid">
            <CodeAndNameFields
              form={form}
              codeHint="How subscriptions and price overrides name the plan, such as pro_monthly."
              labels={["Plan code", "Plan name"]}
            />
          </div>
          <TextAreaField {...form.bind("description")} label="Description" rows={2} />
        </fieldset>
      )}

      <FieldGroup legend="Billing">
        <CurrencyField
          {...form.bind("version.currency")}
          required
          hint="The ISO 4217 code of the version's own prices."
        />
        <SelectField
          {...form.bind("version.interval")}
          label="Billing interval"
          options={labelOptions(intervalLabels)}
        />
        <WholeNumberField
          {...form.bind("version.interval_count")}
          label="Intervals per period"
          required
          hint="3 with a month interval bills every quarter."
        />
        <WholeNumberField
          {...form.bind("version.trial_days")}
          label="Trial days"
          required
          hint="Days before the first paid period; 0 for none."
        />
        <DecimalField
          {...form.bind("version.minimum_commitment")}
          label="Minimum commitment"
          hint={`Optional: the least a period bills, in ${version.currency.trim().toUpperCase() || "the currency"}.`}
        />
      </FieldGroup>

      <section className="form-section" aria-labelledby="charges-title">
        <h2 id="charges-title">Charges</h2>
        {version.charges.length === 0 && (
          <p className="field-hint">No charges yet: add a fixed fee or a usage charge.</p>
        )}
        {version.charges.map((charge, index) => (
          <ChargeEditor
            key={charge.key}
            form={form}
            index={index}
            charge={charge}
            currency={version.currency.trim().toUpperCase()}
            meters={meters}
            products={products}
            onRemove={() =>
              form.restructure((draft) => {
                draft.version.charges.splice(index, 1);
                for (const book of draft.version.currency_prices) book.charges.splice(index, 1);
              })
            }
          />
        ))}
        {form.errorOf("version.charges") && <p className="field-error">{form.errorOf("version.charges")}</p>}
        <div className="form-actions">
          {(["fixed", "usage"] as const).map((type) => (
            <button
              key={type}
              type="button"
              className="button"
              onClick={() =>
                form.restructure((draft) => {
                  draft.version.charges.push(emptyCharge(type));
                  for (const book of draft.version.currency_prices) book.charges.push(emptyPrices());
                })
              }
            >
              {type === "fixed" ? "Add a fixed fee" : "Add a usage charge"}
            </button>
          ))}
        </div>
      </section>

      <section className="form-section" aria-labelledby="price-books-title">
        <h2 id="price-books-title">Prices in other currencies</h2>
        <p className="field-hint">
          A customer billed in another currency pays that currency's price book. Each book prices every
          charge.
        </p>
        {version.currency_prices.map((book, index) => (
          <PriceBookEditor
            key={book.key}
            form={form}
            index={index}
            book={book}
            charges={version.charges}
            hasMinimumCommitment={version.minimum_commitment.trim() !== ""}
            onRemove={() =>
              form.restructure((draft) => {
                draft.version.currency_prices.splice(index, 1);
              })
            }
          />
        ))}
        <button
          type="button"
          className="button"
          onClick={() =>
            form.restructure((draft) => {
              draft.version.currency_prices.push(emptyPriceBook(draft.version.charges));
            })
          }
        >
          Add a price book
        </button>
      </section>

      <section className="form-section" aria-labelledby="entitlements-title">
        <h2 id="entitlements-title">Entitlements</h2>
        {features.length === 0 && version.entitlements.length === 0 && (
          <p className="field-hint">No features yet: create features to entitle subscribers to them.</p>
        )}
        {version.entitlements.map((entitlement, index) => (
          <EntitlementEditor
            key={entitlement.key}
            form={form}
            index={index}
            entitlement={entitlement}
            features={features}
            onRemove={() =>
              form.restructure((draft) => {
                draft.version.entitlements.splice(index, 1);
              })
            }
          />
        ))}
        {features.length > 0 && (
          <button
            type="button"
            className="button"
            onClick={() =>
              form.restructure((draft) => {
                draft.version.entitlements.push(emptyEntitlement());
              })
            }
          >
            Add an entitlement
          </button>
        )}
      </section>

      <ReasonField value={reason} onValueChange={setReason} />
    </PageForm>
  );
}
