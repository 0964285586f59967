// Validates the JSON bodies ResearchBot sends to Discord against Discord's own OpenAPI description
// (shared/spec/discord-openapi.v10.json, copied next to the C# tests' output or passed with --spec).
// Usage: node validate-bodies.mjs <dir-with-bodies> <path-to-openapi.json>
// Each file is <Schema>__<label>.json. Special schema names:
//   BulkCommands        -> the PUT /applications/{id}/commands body (array of ApplicationCommandUpdateRequest)
//   InteractionCallback -> the POST /interactions/{id}/{token}/callback union
//   WebhookExecute      -> the POST /webhooks/{id}/{token} union (follow-up messages)
// Exit 0 when every body is valid, 1 when any is invalid, 2 on usage errors.
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const [dir, specPath] = process.argv.slice(2);
if (!dir || !specPath) {
  console.error('usage: node validate-bodies.mjs <dir> <openapi.json>');
  process.exit(2);
}

const spec = JSON.parse(fs.readFileSync(specPath, 'utf8'));
// Known clash (shared/spec/README.md caveat 2): the docs say default_member_permissions is a string,
// the spec says integer; Discord accepts both. Allow a digit string, nothing else.
for (const name of ['ApplicationCommandCreateRequest', 'ApplicationCommandUpdateRequest']) {
  const props = spec.components.schemas[name]?.properties;
  if (props?.default_member_permissions) {
    props.default_member_permissions = { anyOf: [props.default_member_permissions, { type: 'string', pattern: '^[0-9]{1,20}$' }] };
  }
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
for (const f of ['int32', 'int64', 'snowflake', 'nonce', 'double', 'float']) ajv.addFormat(f, true);
ajv.addSchema({ $id: 'discord', components: spec.components });

const ref = (name) => ({ $ref: `discord#/components/schemas/${name}` });
const union = (p, method) => {
  const schema = spec.paths[p][method].requestBody.content['application/json'].schema;
  return { anyOf: schema.anyOf.map((s) => ref(s.$ref.split('/').pop())) };
};
const special = {
  BulkCommands: { type: 'array', maxItems: 100, items: ref('ApplicationCommandUpdateRequest') },
  InteractionCallback: union('/interactions/{interaction_id}/{interaction_token}/callback', 'post'),
  WebhookExecute: union('/webhooks/{webhook_id}/{webhook_token}', 'post'),
};

let failures = 0;
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
if (files.length === 0) {
  console.error(`no bodies in ${dir}`);
  process.exit(2);
}
for (const file of files) {
  const schemaName = file.split('__')[0];
  const schema = special[schemaName] ?? ref(schemaName);
  const validate = ajv.compile(schema);
  const body = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  if (validate(body)) {
    console.log(`ok   ${file}`);
  } else {
    failures++;
    console.log(`FAIL ${file}`);
    for (const e of validate.errors.slice(0, 10)) console.log(`     ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  }
}
process.exit(failures === 0 ? 0 : 1);
