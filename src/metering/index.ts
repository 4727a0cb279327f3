// The front door of metering: meters, exactly-once ingestion, usage reads for
// billing and the API, and the event that ingestion announces.
// Other domains import only from here; everything else in the folder is private to it.
export {
  engineMetersFor,
  type UsageRequest,
  usageForManyWindows,
  usageForWindows,
} from "./billing-usage.ts";
export { receivedWindowEnds } from "./billing-usage-accumulated.ts";
export { prepareClickHouseEventTables } from "./clickhouse-events.ts";
export type { ParsedEvent } from "./event-input.ts";
export { createEventMaintenanceSchedule, eventMaintenanceJobHandlers } from "./event-maintenance.ts";
export {
  countedEventsPerMonth,
  customerExternalIdsWithEventsBetween,
  eventCountsBetween,
  eventPagesBetween,
  eventsSentUnder,
  type StoredEvent,
} from "./event-reports.ts";
export { eventRoutes } from "./event-routes.ts";
export type { EventInput } from "./event-schemas.ts";
export { createEventShipper } from "./event-shipping.ts";
export { ingestEvents, type UnpricedEventCheck } from "./ingestion.ts";
export { MeterCatalog } from "./meter-catalog.ts";
export { type QuantityDisplayDecimals, quantityDisplayDecimals } from "./meter-display.ts";
export { registerMeterRoutes } from "./meter-routes.ts";
export type { CreateMeterInput } from "./meter-schemas.ts";
export { loadMeterVersions } from "./meter-versions.ts";
export { UsageIngested } from "./metering-events.ts";
export { createMeter, listMeters } from "./meters.ts";
export type { EventProperties } from "./tables.ts";
export { customerUsageTotals, queryUsage } from "./usage-query.ts";
export { registerUsageRoutes } from "./usage-routes.ts";
export { usageRollupWarehouseRows } from "./warehouse-rows.ts";
