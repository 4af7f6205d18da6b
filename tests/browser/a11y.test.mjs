// axe-core (WCAG 2.0 and 2.1, levels A and AA) on every page type, in
// Swedish and in English, anonymous, as the representative and as admin.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, contextAs, withLang, axeViolations, describeViolations, firstHref, clickThrough, T } from './lib/app.mjs';

const app = useApp();

// Each page type: who looks at it, how to get there, and the status the
// server must answer with. go() returns the response of the last request.
const pages = [
	{ name: 'home', role: null, go: (p, l) => p.goto(app.url + withLang('/', l)) },
	{ name: 'register list', role: null, go: (p, l) => p.goto(app.url + withLang('/foreningar', l)) },
	{
		name: 'search with no hits',
		role: null,
		go: async (p, l) => {
			const res = await p.goto(app.url + withLang('/foreningar?q=zzqxvjwk', l));
			assert.match(await p.textContent('main .count'), /^\s*0 /, 'the search was meant to find nothing');
			return res;
		},
	},
	{
		name: 'filtered list',
		role: null,
		go: async (p, l) => {
			await p.goto(app.url + withLang('/foreningar', l));
			const area = await p.$eval('#omrade option:nth-child(2)', (o) => o.value);
			const res = await p.goto(app.url + withLang(`/foreningar?omrade=${area}&form=ideell`, l));
			assert.equal(await p.$eval('#omrade', (s) => s.value), area);
			return res;
		},
	},
	{
		name: 'page 2',
		role: null,
		go: async (p, l) => {
			const res = await p.goto(app.url + withLang('/foreningar?sida=2', l));
			assert.ok(await p.$('a[rel=prev]'), 'page 2 has a link back to page 1');
			return res;
		},
	},
	{
		name: "an association's page",
		role: null,
		go: async (p, l) => {
			await p.goto(app.url + withLang('/foreningar', l));
			return p.goto(app.url + withLang(await firstHref(p, /^\/foreningar\/\d+$/), l));
		},
	},
	{ name: 'login page', role: null, go: (p, l) => p.goto(app.url + withLang('/logga-in', l)) },
	{
		name: 'login page after a failed login',
		role: null,
		status: 401,
		go: async (p, l) => {
			await p.goto(app.url + withLang('/logga-in', l));
			await p.fill('#epost', 'ingen@example.org');
			await p.fill('#losenord', 'fel-losenord');
			const res = await clickThrough(p, 'main button[type=submit]');
			assert.ok(await p.isVisible('.error-summary'), 'the failed login shows an error summary');
			return res;
		},
	},
	{ name: 'error page (404)', role: null, status: 404, go: (p, l) => p.goto(app.url + withLang('/finns-inte', l)) },
	{ name: 'Mina sidor', role: 'representative', go: (p, l) => p.goto(app.url + withLang('/mina-sidor', l)) },
	{ name: '/admin', role: 'admin', go: (p, l) => p.goto(app.url + withLang('/admin', l)) },
	{ name: '/admin/foreningar', role: 'admin', go: (p, l) => p.goto(app.url + withLang('/admin/foreningar', l)) },
	{ name: '/admin/foreningar/ny', role: 'admin', go: (p, l) => p.goto(app.url + withLang('/admin/foreningar/ny', l)) },
	{
		name: '/admin/foreningar/ny with errors',
		role: 'admin',
		status: 422,
		go: async (p, l) => {
			await p.goto(app.url + withLang('/admin/foreningar/ny', l));
			await p.fill('#namn', 'Axe-testets förening');
			await p.fill('#organisationsnummer', '123');
			const res = await clickThrough(p, 'main form.stack button[type=submit]');
			assert.ok(await p.isVisible('.error-summary'), 'the form shows an error summary');
			return res;
		},
	},
	{
		name: "an association's edit page",
		role: 'admin',
		go: async (p, l) => {
			await p.goto(app.url + withLang('/admin/foreningar', l));
			return p.goto(app.url + withLang(await firstHref(p, /^\/admin\/foreningar\/\d+$/), l));
		},
	},
	{ name: '/admin/forvaltningar', role: 'admin', go: (p, l) => p.goto(app.url + withLang('/admin/forvaltningar', l)) },
	{ name: '/admin/omraden', role: 'admin', go: (p, l) => p.goto(app.url + withLang('/admin/omraden', l)) },
	{ name: '/admin/malgrupper', role: 'admin', go: (p, l) => p.goto(app.url + withLang('/admin/malgrupper', l)) },
	{ name: '/admin/anvandare', role: 'admin', go: (p, l) => p.goto(app.url + withLang('/admin/anvandare', l)) },
];

for (const lang of ['sv', 'en']) {
	describe(`axe, ${lang === 'sv' ? 'Swedish' : 'English'}`, () => {
		// One page per role, reused: axe's half a megabyte of script then
		// compiles once per renderer instead of once per test.
		const contexts = {};
		const tabs = {};
		before(async () => {
			for (const role of [null, 'representative', 'admin']) {
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
				// Swedish is the default; English comes from ?lang=en and its cookie.
				const res = await pt.go(page, lang === 'en' ? 'en' : null);
				assert.equal(res.status(), pt.status || 200, `status of ${page.url()}`);
				assert.equal(await page.getAttribute('html', 'lang'), lang, `<html lang> on ${page.url()}`);
				const v = await axeViolations(page);
				const where = `${pt.name} (${lang}) ${page.url()}`;
				assert.equal(v.length, 0, describeViolations(where, v));
			});
		}
	});
}
