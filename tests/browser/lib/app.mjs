// What every browser test file shares: the running server, Debian's
// chromium, signing in, and the checks that look at a page.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import axe from 'axe-core';
import { startServer, binaryPath } from './server.mjs';

export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--no-first-run',
	'--disable-sync',
	'--disable-quic',
];

export const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
// Each test's own time limit: generous, the machine is shared.
export const T = { timeout: 90000 };

export const SHOTS = process.env.SAMVERKA_SHOTS || '/tmp/samverka-shots';

// Registers the hooks that give a test file a server and a browser. run.mjs
// starts one server for all files and passes it in SAMVERKA_URL and
// SAMVERKA_USERS (and its database in SAMVERKA_DB); a file run on its own
// starts its own. setup(app) and teardown(app) run inside the same hooks:
// top-level hooks of one file are not ordered among themselves.
export function useApp({ setup, teardown } = {}) {
	const app = { url: '', db: '', users: {}, browser: null };
	let server = null;
	before(async () => {
		if (process.env.SAMVERKA_URL) {
			app.url = process.env.SAMVERKA_URL;
			app.users = JSON.parse(process.env.SAMVERKA_USERS || '{}');
			app.db = process.env.SAMVERKA_DB || '';
		} else {
			server = await startServer();
			app.url = server.url;
			app.users = server.users;
			app.db = server.db;
		}
		app.browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
		await setup?.(app);
	});
	after(async () => {
		try {
			await teardown?.(app);
		} finally {
			await app.browser?.close();
			await server?.stop();
		}
	});
	return app;
}

// A path with ?lang= added, keeping any query it already has.
export function withLang(path, lang) {
	if (!lang) return path;
	return path + (path.includes('?') ? '&' : '?') + 'lang=' + lang;
}

// Clicks what submits a form or follows a link (a selector or a locator)
// and returns the response of the page it leads to.
export async function clickThrough(page, target) {
	const el = typeof target === 'string' ? page.locator(target) : target;
	const [res] = await Promise.all([page.waitForNavigation(), el.click()]);
	return res;
}

// Signs in through the real form, as a person would: as the demo user with
// that role, or as a user given by { email, password }.
export async function signIn(page, app, role) {
	const u = typeof role === 'string' ? app.users[role] : role;
	assert.ok(u, `no demo user with role ${role}`);
	await page.goto(app.url + '/logga-in');
	await page.fill('#epost', u.email);
	await page.fill('#losenord', u.password);
	await clickThrough(page, 'main button[type=submit]');
	assert.ok(!new URL(page.url()).pathname.startsWith('/logga-in'), `sign-in as ${u.email} failed: still on ${page.url()}`);
}

// A new browser context already signed in as role, a demo role or
// { email, password } (anonymous when role is null).
export async function contextAs(app, role, options = {}) {
	const context = await app.browser.newContext(options);
	if (role) {
		const page = await context.newPage();
		await signIn(page, app, role);
		await page.close();
	}
	return context;
}

// Adds a user with the operator's command, the password on standard input
// as an operator would type it. Returns { email, password, name }.
export function addUser(app, { email, name, role, password }) {
	assert.ok(app.db, 'the server under test did not say where its database is (SAMVERKA_DB)');
	execFileSync(binaryPath(), ['user', 'add', '--db', app.db, '--email', email, '--name', name, '--role', role], {
		input: password + '\n',
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	return { email, password, name };
}

// Runs axe-core with the WCAG 2.0/2.1 A and AA rules and returns the
// violations. The source goes in through the DevTools protocol, which the
// page's Content-Security-Policy (no inline scripts) does not block.
export async function axeViolations(page) {
	await page.evaluate(axe.source);
	return page.evaluate(async () => {
		const r = await window.axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
			resultTypes: ['violations'],
		});
		return r.violations.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			helpUrl: v.helpUrl,
			nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
		}));
	});
}

// The violations as lines a person can act on: rule, help, and each element.
export function describeViolations(where, violations) {
	const lines = [`${violations.length} axe violation(s) on ${where}:`];
	for (const v of violations) {
		lines.push(`  ${v.id} (${v.impact}): ${v.help}`);
		for (const n of v.nodes) lines.push(`    target: ${n.target}`);
	}
	return lines.join('\n');
}

// axe on each of pages ({name, role, go(page, lang), status}) in Swedish
// and English: one tab per role, reused, so axe's half a megabyte of script
// compiles once per renderer instead of once per test. Swedish is the
// default (go gets null); English comes from ?lang=en and its cookie.
export function axeSuite(app, title, pages) {
	for (const lang of ['sv', 'en']) {
		describe(`${title}, ${lang === 'sv' ? 'Swedish' : 'English'}`, () => {
			const contexts = {};
			const tabs = {};
			before(async () => {
				for (const role of [null, 'representative', 'officer', 'admin']) {
					contexts[role] = await contextAs(app, role);
					tabs[role] = await contexts[role].newPage();
				}
			});
			after(async () => {
				for (const c of Object.values(contexts)) await c.close();
			});
			for (const pt of pages) {
				test(pt.name, T, async () => {
					const page = tabs[pt.role];
					const res = await pt.go(page, lang === 'en' ? 'en' : null);
					assert.equal(res.status(), pt.status || 200, `status of ${page.url()}`);
					assert.equal(await page.getAttribute('html', 'lang'), lang, `<html lang> on ${page.url()}`);
					const v = await axeViolations(page);
					assert.equal(v.length, 0, describeViolations(`${pt.name} (${lang}) ${page.url()}`, v));
				});
			}
		});
	}
}

// How the focused element shows its focus: a visible outline or a box-shadow.
export async function focusState(page) {
	return page.evaluate(() => {
		const el = document.activeElement;
		if (!el || el === document.body) return { tag: 'body', visible: false };
		const s = getComputedStyle(el);
		const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && s.outlineColor !== 'rgba(0, 0, 0, 0)';
		const shadow = s.boxShadow !== 'none' && s.boxShadow !== '';
		const label = el.id ? `#${el.id}` : el.getAttribute('href') || el.getAttribute('name') || el.textContent.trim().slice(0, 30);
		return {
			tag: el.tagName.toLowerCase(),
			label,
			outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
			boxShadow: s.boxShadow,
			visible: outline || shadow,
		};
	});
}

// Page width against the viewport: wider means the page scrolls sideways.
export async function widths(page) {
	return page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		clientWidth: document.documentElement.clientWidth,
	}));
}

export async function screenshot(page, name) {
	mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: join(SHOTS, name + '.png'), fullPage: true });
}

// A valid organisationsnummer nobody has: 16 + seven random digits + the
// Luhn check digit (third digit 2 or higher, as for every legal person).
export function freshOrgnr() {
	const d = [1, 6];
	for (let i = 0; i < 7; i++) d.push(Math.floor(Math.random() * 10));
	d[2] = 2 + (d[2] % 8);
	let sum = 0;
	d.forEach((v, i) => {
		const x = v * (i % 2 === 0 ? 2 : 1);
		sum += x > 9 ? x - 9 : x;
	});
	d.push((10 - (sum % 10)) % 10);
	const s = d.join('');
	return s.slice(0, 6) + '-' + s.slice(6);
}

// The first link in main whose href matches re: how the tests find an
// association without knowing the demo data's ids.
export async function firstHref(page, re) {
	const hrefs = await page.$$eval('main a[href]', (as) => as.map((a) => a.getAttribute('href')));
	const h = hrefs.find((x) => re.test(x));
	assert.ok(h, `no link matching ${re} on ${page.url()}`);
	return h;
}

// Case statuses as the pages name them in Swedish.
const STATUS_CODES = {
	Inkommen: 'inkommen',
	'Under handläggning': 'handlaggning',
	'Komplettering begärd': 'komplettering',
	Beslutad: 'beslutad',
	Avslutad: 'avslutad',
	Återkallad: 'aterkallad',
};

// The cases a demo user sees, one per status ({ inkommen: '/arenden/FRI-…',
// … }): the officer's from the inbox, the representative's from Mina
// sidor, so that the tests need no diarienummer written into them and the
// representative's are the representative's own.
export async function casesByStatus(app, role) {
	const context = await contextAs(app, role);
	const page = await context.newPage();
	const found = {};
	try {
		await page.goto(app.url + (role === 'officer' ? '/handlaggning' : '/mina-sidor') + '?lang=sv');
		const rows = await page.$$eval('main tbody tr', (trs) =>
			trs.map((tr) => [tr.querySelector('td:nth-child(1) a')?.getAttribute('href'), tr.querySelector('td:nth-child(3)')?.textContent.trim()]),
		);
		for (const [href, status] of rows) {
			const code = STATUS_CODES[status];
			if (href && code && !found[code]) found[code] = href;
		}
	} finally {
		await context.close();
	}
	return found;
}
