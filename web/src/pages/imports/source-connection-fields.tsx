// The fields that reach a billing system's API, shared by every source read
// through one (Stripe, Lago): its key, sent once and never shown again, and
// its address. Each source says what its key and address are; the errors are
// the API's, by the source's field names.
import { TextField } from "../../ui/form-field.tsx";

export type SourceConnection = {
  /** The source's field names in the request body, such as stripe.secret_key and stripe.api_base_url. */
  keyField: string;
  addressField: string;
  keyLabel: string;
  keyHint: string;
  addressHint: string;
  /** Whether the address must be given (Stripe has its own; every Lago runs at its own address). */
  addressRequired: boolean;
};

export function SourceConnectionFields({
  connection,
  apiKey,
  onApiKeyChange,
  address,
  onAddressChange,
  errors,
}: {
  connection: SourceConnection;
  apiKey: string;
  onApiKeyChange: (value: string) => void;
  address: string;
  onAddressChange: (value: string) => void;
  errors: Record<string, string | undefined>;
}) {
  const source = connection.keyField.split(".")[0] ?? "";
  return (
    <>
      <TextField
        label={connection.keyLabel}
        type="password"
        autoComplete="off"
        value={apiKey}
        onValueChange={onApiKeyChange}
        hint={`${connection.keyHint}; sealed until the import ends, never shown again.`}
        error={errors[connection.keyField] ?? errors[source]}
      />
      <TextField
        label="API address"
        type="url"
        required={connection.addressRequired}
        value={address}
        onValueChange={onAddressChange}
        hint={connection.addressHint}
        error={errors[connection.addressField]}
      />
    </>
  );
}
