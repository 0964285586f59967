// Signs interaction bodies with tweetnacl (an implementation we did not write) and cross-checks each case with
// the official discord-interactions verifyKey, then writes the cases for the C# checker to verify.
// Usage: node sign-vectors.mjs <out.json>
import fs from 'node:fs';
import nacl from 'tweetnacl';
import { verifyKey } from 'discord-interactions';

const out = process.argv[2];
if (!out) {
  console.error('usage: node sign-vectors.mjs <out.json>');
  process.exit(2);
}

const hex = (bytes) => Buffer.from(bytes).toString('hex');
const keys = nacl.sign.keyPair();
const other = nacl.sign.keyPair();
const sign = (secretKey, timestamp, body) => hex(nacl.sign.detached(Buffer.from(timestamp + body, 'utf8'), secretKey));

const timestamp = String(Math.floor(Date.now() / 1000));
const ping = '{"id":"1","application_id":"42","type":1,"token":"t","version":1}';
const unicode = '{"type":2,"data":{"name":"author","options":[{"name":"name","type":3,"value":"Körding — 研究"}]}}';
const good = sign(keys.secretKey, timestamp, ping);
const flipped = Buffer.from(good, 'hex');
flipped[10] ^= 0x01;

const cases = [
  { name: 'valid ping', timestamp, body: ping, signature: good, valid: true },
  { name: 'valid unicode body', timestamp, body: unicode, signature: sign(keys.secretKey, timestamp, unicode), valid: true },
  { name: 'tampered body', timestamp, body: ping.replace('"t"', '"u"'), signature: good, valid: false },
  { name: 'other timestamp', timestamp: String(Number(timestamp) + 1), body: ping, signature: good, valid: false },
  { name: 'flipped signature bit', timestamp, body: ping, signature: hex(flipped), valid: false },
  { name: 'signed by another key', timestamp, body: ping, signature: sign(other.secretKey, timestamp, ping), valid: false },
];

let disagreements = 0;
for (const c of cases) {
  const official = await verifyKey(c.body, c.signature, c.timestamp, hex(keys.publicKey));
  if (official !== c.valid) {
    disagreements++;
    console.error(`discord-interactions verifyKey says ${official} for "${c.name}"`);
  }
}

fs.writeFileSync(out, JSON.stringify({ publicKey: hex(keys.publicKey), cases }, null, 2));
console.log(`wrote ${cases.length} cases to ${out}`);
process.exit(disagreements === 0 ? 0 : 1);
