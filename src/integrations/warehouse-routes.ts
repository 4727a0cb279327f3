// HTTP routes of warehouse exports: destinations (made by an admin, since
// they hold a secret or write on the server), an export run now, and the
// exports made with their manifests.
import { defineRoutes } from "../platform/http/routes.ts";
import { ListOf, NonEmptyIdParams } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { queueWarehouseExport } from "./integration-jobs.ts";
import {
  createWarehouseDestination,
  findWarehouseDestination,
  listWarehouseDestinations,
} from "./warehouse-destinations.ts";
import { listWarehouseExports, presentWarehouseExport } from "./warehouse-export.ts";
import {
  CreateWarehouseDestinationBody,
  QueuedExportSchema,
  WarehouseDestinationSchema,
  WarehouseExportSchema,
} from "./warehouse-schemas.ts";

export function registerWarehouseRoutes(app: FairbillApp): void {
  const settings = defineRoutes(app, {
    tags: ["Warehouse exports"],
    read: "finance:read",
    write: "settings:manage",
  });
  const routes = defineRoutes(app, {
    tags: ["Warehouse exports"],
    read: "finance:read",
    write: "finance:write",
  });

  settings.write(
    "POST /warehouse/destinations",
    {
      operationId: "createWarehouseDestination",
      summary:
        "Export the environment's data on a schedule to a folder, S3-compatible storage or a PostgreSQL schema",
      body: CreateWarehouseDestinationBody,
      response: WarehouseDestinationSchema,
      status: 201,
    },
    ({ context, body }) =>
      createWarehouseDestination(context, body, (transaction, destination) =>
        queueWarehouseExport(transaction, context, destination.id, { scheduled: true }),
      ),
  );

  routes.read(
    "GET /warehouse/destinations",
    {
      operationId: "listWarehouseDestinations",
      summary: "List the environment's warehouse destinations (their secrets are never shown)",
      response: ListOf(WarehouseDestinationSchema),
    },
    ({ context }) => listWarehouseDestinations(context),
  );

  routes.write(
    "POST /warehouse/destinations/:id/exports",
    {
      operationId: "queueWarehouseExport",
      summary: "Export what changed since the destination's last export, now",
      params: NonEmptyIdParams,
      response: QueuedExportSchema,
      status: 202,
    },
    async ({ context, params }) => {
      await findWarehouseDestination(context.database, context, params.id);
      const job = await queueWarehouseExport(context.database, context, params.id, { scheduled: false });
      return { queued: true, job_id: job.id };
    },
  );

  routes.list(
    "GET /warehouse/exports",
    {
      operationId: "listWarehouseExports",
      summary:
        "The exports made, newest first, each with its manifest (row counts, files, the cursor's window)",
      item: WarehouseExportSchema,
    },
    ({ context }, _filters, page) => listWarehouseExports(context, page),
    presentWarehouseExport,
  );
}
