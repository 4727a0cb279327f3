// HTTP routes for meters and metering settings: /v1/meters, /v1/metering/settings.
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  CreateMeterBody,
  CreateMeterVersionBody,
  MeterListQuery,
  MeterSchema,
  UpdateMeterBody,
} from "./meter-schemas.ts";
import { getMeteringSettings, updateMeteringSettings } from "./metering-settings.ts";
import { createMeter, createMeterVersion, getMeter, listMeters, updateMeter } from "./meters.ts";
import { MeteringSettingsSchema, UpdateMeteringSettingsBody } from "./settings-schemas.ts";

export function registerMeterRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Meters"], read: "meters:read", write: "meters:write" });

  routes.write(
    "POST /meters",
    {
      operationId: "createMeter",
      summary: "Create a meter: what usage billing counts from events",
      body: CreateMeterBody,
      response: MeterSchema,
      status: 201,
    },
    ({ context, body }) => createMeter(context, body),
  );

  routes.list(
    "GET /meters",
    {
      operationId: "listMeters",
      summary: "List meters, newest first",
      filters: MeterListQuery,
      item: MeterSchema,
    },
    ({ context }, filters, page) => listMeters(context, filters, page),
  );

  routes.readById(
    "GET /meters/:id",
    {
      operationId: "getMeter",
      summary: "Read a meter with all its versions",
      response: MeterSchema,
    },
    getMeter,
  );

  routes.writeById(
    "PATCH /meters/:id",
    {
      operationId: "updateMeter",
      summary: "Rename a meter, or change its definition while it has counted nothing",
      description:
        "Name and description can always change. The definition (event_name, aggregation, property, " +
        "filters, group_by) can change only while the latest version has counted no events; after that " +
        "the answer is 409 meter_definition_locked: create a new version instead.",
      body: UpdateMeterBody,
      response: MeterSchema,
    },
    updateMeter,
  );

  routes.writeById(
    "POST /meters/:id/versions",
    {
      operationId: "createMeterVersion",
      summary: "Add a meter version with a changed definition, in effect from a given time",
      description:
        "Fields left out are copied from the latest version. Stored events from effective_from on are " +
        "counted again under the new version; usage before it stays as counted.",
      body: CreateMeterVersionBody,
      response: MeterSchema,
      status: 201,
    },
    createMeterVersion,
  );

  routes.read(
    "GET /metering/settings",
    {
      operationId: "getMeteringSettings",
      summary: "Read the environment's metering settings",
      response: MeteringSettingsSchema,
    },
    ({ context }) => getMeteringSettings(context),
  );

  routes.write(
    "PATCH /metering/settings",
    {
      operationId: "updateMeteringSettings",
      summary: "Change the environment's metering settings",
      body: UpdateMeteringSettingsBody,
      response: MeteringSettingsSchema,
    },
    ({ context, body }) => updateMeteringSettings(context, body),
  );
}
