import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { Decimal } from 'decimal.js';
import type { ValueTransformer } from 'typeorm';

const DECIMAL_PATTERN = /^-?\d{1,20}(\.\d{1,6})?$/;

function parseDecimal(value: unknown): Decimal {
  if (typeof value !== 'string' || !DECIMAL_PATTERN.test(value.trim())) {
    throw new GraphQLError('Decimal must be a string such as "1234.50" (up to 20 integer and 6 fraction digits)');
  }
  return new Decimal(value.trim());
}

/** Money and other exact quantities: a decimal string on the wire, never a float. */
export const GraphQLDecimal = new GraphQLScalarType<Decimal, string>({
  name: 'Decimal',
  description: 'An exact decimal number, written as a string such as "1234.50" (money is CNY).',
  serialize(value) {
    if (value instanceof Decimal) return value.toFixed();
    if (typeof value === 'string') return new Decimal(value).toFixed();
    throw new GraphQLError('Decimal cannot represent this value');
  },
  parseValue: parseDecimal,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Decimal must be written as a string literal');
    return parseDecimal(ast.value);
  },
});

/** Maps PostgreSQL `numeric` (read as a string by pg) to Decimal and back. */
export const decimalTransformer: ValueTransformer = {
  to: (value: Decimal | null | undefined) => (value == null ? value : value.toFixed()),
  from: (value: string | null) => (value == null ? null : new Decimal(value)),
};
