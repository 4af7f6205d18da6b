// Starts samverka for the browser tests: a fresh SQLite database in a temp
// directory, the demo data, and `samverka serve` on a free loopback port.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

// The binary under test: SAMVERKA_BIN, else ../../build/samverka from tests/browser.
export function binaryPath() {
	return resolve(process.env.SAMVERKA_BIN || join(here, '..', '..', '..', 'build', 'samverka'));
}

// A port nobody listens on right now (the kernel picks it).
function freePort() {
	return new Promise((ok, fail) => {
		const s = createServer();
		s.on('error', fail);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => ok(port));
		});
	});
}

// `samverka demo` prints one "ROLE EMAIL PASSWORD" line per demo user.
function parseUsers(text) {
	const users = {};
	for (const line of text.split('\n')) {
		const [role, email, password] = line.trim().split(/\s+/);
		if (role && email && password) users[role] = { email, password };
	}
	return users;
}

async function waitHealthy(url, child, log) {
	const deadline = Date.now() + 15000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null)
			throw new Error(`samverka serve exited with ${child.exitCode}:\n${log()}`);
		try {
			const res = await fetch(url + '/healthz');
			if (res.ok && (await res.text()).trim() === 'ok') return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`samverka serve did not answer /healthz within 15 s:\n${log()}`);
}

// Returns { url, db, users, stop, log }. stop() ends the server and removes
// the database and the documents.
export async function startServer() {
	const bin = binaryPath();
	if (!existsSync(bin))
		throw new Error(`no samverka binary at ${bin}: build it, or set SAMVERKA_BIN`);
	const dir = mkdtempSync(join(tmpdir(), 'samverka-browser-'));
	const db = 'sqlite:' + join(dir, 'test.db');
	// The demo's six fixture cases, received now, as the HTTP tests use:
	// with the two years of history the inbox's first page (every status,
	// oldest first) holds only long-closed cases, and the tests find theirs
	// there.
	const users = parseUsers(execFileSync(bin, ['demo', '--no-history', '--db', db], { encoding: 'utf8' }));
	for (const role of ['admin', 'representative'])
		if (!users[role]) throw new Error(`samverka demo printed no ${role} user`);
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	// Case documents go to the temp directory too, not the working directory.
	const files = join(dir, 'files');
	const child = spawn(bin, ['serve', '--insecure-cookies', '--listen', `127.0.0.1:${port}`, '--db', db, '--files', files], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const stop = async () => {
		if (child.exitCode === null) {
			const gone = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await gone;
			clearTimeout(timer);
		}
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		await waitHealthy(url, child, () => output);
	} catch (e) {
		await stop();
		throw e;
	}
	return { url, db, users, stop, log: () => output };
}
