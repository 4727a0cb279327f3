// The front door of imports: records brought over from the billing system a
// company leaves (Stripe Billing, Lago), each import a job with progress, a dry
// run, and a report of what was created, skipped and left for a person; and
// parallel runs, the old system's invoices beside those Fairbill would issue;
// and the cut-over, its checklist and switch date.
// Other domains import only from here; everything else in the folder is private to it.
export { cutOverRoutes } from "./cut-over-routes.ts";
export { importJobHandlers } from "./import-jobs.ts";
export { registerImportRoutes } from "./import-routes.ts";
export { runImport } from "./import-run.ts";
export { importSecretColumns } from "./import-secrets.ts";
export { listImportRecords, requestImport } from "./imports.ts";
export { registerParallelRunRoutes } from "./parallel-run-routes.ts";
