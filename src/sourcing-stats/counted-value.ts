/**
 * How much a contract counts in the local-sourcing rate, as SQL over the `contracts` table:
 * its current value (after amendments), or for a terminated one only what was delivered
 * (nothing if unknown). Used by matching's impact figure and the bureau statistics alike.
 */
export function countedValueSql(alias: string): string {
  return `CASE WHEN ${alias}.status = 'TERMINATED' THEN COALESCE(${alias}.delivered_value, 0) ELSE ${alias}.total_value END`;
}
