// Type-checks JSON bodies written by ResearchBot's C# tests against Slack's official TypeScript types:
//   *.postMessage.json -> ChatPostMessageArguments (@slack/web-api)
//   *.response.json    -> RespondArguments (@slack/bolt: response_url / ack payload bodies)
//   *.blocks.json      -> KnownBlock[] (@slack/types)
//   *.completeUpload.json -> FilesCompleteUploadExternalArguments (@slack/web-api; our form fields, `files` decoded)
//   *.unfurl.json      -> ChatUnfurlArguments (@slack/web-api: channel+ts or unfurl_id+source, `unfurls` by URL)
//   *.linkShared.json  -> LinkSharedEvent (@slack/types: the events our tests send, as Slack documents them)
//   *.messageShortcut.json -> MessageShortcut (@slack/bolt: the message_action payloads our tests feed the adapter)
// Usage: node tests/interop/slack/typecheck.mjs <dir>. Exit 0 when tsc --noEmit --strict accepts every body.
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: typecheck.mjs <dir-with-json-bodies>');
  process.exit(2);
}

const here = dirname(fileURLToPath(import.meta.url));
const kinds = [
  ['.messageShortcut.json', 'MessageShortcut'],
  ['.postMessage.json', 'ChatPostMessageArguments'],
  ['.response.json', 'RespondArguments'],
  ['.blocks.json', 'KnownBlock[]'],
  ['.completeUpload.json', 'FilesCompleteUploadExternalArguments'],
  ['.unfurl.json', 'ChatUnfurlArguments'],
  ['.linkShared.json', 'LinkSharedEvent'],
];
const lines = [
  "import type { MessageShortcut } from '@slack/bolt';",
  "import type { ChatPostMessageArguments, ChatUnfurlArguments, FilesCompleteUploadExternalArguments } from '@slack/web-api';",
  "import type { KnownBlock, LinkSharedEvent } from '@slack/types';",
  "import type { RespondArguments } from '@slack/bolt';",
];
let count = 0;
for (const file of readdirSync(dir).sort()) {
  const kind = kinds.find(([suffix]) => file.endsWith(suffix));
  if (!kind) continue;
  const json = readFileSync(join(dir, file), 'utf8');
  JSON.parse(json); // must at least be JSON
  lines.push(`// ${file}`);
  lines.push(`export const body${count++}: ${kind[1]} = ${json};`);
}
if (count === 0) {
  console.error(`no *.postMessage.json, *.response.json, *.blocks.json, *.completeUpload.json, *.unfurl.json, *.linkShared.json or *.messageShortcut.json files in ${dir}`);
  process.exit(2);
}

// The generated file lives under tests/interop so that node_modules resolves.
const work = mkdtempSync(join(here, '.gen-'));
try {
  const file = join(work, 'bodies.ts');
  writeFileSync(file, lines.join('\n') + '\n');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022',
    '--module', 'nodenext', '--moduleResolution', 'nodenext', file], { encoding: 'utf8' });
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  console.log(`typecheck: ${count} bodies, tsc exit ${result.status}`);
  process.exit(result.status ?? 1);
} finally {
  rmSync(work, { recursive: true, force: true });
}
