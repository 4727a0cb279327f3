// The front door of plan version migrations: moving subscribers between
// versions of a plan, with dry-run previews of their invoices.
// Other domains import only from here; everything else in the folder is private to it.
export { registerPlanMigrationRoutes } from "./plan-migration-routes.ts";
export type { CreatePlanMigrationInput, PlanMigration } from "./plan-migration-schemas.ts";
export { migratePlanVersion, revertPlanMigration } from "./plan-migrations.ts";
