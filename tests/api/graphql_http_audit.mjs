// Runs the graphql-http server audits (GraphQL-over-HTTP spec conformance)
// against a live endpoint:
//
//     node tests/api/graphql_http_audit.mjs http://127.0.0.1:8000/graphql/
//
// Prints one line per audit (status, id, name), then the SHOULD/MAY audits
// that failed with their reasons. Exits 1 when a MUST audit fails, 2 on
// usage or connection errors, 0 otherwise.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node tests/api/graphql_http_audit.mjs <graphql endpoint url>');
  process.exit(2);
}

const results = [];
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  // One at a time: the test server is small and the output stays in order.
  results.push(await audit.fn());
}

const level = (name) => name.split(' ')[0];
for (const result of results) {
  const status = result.status === 'ok' ? 'ok' : result.status.toUpperCase();
  console.log(`${status.padEnd(6)} ${result.id} ${result.name}`);
}

const failed = results.filter((r) => r.status !== 'ok');
const mustFailed = failed.filter((r) => level(r.name) === 'MUST');
const otherFailed = failed.filter((r) => level(r.name) !== 'MUST');
const count = (lvl) => results.filter((r) => level(r.name) === lvl).length;
const passed = (lvl) => results.filter((r) => level(r.name) === lvl && r.status === 'ok').length;

console.log('');
console.log(
  `MUST ${passed('MUST')}/${count('MUST')} passed, ` +
    `SHOULD ${passed('SHOULD')}/${count('SHOULD')}, MAY ${passed('MAY')}/${count('MAY')}`,
);
for (const [title, list] of [
  ['failed MUST audits', mustFailed],
  ['failed SHOULD/MAY audits', otherFailed],
]) {
  if (!list.length) continue;
  console.log(`\n${title}:`);
  for (const result of list) {
    console.log(`  ${result.id} ${result.name}\n    reason: ${result.reason}`);
  }
}
process.exit(mustFailed.length ? 1 : 0);
