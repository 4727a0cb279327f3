// A labelled input with its hint and its error beside it, wired for screen
// readers: the error is announced with the field (aria-describedby) and the
// field is marked invalid.
import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from "react";
import { pickedHint, type ReferenceKind, referenceListId } from "./reference-lists.tsx";

/** What every field gets: its label, value, hint and error. */
type FieldProps = {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean | undefined;
};

/** The attributes that wire a control (input, select, textarea) to its frame. */
type ControlProps = {
  id: string;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
  required: boolean | undefined;
};

function FieldFrame({
  field,
  children,
}: {
  field: FieldProps;
  children: (control: ControlProps) => ReactNode;
}) {
  const { label, value, onValueChange, hint, error, required } = field;
  const notes = useFieldNotes(hint, error);
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={notes.id}>
        {label}
        {required && <span className="required-mark"> (required)</span>}
      </label>
      {children({
        id: notes.id,
        value,
        onChange: (event) => onValueChange(event.target.value),
        "aria-describedby": notes.describedBy,
        "aria-invalid": error !== undefined || undefined,
        required,
      })}
      {notes.shown}
    </div>
  );
}

/**
 * A control's id, and its hint and error under it with the ids that the
 * control's aria-describedby names, so that a screen reader reads them with it.
 */
export function useFieldNotes(hint: ReactNode, error: string | undefined) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const shown = (
    <>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </>
  );
  return { id, describedBy: [hintId, errorId].filter(Boolean).join(" ") || undefined, shown };
}

type Frame = keyof FieldProps;

/** A field's props split in two: what its frame shows, and the attributes of its control. */
function frameAndControl<Control>({
  label,
  value,
  onValueChange,
  hint,
  error,
  required,
  ...control
}: FieldProps & Control): [FieldProps, Omit<FieldProps & Control, Frame>] {
  return [{ label, value, onValueChange, hint, error, required }, control];
}

export function TextField(
  props: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "onChange" | Frame>,
) {
  const [frame, input] = frameAndControl(props);
  return <FieldFrame field={frame}>{(control) => <input {...control} {...input} />}</FieldFrame>;
}

/** A required email address; `username` lets a password manager pair it with the password. */
export function EmailField({
  autoComplete,
  ...field
}: Omit<FieldProps, "label" | "required"> & { autoComplete?: "username" }) {
  return (
    <TextField label="Email" type="email" name="email" autoComplete={autoComplete} required {...field} />
  );
}

/** A person's name, required. Labelled "Name" unless told. */
export function PersonNameField({
  label = "Name",
  ...field
}: Omit<FieldProps, "label" | "required"> & { label?: string }) {
  return <TextField label={label} name="name" required {...field} />;
}

type TextFieldProps = Parameters<typeof TextField>[0];

/** The password a person has now, for the browser's password manager to fill. Labelled "Password" unless told. */
export function CurrentPasswordField({
  label = "Password",
  ...field
}: Omit<TextFieldProps, "label" | "type" | "autoComplete"> & { label?: string }) {
  return <TextField label={label} type="password" autoComplete="current-password" {...field} />;
}

/** A password being chosen: the browser may offer one; the API asks for 12 characters at least. */
export function NewPasswordField({
  label = "New password",
  ...field
}: Omit<FieldProps, "label" | "hint" | "required"> & { label?: string }) {
  return (
    <TextField
      label={label}
      type="password"
      name="password"
      autoComplete="new-password"
      hint="At least 12 characters."
      required
      {...field}
    />
  );
}

/** The code an authenticator app shows now; the phone offers its number pad. */
export function AuthenticatorCodeField({
  label = "Authenticator code",
  ...field
}: Omit<TextFieldProps, "label" | "inputMode" | "autoComplete"> & { label?: string }) {
  return <TextField label={label} inputMode="numeric" autoComplete="one-time-code" {...field} />;
}

/** A date and time in the browser's time zone, as the page sends it after converting it to UTC. */
export function DateTimeField(props: Omit<TextFieldProps, "type">) {
  return <TextField type="datetime-local" {...props} />;
}

/** An amount or a quantity with decimals: a phone offers its number pad with a decimal point. */
export function DecimalField(props: Omit<TextFieldProps, "inputMode">) {
  return <TextField inputMode="decimal" {...props} />;
}

/** A whole number (days, hours, a count): a phone offers its number pad. */
export function WholeNumberField(props: Omit<TextFieldProps, "inputMode">) {
  return <TextField inputMode="numeric" {...props} />;
}

type PickerProps = Omit<TextFieldProps, "label" | "list" | "autoCapitalize"> & { label?: string };

/** A code field over one of the page's ReferenceLists: search by code or name, the chosen name shown. */
function PickerField({ kind, label, hint, ...field }: PickerProps & { kind: ReferenceKind; label: string }) {
  return (
    <TextField
      label={label}
      list={referenceListId(kind)}
      autoCapitalize={kind === "timeZone" ? undefined : "characters"}
      autoComplete="off"
      hint={pickedHint(kind, field.value, hint)}
      {...field}
    />
  );
}

/** An ISO 4217 currency code, picked by code or name. Labelled "Currency" unless told. */
export function CurrencyField({ label = "Currency", ...field }: PickerProps) {
  return <PickerField kind="currency" label={label} {...field} />;
}

/** The currency a chart or table shows, chosen among those it has: nothing to choose where there is one. */
export function CurrencyChoice({
  currencies,
  value,
  onValueChange,
}: {
  currencies: string[];
  value: string;
  onValueChange: (currency: string) => void;
}) {
  if (currencies.length < 2) return null;
  return (
    <SelectField
      label="Currency"
      value={value}
      onValueChange={onValueChange}
      options={currencies.map((code) => ({ value: code, label: code }))}
    />
  );
}

/** An ISO 3166 country code, picked by code or name. Labelled "Country" unless told. */
export function CountryField({ label = "Country", ...field }: PickerProps) {
  return <PickerField kind="country" label={label} {...field} />;
}

/** An IANA time zone, picked by name, with its offset from UTC. Labelled "Time zone" unless told. */
export function TimeZoneField({ label = "Time zone", ...field }: PickerProps) {
  return <PickerField kind="timeZone" label={label} {...field} />;
}

/** A select's options from a record of labels by value, in the record's order. */
export function labelOptions(labels: Readonly<Record<string, string>>): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

export function SelectField({
  options,
  ...field
}: Omit<FieldProps, "required"> & {
  options: { value: string; label: string }[];
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "onChange" | Frame>) {
  const [frame, select] = frameAndControl(field);
  return (
    <FieldFrame field={frame}>
      {(control) => (
        <select {...control} {...select}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

type CheckboxFieldProps = {
  label: string;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  hint?: ReactNode;
  name?: string;
  disabled?: boolean;
};

export function CheckboxField({ label, checked, onCheckedChange, hint, name, disabled }: CheckboxFieldProps) {
  const notes = useFieldNotes(hint, undefined);
  return (
    <div className="field field-checkbox">
      <span className="checkbox-line">
        <input
          id={notes.id}
          type="checkbox"
          name={name}
          checked={checked}
          disabled={disabled}
          onChange={(event) => onCheckedChange(event.target.checked)}
          aria-describedby={notes.describedBy}
        />
        <label htmlFor={notes.id}>{label}</label>
      </span>
      {notes.shown}
    </div>
  );
}

export function TextAreaField(
  props: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "onChange" | Frame>,
) {
  const [frame, textarea] = frameAndControl(props);
  return <FieldFrame field={frame}>{(control) => <textarea {...control} {...textarea} />}</FieldFrame>;
}

/** A form's group of fields under its legend, laid out in the form's grid. */
export function FieldGroup({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="field-grid">{children}</div>
    </fieldset>
  );
}
