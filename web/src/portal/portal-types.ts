// The shapes the portal API answers with (src/portal/portal-schemas.ts).
import type { InvoicePreview } from "../api/billing-types.ts";

export type PortalProfile = {
  customer_id: string;
  name: string | null;
  email: string | null;
  currency: string | null;
  locale: string;
  timezone: string;
};

export type PortalUsageDay = { start: string; end: string; value: string };

export type PortalMeterUsage = {
  meter: string;
  name: string;
  aggregation: string;
  period_start: string;
  period_end: string;
  quantity: string;
  amount: string;
  currency: string;
  days: PortalUsageDay[];
};

export type PortalUsage = { at: string; meters: PortalMeterUsage[] };

export type PortalForecast = {
  method: "linear";
  description: string;
  period_start: string;
  period_end: string;
  usage_to_date: string;
  usage_forecast: string;
  subtotal_to_date: string;
  subtotal_forecast: string;
};

export type PortalUpcomingInvoice = {
  at: string;
  cost_to_date: string | null;
  currency: string | null;
  invoice: InvoicePreview | null;
  forecast: PortalForecast | null;
};
