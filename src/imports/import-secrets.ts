// The column of imports that holds a sealed secret (the source's API key
// while the import waits or runs), for the master key's rotation.
import type { SecretColumns } from "../platform/secrets/envelope.ts";

export const importSecretColumns: SecretColumns = {
  table: "imports",
  idColumns: ["id"],
  columns: ["source_secret"],
};
