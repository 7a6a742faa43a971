import { getIntrospectionQuery } from 'graphql';
import { DEFAULT_DOCUMENT_BOUNDS, requestProblem, requestRefusal } from './graphql-document-guard.js';

const bounds = { maxTokens: 200, maxFields: 20, maxListItems: 5, maxVariableValues: 30 };

describe('GraphQL document bounds', () => {
  it('lets an ordinary query and its variables through', () => {
    expect(requestProblem('query Q($ids: [ID!]) { a { b c } d(ids: $ids) { e } }', { ids: ['1', '2'] }, bounds)).toBeNull();
  });

  it('lets the introspection query of an explorer through the default bounds', () => {
    expect(requestProblem(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true }), {}, DEFAULT_DOCUMENT_BOUNDS)).toBeNull();
  });

  it('stops the parser at the token limit', () => {
    expect(requestProblem(`{ ${'me { id } '.repeat(60)} }`, undefined, bounds)).toBe('The query has more than 200 tokens');
  });

  it('counts fields, including those inside fragments and nested selections', () => {
    expect(requestProblem(`{ ${'a '.repeat(21)} }`, undefined, bounds)).toBe('More than 20 fields in one document');
    expect(requestProblem(`{ x { ...F } } fragment F on T { ${'a { b } '.repeat(10)} }`, undefined, bounds)).toBe('More than 20 fields in one document');
  });

  it('caps list literals in the query and lists in the variables, at any depth', () => {
    expect(requestProblem('{ a(ids: [1, 2, 3, 4, 5, 6]) { b } }', undefined, bounds)).toBe('A list of 6 items exceeds the limit of 5');
    expect(requestProblem('{ a(input: { nested: { ids: [1, 2, 3, 4, 5, 6] } }) { b } }', undefined, bounds)).toBe('A list of 6 items exceeds the limit of 5');
    expect(requestProblem('{ a }', { input: { ids: [1, 2, 3, 4, 5, 6] } }, bounds)).toBe('A variable list of 6 items exceeds the limit of 5');
    expect(requestProblem('{ a }', JSON.stringify({ ids: [[1, 2], [1, 2, 3, 4, 5, 6]] }), bounds)).toBe('A variable list of 6 items exceeds the limit of 5');
  });

  it('caps the number of values across the variables', () => {
    const wide = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`v${i}`, i]));
    expect(requestProblem('{ a }', wide, bounds)).toBe('More than 30 values in the variables');
    const deep = { a: [[1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]], b: [1, 2, 3, 4, 5], c: 1 };
    expect(requestProblem('{ a }', deep, bounds)).toBe('More than 30 values in the variables');
  });

  it('leaves syntax errors and unparsable variables to the GraphQL server', () => {
    expect(requestProblem('{ a ', undefined, bounds)).toBeNull();
    expect(requestProblem('{ a }', '{not json', bounds)).toBeNull();
  });

  it('names the variable path of a list over the bound', () => {
    const bounds = { ...DEFAULT_DOCUMENT_BOUNDS, maxListItems: 5 };
    expect(requestRefusal('{ a }', { input: { specs: [{ key: 'k' }], ids: [1, 2, 3, 4, 5, 6] } }, bounds)).toEqual({ message: 'A variable list of 6 items exceeds the limit of 5', field: 'input.ids' });
    expect(requestRefusal('{ a }', { input: { specs: [{ ids: [1, 2, 3, 4, 5, 6] }] } }, bounds)?.field).toBe('input.specs.0.ids');
  });
});
