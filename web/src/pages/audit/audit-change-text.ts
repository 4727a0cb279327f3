// An audit change's field in words: "$.billing_address.city" reads
// "billing address › city", "$.tax_ids[0].value" reads "tax ids › 1 › value".

export function fieldName(path: string): string {
  const parts = path
    .replace(/^\$\.?/, "")
    .replace(/\[(\d+)\]/g, (_match, index: string) => `.${Number(index) + 1}`)
    .split(".")
    .filter((part) => part !== "");
  return parts.map((part) => part.replaceAll("_", " ")).join(" › ");
}
