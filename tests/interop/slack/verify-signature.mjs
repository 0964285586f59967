// Cross-checks ResearchBot's Slack v0 signatures with @slack/bolt's own verifier (isValidSlackRequest).
// Usage: node tests/interop/slack/verify-signature.mjs <cases.json>
// cases.json: [{ name, signingSecret, body, signature, timestamp, nowMilliseconds, expect }]
// Exit 0 when bolt's verdict equals `expect` for every case.
import { readFileSync } from 'node:fs';
import { isValidSlackRequest } from '@slack/bolt';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const quiet = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel() {}, setName() {} };
let failures = 0;
for (const c of cases) {
  const verdict = isValidSlackRequest({
    signingSecret: c.signingSecret,
    body: c.body,
    headers: { 'x-slack-signature': c.signature, 'x-slack-request-timestamp': Number(c.timestamp) },
    nowMilliseconds: c.nowMilliseconds,
    logger: quiet,
  });
  const ok = verdict === c.expect;
  if (!ok) failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${c.name}: bolt=${verdict} expected=${c.expect}`);
}
process.exit(failures === 0 ? 0 : 1);
