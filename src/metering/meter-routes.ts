// HTTP routes for meters and metering settings: /v1/meters, /v1/metering/settings.
import { Type } from "typebox";
import { decodeCursor, PageOf, PageQuery, toPage } from "../platform/http/pagination.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
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

const MeterIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function registerMeterRoutes(app: FairbillApp): void {
  const tags = ["Meters"];
  const read = { permission: "meters:read" as const };
  const write = { permission: "meters:write" as const };

  app.post(
    "/meters",
    {
      config: write,
      schema: {
        tags,
        summary: "Create a meter: what usage billing counts from events",
        body: CreateMeterBody,
        response: { 201: MeterSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createMeter(request.context, request.body)),
  );

  app.get(
    "/meters",
    {
      config: read,
      schema: {
        tags,
        summary: "List meters, newest first",
        querystring: Type.Object(
          { ...MeterListQuery.properties, ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(MeterSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor, ...filters } = request.query;
      const meters = await listMeters(request.context, filters, { limit, afterId: decodeCursor(cursor) });
      return toPage(meters, limit, (meter) => meter);
    },
  );

  app.get(
    "/meters/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "Read a meter with all its versions",
        params: MeterIdParams,
        response: { 200: MeterSchema, ...standardErrorResponses },
      },
    },
    async (request) => getMeter(request.context, request.params.id),
  );

  app.patch(
    "/meters/:id",
    {
      config: write,
      schema: {
        tags,
        summary: "Rename a meter, or change its definition while it has counted nothing",
        description:
          "Name and description can always change. The definition (event_name, aggregation, property, " +
          "filters, group_by) can change only while the latest version has counted no events; after that " +
          "the answer is 409 meter_definition_locked: create a new version instead.",
        params: MeterIdParams,
        body: UpdateMeterBody,
        response: { 200: MeterSchema, ...standardErrorResponses },
      },
    },
    async (request) => updateMeter(request.context, request.params.id, request.body),
  );

  app.post(
    "/meters/:id/versions",
    {
      config: write,
      schema: {
        tags,
        summary: "Add a meter version with a changed definition, in effect from a given time",
        description:
          "Fields left out are copied from the latest version. Stored events from effective_from on are " +
          "counted again under the new version; usage before it stays as counted.",
        params: MeterIdParams,
        body: CreateMeterVersionBody,
        response: { 201: MeterSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createMeterVersion(request.context, request.params.id, request.body)),
  );

  app.get(
    "/metering/settings",
    {
      config: read,
      schema: {
        tags,
        summary: "Read the environment's metering settings",
        response: { 200: MeteringSettingsSchema, ...standardErrorResponses },
      },
    },
    async (request) => getMeteringSettings(request.context),
  );

  app.patch(
    "/metering/settings",
    {
      config: write,
      schema: {
        tags,
        summary: "Change the environment's metering settings",
        body: UpdateMeteringSettingsBody,
        response: { 200: MeteringSettingsSchema, ...standardErrorResponses },
      },
    },
    async (request) => updateMeteringSettings(request.context, request.body),
  );
}
