// One export of an environment's data to a destination: everything that
// changed since the destination's cursor up to now is read (through the
// owning domains' front doors), written (files per dataset and a manifest,
// or rows in a schema), recorded with its manifest, and the cursor moves to
// now. An export that fails moves nothing, so the next one covers its window.
import type { Selectable } from "kysely";
import type { RequestContext } from "../platform/context.ts";
import type { PageRequest } from "../platform/database/list-pages.ts";
import { newestFirstPage } from "../platform/database/list-pages.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { newId } from "../platform/ids.ts";
import type { WarehouseExportTable, WarehouseManifest } from "./tables.ts";
import { readWarehouseDatasets, warehouseDatasets } from "./warehouse-datasets.ts";
import type { WarehouseDestinationRow } from "./warehouse-destinations.ts";
import { datasetFile } from "./warehouse-files.ts";
import type { WarehouseExportView } from "./warehouse-schemas.ts";
import { type ExportFile, writeExportFiles, writeExportRows } from "./warehouse-targets.ts";

const contentTypes = { parquet: "application/vnd.apache.parquet", csv: "text/csv" } as const;

export async function runWarehouseExport(
  context: RequestContext,
  destination: WarehouseDestinationRow,
): Promise<WarehouseManifest> {
  const until = context.clock.now();
  const after = destination.exported_until;
  const exportId = newId("warehouseExport", until);
  const datasets = await readWarehouseDatasets(context, { after, until });
  const manifest: WarehouseManifest = {
    export_id: exportId,
    destination_id: destination.id,
    cursor: { from: after?.toISOString() ?? null, to: until.toISOString() },
    datasets: [],
  };
  if (destination.kind === "postgres") {
    await writeExportRows(context.database, destination, exportId, context.environmentId, until, datasets);
    manifest.datasets = warehouseDatasets.map((name) => ({ name, rows: datasets[name].length, files: [] }));
  } else {
    const files: ExportFile[] = [];
    for (const name of warehouseDatasets) {
      const rows = datasets[name];
      const names: string[] = [];
      if (rows.length > 0) {
        for (const format of destination.formats) {
          files.push({
            name: `${name}.${format}`,
            body: datasetFile(rows, format),
            contentType: contentTypes[format],
          });
          names.push(`${name}.${format}`);
        }
      }
      manifest.datasets.push({ name, rows: rows.length, files: names });
    }
    // The manifest last: a reader that finds it finds every file it lists.
    files.push({
      name: "manifest.json",
      body: new TextEncoder().encode(JSON.stringify(manifest, null, 2)),
      contentType: "application/json",
    });
    const written = await writeExportFiles(context.database, destination, exportId, files);
    const pathOf = new Map(files.map((file, index) => [file.name, written[index] ?? file.name]));
    for (const dataset of manifest.datasets)
      dataset.files = dataset.files.map((name) => pathOf.get(name) ?? name);
  }
  await context.database.transaction().execute(async (transaction) => {
    await transaction
      .insertInto("warehouse_exports")
      .values({
        id: exportId,
        organization_id: context.organizationId,
        environment_id: context.environmentId,
        destination_id: destination.id,
        cursor_from: after,
        cursor_to: until,
        manifest: JSON.stringify(manifest),
        created_at: until,
      })
      .execute();
    await transaction
      .updateTable("warehouse_destinations")
      .set({ exported_until: until, updated_at: until })
      .where("id", "=", destination.id)
      .execute();
  });
  return manifest;
}

export function listWarehouseExports(context: RequestContext, page: PageRequest) {
  return newestFirstPage(selectInTenant(context.database, context, "warehouse_exports"), page).execute();
}

export function presentWarehouseExport(row: Selectable<WarehouseExportTable>): WarehouseExportView {
  return {
    id: row.id,
    destination_id: row.destination_id,
    cursor_from: row.cursor_from?.toISOString() ?? null,
    cursor_to: row.cursor_to.toISOString(),
    datasets: row.manifest.datasets,
    created_at: row.created_at.toISOString(),
  };
}
