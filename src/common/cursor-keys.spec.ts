import { encodeCursor } from './pagination.js';
import { dateIdCursor, instantIdCursor } from './cursor-keys.js';

const ID = '0a000000-0000-4000-8000-000000000001';

describe('list cursors', () => {
  it('reads the cursors the lists issue', () => {
    expect(dateIdCursor(encodeCursor(['2026-05-01', ID]))).toEqual(['2026-05-01', ID]);
    expect(instantIdCursor(encodeCursor(['2026-05-01T02:03:04.567Z', ID]))).toEqual(['2026-05-01T02:03:04.567Z', ID]);
    expect(dateIdCursor(null)).toBeNull();
  });

  it.each([
    ['a bad date', () => dateIdCursor(encodeCursor(['2026-02-30', ID]))],
    ['a number for a date', () => dateIdCursor(encodeCursor([20260501, ID]))],
    ['a bad id', () => dateIdCursor(encodeCursor(['2026-05-01', "1' OR '1'='1"]))],
    ['a bad instant', () => instantIdCursor(encodeCursor(['yesterday', ID]))],
    ['garbage', () => instantIdCursor('%%%')],
  ])('refuses %s with BAD_USER_INPUT on after', (_name, read) => {
    expect(read).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'after' })] }));
  });
});
