/**
 * Rows as the parallel lists the import's create statements take: for each field in
 * `names`, the list of the rows' values in row order, under the parameter name given
 * (`{ id: 'ids' }` → `$ids`). Grafeo converts lists of scalars several times faster than a
 * list of maps (docs/import-export.md, "Import throughput").
 */
export function toColumns<T extends object>(rows: readonly T[], names: { readonly [K in keyof T]?: string }): Record<string, unknown[]> {
  const fields = Object.entries(names) as [keyof T, string][];
  const out: Record<string, unknown[]> = {};
  for (const [field, name] of fields) out[name] = rows.map((row) => row[field]);
  return out;
}
