// The meters a form chooses from (a metered feature, a usage alert), by code.
import type { Meter } from "../../api/resources.ts";

export function meterOptions(meters: readonly Meter[] | undefined): { value: string; label: string }[] {
  return [
    { value: "", label: meters === undefined ? "Loading meters…" : "Choose a meter" },
    ...(meters ?? []).map((meter) => ({ value: meter.code, label: `${meter.name} (${meter.code})` })),
  ];
}
