// Every HTTP route of finance, registered from one place for the app's route list.
import type { FairbillApp } from "../platform/http/server.ts";
import { registerCloseRoutes } from "./close-routes.ts";
import { registerDisputeRoutes } from "./dispute-routes.ts";
import { registerExchangeRateRoutes } from "./exchange-rate-routes.ts";
import { registerKpiRoutes } from "./kpi-routes.ts";
import { registerReconciliationRoutes } from "./reconciliation-routes.ts";
import { registerRevenueRoutes } from "./revenue-routes.ts";
import { registerStandaloneSellingPriceRoutes } from "./standalone-selling-price-routes.ts";

export function registerFinanceRoutes(app: FairbillApp): void {
  registerReconciliationRoutes(app);
  registerRevenueRoutes(app);
  registerCloseRoutes(app);
  registerDisputeRoutes(app);
  registerKpiRoutes(app);
  registerStandaloneSellingPriceRoutes(app);
  registerExchangeRateRoutes(app);
}
