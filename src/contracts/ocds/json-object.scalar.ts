import { GraphQLError, GraphQLScalarType } from 'graphql';

/** Output-only: a JSON object passed through as it is (the OCDS release package). */
export const GraphQLJSONObject = new GraphQLScalarType<never, object>({
  name: 'JSONObject',
  description: 'A JSON object, returned as it is (output only).',
  serialize(value) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
    throw new GraphQLError('JSONObject cannot represent this value');
  },
  parseValue() {
    throw new GraphQLError('JSONObject is output only');
  },
  parseLiteral() {
    throw new GraphQLError('JSONObject is output only');
  },
});
