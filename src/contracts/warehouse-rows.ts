// The contracts that changed in a window of their update cursor (updated_at), as
// plain values: what the warehouse export copies. Read here, by the domain
// that owns the table.
import { warehouseRowsOf } from "../platform/database/changed-rows.ts";

export const contractWarehouseRows = warehouseRowsOf("contracts", "updated_at");
