// axe-core (WCAG 2.0 and 2.1, levels A and AA) on every page type, in
// Swedish and in English, anonymous, as the representative and as admin.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, contextAs, withLang, axeSuite, axeViolations, describeViolations, firstHref, clickThrough, casesByStatus, PHONE, T } from './lib/app.mjs';

// The demo cases each side sees, by status.
const cases = {};
const app = useApp({
	setup: async () => {
		for (const role of ['officer', 'representative']) cases[role] = await casesByStatus(app, role);
	},
});

// The page of a demo case in that status, as role sees it.
function caseOf(role, status) {
	const path = cases[role]?.[status];
	assert.ok(path, `the ${role} sees no demo case with status ${status}`);
	return path;
}

// Sends a case page's form without the browser's own checks, as a browser
// without them would: the server's refusal is a page of its own.
async function sendUnchecked(page, formSelector) {
	await page.$eval(formSelector, (f) => (f.noValidate = true));
	return clickThrough(page, `${formSelector} button[type=submit]`);
}

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
	{
		name: 'Mina sidor with cases',
		role: 'representative',
		go: async (p, l) => {
			const res = await p.goto(app.url + withLang('/mina-sidor', l));
			assert.ok((await p.locator('main tbody tr').count()) > 0, 'the demo representative has cases');
			return res;
		},
	},
	{ name: 'registration form', role: 'representative', go: (p, l) => p.goto(app.url + withLang('/registrera-forening', l)) },
	{
		name: 'registration form with errors',
		role: 'representative',
		status: 422,
		go: async (p, l) => {
			await p.goto(app.url + withLang('/registrera-forening', l));
			await p.fill('#namn', 'Axe-testets förening');
			await p.fill('#organisationsnummer', '123');
			const res = await clickThrough(p, 'main form.stack button[type=submit]');
			const errors = await p.locator('main .error-summary li').count();
			assert.equal(errors, 4, 'the summary names the number, the board and each of the two documents');
			return res;
		},
	},
	{
		name: 'case page, applicant asked for completion',
		role: 'representative',
		go: async (p, l) => {
			const res = await p.goto(app.url + withLang(caseOf('representative', 'komplettering'), l));
			assert.ok(await p.isVisible('#svar'), 'the completion form is there');
			return res;
		},
	},
	{
		name: 'case page, applicant, decided',
		role: 'representative',
		go: async (p, l) => {
			const res = await p.goto(app.url + withLang(caseOf('representative', 'beslutad'), l));
			assert.ok(await p.isVisible('#beslut-rubrik'), 'the decision is shown');
			return res;
		},
	},
	{
		name: 'case page, officer, received',
		role: 'officer',
		go: async (p, l) => {
			const res = await p.goto(app.url + withLang(caseOf('officer', 'inkommen'), l));
			assert.ok(await p.isVisible('#motivering'), 'the decision form is there');
			return res;
		},
	},
	{
		name: 'case page, officer, being handled',
		role: 'officer',
		go: async (p, l) => {
			const res = await p.goto(app.url + withLang(caseOf('officer', 'handlaggning'), l));
			assert.ok(await p.isVisible('#komplettering'), 'the completion request form is there');
			return res;
		},
	},
	{
		name: 'case page, officer, a refused decision',
		role: 'officer',
		status: 422,
		go: async (p, l) => {
			await p.goto(app.url + withLang(caseOf('officer', 'handlaggning'), l));
			const res = await sendUnchecked(p, 'main form[action$="/beslut"]');
			assert.ok(await p.isVisible('main .error-summary'), 'the refusal is shown');
			return res;
		},
	},
	{ name: 'case page, officer, decided', role: 'officer', go: (p, l) => p.goto(app.url + withLang(caseOf('officer', 'beslutad'), l)) },
	{
		name: 'case page, officer, a refused confidentiality marking',
		role: 'officer',
		status: 422,
		go: async (p, l) => {
			await p.goto(app.url + withLang(caseOf('officer', 'handlaggning'), l));
			await p.check('main form[action$="/sekretess"] input[name=sekretess]');
			const res = await sendUnchecked(p, 'main form[action$="/sekretess"]');
			assert.ok(await p.isVisible('#grund-error'), 'the reason is next to the provision field');
			return res;
		},
	},
	{
		name: 'case page, applicant, a refused document',
		role: 'representative',
		status: 422,
		go: async (p, l) => {
			await p.goto(app.url + withLang(caseOf('representative', 'inkommen'), l));
			await p.setInputFiles('#dokument-fil', { name: 'stadgar.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Inga stadgar här.\n') });
			const res = await sendUnchecked(p, 'main form[action$="/dokument"]');
			assert.ok(await p.isVisible('#dokument-fil-error'), 'the reason is next to the file field');
			return res;
		},
	},
	{ name: 'inbox', role: 'officer', go: (p, l) => p.goto(app.url + withLang('/handlaggning', l)) },
	{
		name: 'inbox, filtered',
		role: 'officer',
		go: async (p, l) => {
			const res = await p.goto(app.url + withLang('/handlaggning?status=inkommen&handlaggare=ingen&aldre=0', l));
			assert.equal(await p.$eval('#status', (s) => s.value), 'inkommen');
			return res;
		},
	},
	{ name: 'statistics', role: 'officer', go: (p, l) => p.goto(app.url + withLang('/handlaggning/statistik', l)) },
	{ name: 'public diary', role: null, go: (p, l) => p.goto(app.url + withLang('/diarium', l)) },
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

axeSuite(app, 'axe', pages);

// On a 320 px phone the tables scroll inside their own box and the forms
// reflow: what axe finds there (a scrolling box the keyboard cannot reach,
// say) is not on the desktop page.
const narrowPages = [
	['public diary', null, () => '/diarium'],
	['inbox', 'officer', () => '/handlaggning'],
	['statistics', 'officer', () => '/handlaggning/statistik'],
	['case page, officer', 'officer', () => caseOf('officer', 'handlaggning')],
	['Mina sidor with cases', 'representative', () => '/mina-sidor'],
	['registration form', 'representative', () => '/registrera-forening'],
];
describe('axe at 320 px', () => {
	const contexts = {};
	const tabs = {};
	before(async () => {
		for (const role of [null, 'representative', 'officer']) {
			contexts[role] = await contextAs(app, role, { ...PHONE, viewport: { width: 320, height: 640 } });
			tabs[role] = await contexts[role].newPage();
		}
	});
	after(async () => {
		for (const c of Object.values(contexts)) await c.close();
	});
	for (const lang of ['sv', 'en'])
		for (const [name, role, path] of narrowPages)
			test(`${name} (${lang})`, T, async () => {
				const page = tabs[role];
				const res = await page.goto(app.url + withLang(path(), lang === 'en' ? 'en' : 'sv'));
				assert.equal(res.status(), 200);
				const v = await axeViolations(page);
				assert.equal(v.length, 0, describeViolations(`${name} (${lang}, 320 px) ${page.url()}`, v));
			});
});
