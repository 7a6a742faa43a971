/**
 * How the valid rows of a supplier import are cut into batches (pure). Each batch is written in
 * one transaction, two at a time (supplier-import.service.ts).
 */

/**
 * `rows` in batches of about `size` rows, every row of one supplier (credit code) in the same
 * batch (a supplier with more rows than `size` makes a larger one), suppliers in the order the
 * file first names them: batches written side by side never touch the same supplier, and where
 * rows repeat a key, the batch that writes it holds every such row (the first of the file wins).
 */
export function batchesBySupplier<T extends { creditCode: string }>(rows: readonly T[], size: number): T[][] {
  const bySupplier = new Map<string, T[]>();
  for (const row of rows) {
    const group = bySupplier.get(row.creditCode);
    if (group) group.push(row);
    else bySupplier.set(row.creditCode, [row]);
  }
  const batches: T[][] = [];
  let batch: T[] = [];
  for (const group of bySupplier.values()) {
    if (batch.length > 0 && batch.length + group.length > size) {
      batches.push(batch);
      batch = [];
    }
    for (const row of group) batch.push(row);
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
