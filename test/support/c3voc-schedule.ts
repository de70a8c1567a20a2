import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { validateXML } from 'xmllint-wasm';

/**
 * Validation against the c3voc schedule schemas (copies in
 * test/fixtures/c3voc-schedule, with their licence), as conference apps and the
 * c3voc tooling apply them. Each function answers the list of violations, empty
 * when the document is valid, so a failing test prints what is wrong.
 */
const FIXTURES = join(__dirname, '..', 'fixtures', 'c3voc-schedule');
const xsd = readFileSync(join(FIXTURES, 'schedule.xml.xsd'), 'utf8');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as object;

function jsonValidator() {
  // The schema is draft-06 and uses "$oneOf" (not a keyword: ignored, as by check-jsonschema, the tool the
  // schema's own repository validates with); strict mode would refuse it instead of ignoring it.
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addMetaSchema(readJson(require.resolve('ajv/lib/refs/json-schema-draft-06.json')));
  addFormats(ajv);
  // "color" is no JSON Schema format; the XSD's hexColor is what the same field means in schedule.xml.
  ajv.addFormat('color', /^#[0-9a-fA-F]{6}$/);
  return ajv.compile(readJson(join(FIXTURES, 'schema.json')));
}

let validateJson: ReturnType<typeof jsonValidator> | undefined;

export function scheduleJsonViolations(document: unknown): string[] {
  validateJson ??= jsonValidator();
  if (validateJson(document)) return [];
  return (validateJson.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
}

export async function scheduleXmlViolations(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: 'schedule.xml', contents: xml },
    schema: { fileName: 'schedule.xml.xsd', contents: xsd },
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
