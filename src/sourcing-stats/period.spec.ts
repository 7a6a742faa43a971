import { parseQuarterLabel, periodDates, periodLabel, periodOf, periodProblems, quarterIndex, quartersOf } from './period.js';

describe('reporting periods', () => {
  it('defaults to the whole start year', () => {
    expect(periodOf({ startYear: 2025 })).toEqual({ startYear: 2025, startQuarter: 1, endYear: 2025, endQuarter: 4 });
    expect(periodOf({ startYear: 2025, startQuarter: 2, endQuarter: 2 })).toEqual({ startYear: 2025, startQuarter: 2, endYear: 2025, endQuarter: 2 });
  });

  it('covers signing dates from the first day of the start quarter to before the next one', () => {
    expect(periodDates(periodOf({ startYear: 2025 }))).toEqual({ from: '2025-01-01', until: '2026-01-01' });
    expect(periodDates(periodOf({ startYear: 2025, startQuarter: 3, endQuarter: 3 }))).toEqual({ from: '2025-07-01', until: '2025-10-01' });
    expect(periodDates(periodOf({ startYear: 2024, startQuarter: 4, endYear: 2026, endQuarter: 1 }))).toEqual({ from: '2024-10-01', until: '2026-04-01' });
  });

  it('lists its quarters in order', () => {
    expect(quartersOf(periodOf({ startYear: 2024, startQuarter: 4, endYear: 2025, endQuarter: 2 }))).toEqual([
      { year: 2024, quarter: 4 }, { year: 2025, quarter: 1 }, { year: 2025, quarter: 2 },
    ]);
    expect(quarterIndex(2025, 1) - quarterIndex(2024, 4)).toBe(1);
  });

  it('labels itself', () => {
    expect(periodLabel(periodOf({ startYear: 2025 }))).toBe('2025');
    expect(periodLabel(periodOf({ startYear: 2025, endYear: 2027 }))).toBe('2025–2027');
    expect(periodLabel(periodOf({ startYear: 2025, startQuarter: 2, endQuarter: 2 }))).toBe('2025Q2');
    expect(periodLabel(periodOf({ startYear: 2024, startQuarter: 3, endYear: 2025, endQuarter: 2 }))).toBe('2024Q3–2025Q2');
    expect(parseQuarterLabel('2025Q3')).toEqual({ year: 2025, quarter: 3 });
    expect(parseQuarterLabel('2025Q5')).toBeNull();
  });

  it('names what is wrong', () => {
    expect(periodProblems(periodOf({ startYear: 2025 }))).toEqual([]);
    expect(periodProblems(periodOf({ startYear: 2025, endYear: 2024 }))).toEqual([{ field: 'period.endYear', message: 'the period must end at or after its start' }]);
    expect(periodProblems(periodOf({ startYear: 2025, startQuarter: 3, endQuarter: 2 }))).toHaveLength(1);
    expect(periodProblems(periodOf({ startYear: 2000, endYear: 2010 }))).toEqual([{ field: 'period.endYear', message: 'a period spans at most 40 quarters' }]);
    expect(periodProblems(periodOf({ startYear: 2001, endYear: 2010 }))).toEqual([]);
    expect(periodProblems({ startYear: 1999, startQuarter: 0, endYear: 2025.5, endQuarter: 4 }, 'p').map((p) => p.field)).toEqual(['p.startYear', 'p.startQuarter', 'p.endYear']);
  });
});
