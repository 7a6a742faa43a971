import { fieldsFromMessage } from './error-formatter.js';

describe('fieldsFromMessage', () => {
  it('names the variable path of a coercion error with list indexes as path segments', () => {
    const message = 'Variable "$input" got invalid value 7 at "input.specs[2].value"; String cannot represent a non string value: 7';
    expect(fieldsFromMessage(message)).toEqual([{ field: 'input.specs.2.value', message }]);
  });

  it('names the variable when no path is given, and nothing for other messages', () => {
    expect(fieldsFromMessage('Variable "$first" of required type "Int!" was not provided.')[0].field).toBe('first');
    expect(fieldsFromMessage('Argument "first" of non-null type "Int!" must not be null.')[0].field).toBe('first');
    expect(fieldsFromMessage('Syntax Error: Unexpected Name "x".')).toEqual([]);
  });
});
