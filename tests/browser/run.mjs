// Runs the browser tests against one samverka server: a fresh SQLite
// database with the demo data, `samverka serve` on a free port, every
// *.test.mjs file in turn, and a closing "N passed, M failed" line.
// The binary comes from SAMVERKA_BIN (default ../../build/samverka).
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, binaryPath } from './lib/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
	.filter((f) => f.endsWith('.test.mjs'))
	.filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
	.sort()
	.map((f) => join(here, f));

let server;
try {
	server = await startServer();
} catch (e) {
	console.error(e.message);
	console.log('0 passed, 1 failed');
	process.exit(1);
}
console.log(`samverka ${binaryPath()} at ${server.url}`);
// Interrupted: the server goes too, with its temp database.
for (const sig of ['SIGINT', 'SIGTERM'])
	process.once(sig, () => server.stop().finally(() => process.exit(130)));
process.env.SAMVERKA_URL = server.url;
process.env.SAMVERKA_USERS = JSON.stringify(server.users);
process.env.SAMVERKA_DB = server.db;

// Only tests count, not the suites around them; a file that fails before
// its tests run shows up as one failure named after the file.
let passed = 0;
let failed = 0;
const stream = run({ files, concurrency: 1, timeout: 20 * 60 * 1000 });
stream.on('test:pass', (t) => {
	if (t.details?.type !== 'suite' && !t.skip && !t.todo) passed++;
});
stream.on('test:fail', (t) => {
	if (t.details?.type !== 'suite') failed++;
});
const report = stream.compose(new spec());
const done = new Promise((r) => report.on('end', r));
report.pipe(process.stdout);
await done;
await server.stop();
if (failed > 0) console.log('\nserver log:\n' + server.log().split('\n').slice(-30).join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
