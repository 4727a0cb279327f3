// The two fields that name a catalog object (a meter, a feature, a coupon, a
// plan): its code, by which others refer to it, and its display name. Both
// are required, and neither is something for the browser to complete.
import { TextField } from "./form-field.tsx";
import type { FormState } from "./form-state.ts";

export function CodeAndNameFields<Values extends { code: string; name: string }>({
  form,
  codeHint,
  labels: [codeLabel, nameLabel] = ["Code", "Name"],
}: {
  form: FormState<Values>;
  /** Where the code is used, with an example: "How plans name the meter, such as api_calls." */
  codeHint: string;
  /** ["Code", "Name"] unless told: ["Plan code", "Plan name"]. */
  labels?: [string, string];
}) {
  return (
    <>
      <TextField {...form.bind("code")} label={codeLabel} required autoComplete="off" hint={codeHint} />
      <TextField {...form.bind("name")} label={nameLabel} required autoComplete="off" />
    </>
  );
}
