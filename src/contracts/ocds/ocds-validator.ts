import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { projectRoot } from '../../common/paths.js';

export const RELEASE_PACKAGE_SCHEMA_PATH = 'src/contracts/ocds/release-package.schema.json';

let compiled: ValidateFunction | null = null;

/** The JSON Schema of the export (draft 2020-12), compiled once, with formats (uri, date-time) checked. */
function validator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(join(projectRoot(), RELEASE_PACKAGE_SCHEMA_PATH), 'utf8')) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    formats.default(ajv);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** Problems of a release package against the export's schema, as `path: message`; empty when valid. */
export function releasePackageProblems(data: unknown): string[] {
  const validate = validator();
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}${e.params && 'allowedValues' in e.params ? ` (${String(e.params.allowedValues)})` : ''}`);
}
