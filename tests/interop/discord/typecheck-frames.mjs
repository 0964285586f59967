// Type-checks the gateway frames and REST bodies ResearchBot emits against discord-api-types with tsc --strict.
// Usage: node typecheck-frames.mjs <dir>   (files named <TypeName>__<label>.json, TypeName exported by discord-api-types/v10)
// Exit code is tsc's (0 = all frames type-check).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node typecheck-frames.mjs <dir>');
  process.exit(2);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
if (files.length === 0) {
  console.error(`no frames in ${dir}`);
  process.exit(2);
}

const types = [...new Set(files.map((f) => f.split('__')[0]))];
const lines = [`import type { ${types.join(', ')} } from 'discord-api-types/v10';`];
files.forEach((f, i) => {
  const json = fs.readFileSync(path.join(dir, f), 'utf8');
  lines.push(`// ${f}`, `export const frame${i}: ${f.split('__')[0]} = ${json};`);
});

// The check file must sit under tests/interop so that node_modules resolves.
const work = fs.mkdtempSync(path.join(here, '.tmp-'));
try {
  const file = path.join(work, 'frames.ts');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  const tsc = path.join(here, '..', 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', file], { encoding: 'utf8' });
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  console.log(result.status === 0 ? `ok   ${files.length} frames type-check` : `FAIL tsc exit ${result.status}`);
  process.exit(result.status ?? 1);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
