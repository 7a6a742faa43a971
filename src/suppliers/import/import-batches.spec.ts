import { batchesBySupplier } from './import-batches.js';

const row = (line: number, creditCode: string) => ({ line, creditCode });

describe('batchesBySupplier', () => {
  it('keeps every row of a supplier in one batch, suppliers in the order the file first names them', () => {
    const rows = [row(2, 'A'), row(3, 'B'), row(4, 'A'), row(5, 'C'), row(6, 'B'), row(7, 'D')];
    expect(batchesBySupplier(rows, 3).map((b) => b.map((r) => r.line))).toEqual([[2, 4], [3, 6, 5], [7]]);
  });

  it('makes a larger batch for a supplier with more rows than the size, and none for no rows', () => {
    const rows = [row(2, 'A'), row(3, 'B'), row(4, 'B'), row(5, 'B'), row(6, 'C')];
    expect(batchesBySupplier(rows, 2).map((b) => b.map((r) => r.line))).toEqual([[2], [3, 4, 5], [6]]);
    expect(batchesBySupplier([], 2)).toEqual([]);
  });

  it('loses no row and splits no supplier over random files', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 200; n += 1) {
      const rows = Array.from({ length: Math.floor(next() * 60) }, (_, i) => row(i + 2, `S${Math.floor(next() * 15)}`));
      const size = 1 + Math.floor(next() * 10);
      const batches = batchesBySupplier(rows, size);
      expect(batches.flat().map((r) => r.line).sort((a, b) => a - b)).toEqual(rows.map((r) => r.line));
      const batchOf = new Map<string, number>();
      batches.forEach((batch, i) => {
        for (const r of batch) {
          expect(batchOf.get(r.creditCode) ?? i).toBe(i);
          batchOf.set(r.creditCode, i);
        }
        // Over the size only when the batch is one supplier's rows.
        if (batch.length > size) expect(new Set(batch.map((r) => r.creditCode)).size).toBe(1);
      });
    }
  });
});
