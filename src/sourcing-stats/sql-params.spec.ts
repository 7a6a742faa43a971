import { SqlParams } from './sourcing-stats.repository.js';

describe('SqlParams', () => {
  it('numbers placeholders in the order values are added, a reused placeholder naming one value', () => {
    const p = new SqlParams();
    const region = p.add('330200');
    const sql = `WHERE a = ${p.add(1)} AND b = ${region} AND (${p.add(null)}::text IS NULL)`;
    expect(sql).toBe('WHERE a = $2 AND b = $1 AND ($3::text IS NULL)');
    expect(p.values).toEqual(['330200', 1, null]);
  });
});
