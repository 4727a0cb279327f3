// How many decimals each meter's quantities show on the invoice and
// upcoming-invoice pages, as on the PDF: the meter's display_decimals, or 2.
// The exact quantity stays in the line's explanation and its tooltip.
import { useAllPages } from "../../api/queries.ts";

export type QuantityDisplayDecimals = (meterCode: string) => number;

const defaultDisplayDecimals = 2;

export function useQuantityDisplayDecimals(): QuantityDisplayDecimals {
  const meters = useAllPages("/v1/meters");
  const decimals = new Map((meters.data ?? []).map((meter) => [meter.code, meter.display_decimals]));
  return (meterCode) => decimals.get(meterCode) ?? defaultDisplayDecimals;
}
