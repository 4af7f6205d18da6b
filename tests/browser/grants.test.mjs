// The grant pages in a real browser: axe-core (WCAG 2.0 and 2.1, A and
// AA) on the public list, a programme's page and its easy-read text, and
// the officers' and administrators' programme pages (empty, with errors,
// a stored programme) and the application form (empty and with errors),
// in Swedish and English; and at 320 px the public
// pages fit the width with no sideways scrolling.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, contextAs, withLang, axeSuite, axeViolations, describeViolations, clickThrough, widths, PHONE, T } from './lib/app.mjs';

const app = useApp();

// The smallest file the server takes for a PDF: it checks the bytes, not the name.
const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';

const pages = [
	{
		name: '/bidrag',
		role: null,
		go: async (p, l) => {
			const res = await p.goto(app.url + withLang('/bidrag', l));
			assert.ok(await p.isVisible('a[href="/bidrag/lokalkostnadsbidrag"]'), 'the demo premises grant is listed');
			return res;
		},
	},
	{ name: 'a programme page', role: null, go: (p, l) => p.goto(app.url + withLang('/bidrag/lokalkostnadsbidrag', l)) },
	{ name: 'an easy-read page', role: null, go: (p, l) => p.goto(app.url + withLang('/bidrag/lokalkostnadsbidrag/lattlast', l)) },
	{ name: 'the application form', role: 'representative', go: (p, l) => p.goto(app.url + withLang('/bidrag/lokalkostnadsbidrag/ansok', l)) },
	{
		name: 'the application form with errors',
		role: 'representative',
		status: 422,
		go: async (p, l) => {
			await p.goto(app.url + withLang('/bidrag/lokalkostnadsbidrag/ansok', l));
			await p.fill('#belopp', '-5');
			const res = await clickThrough(p, 'main form.stack button[type=submit]');
			assert.ok(await p.isVisible('.error-summary'), 'the form shows an error summary');
			assert.equal(await p.inputValue('#belopp'), '-5', 'the typed amount is kept');
			return res;
		},
	},
	{ name: '/admin/bidrag', role: 'admin', go: (p, l) => p.goto(app.url + withLang('/admin/bidrag', l)) },
	{ name: '/handlaggning/bidrag/ny', role: 'officer', go: (p, l) => p.goto(app.url + withLang('/handlaggning/bidrag/ny', l)) },
	{
		name: '/admin/bidrag/ny with errors',
		role: 'admin',
		status: 422,
		go: async (p, l) => {
			await p.goto(app.url + withLang('/admin/bidrag/ny', l));
			await p.fill('#budget', '12,5x');
			await p.fill('#oppnar', '2026-05-01');
			await p.fill('#stanger', '2026-04-01');
			const res = await clickThrough(p, 'main form.stack button[type=submit]');
			assert.ok(await p.isVisible('.error-summary'), 'the form shows an error summary');
			assert.equal(await p.inputValue('#budget'), '12,5x', 'the typed budget is kept');
			return res;
		},
	},
	{
		name: "a programme's edit page",
		role: 'officer',
		go: async (p, l) => {
			await p.goto(app.url + withLang('/handlaggning/bidrag', l));
			const href = await p.$eval('main table a', (a) => a.getAttribute('href'));
			const res = await p.goto(app.url + withLang(href, l));
			assert.ok(await p.isVisible('#fraga'), 'the form to add a question is there');
			return res;
		},
	},
];

axeSuite(app, 'grants, axe', pages);

describe('grants at 320 px', () => {
	let context, page;
	before(async () => {
		context = await contextAs(app, null, { ...PHONE, viewport: { width: 320, height: 640 } });
		page = await context.newPage();
	});
	after(async () => context.close());
	for (const path of ['/bidrag', '/bidrag/lokalkostnadsbidrag', '/bidrag/lokalkostnadsbidrag/lattlast'])
		test(path, T, async () => {
			const res = await page.goto(app.url + withLang(path, 'sv'));
			assert.equal(res.status(), 200);
			const w = await widths(page);
			assert.ok(w.scrollWidth <= w.clientWidth, `${path} scrolls sideways at 320 px (${w.scrollWidth} > ${w.clientWidth})`);
			const v = await axeViolations(page);
			assert.equal(v.length, 0, describeViolations(`${path} at 320 px`, v));
		});
});

// An application sent in the browser as a person would, without
// JavaScript: the form with its own questions (a file and a choice) and a
// budget that balances; it becomes a case that the applicant and the
// department's officer read, with no axe violation, in both languages.
describe('grants, an application sent', () => {
	let nojs, rep, officer, casePath;
	before(async () => {
		nojs = await contextAs(app, 'representative', { javaScriptEnabled: false });
		rep = await contextAs(app, 'representative');
		officer = await contextAs(app, 'officer');
	});
	after(async () => {
		for (const c of [nojs, rep, officer]) await c.close();
	});
	test('the representative sends an application', T, async () => {
		const page = await nojs.newPage();
		await page.goto(app.url + '/bidrag/lokalkostnadsbidrag?lang=sv');
		await clickThrough(page, 'main a.button');
		assert.match(new URL(page.url()).pathname, /\/bidrag\/lokalkostnadsbidrag\/ansok$/);
		await page.fill('#belopp', '18 000');
		await page.fill('#syfte', 'Hyra för träningslokalen under våren.');
		await page.fill('#plan', 'Träning tre kvällar i veckan för barn 7–12 år.');
		await page.fill('#kostnad-1', 'Lokalhyra');
		await page.fill('#kostnad-1-belopp', '24 000');
		await page.fill('#intakt-1', 'Medlemsavgifter');
		await page.fill('#intakt-1-belopp', '6 000');
		const file = await page.$('input[type=file]');
		await file.setInputFiles({ name: 'hyresavtal.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
		const choice = await page.$eval('main select[name^="fraga-"]', (s) => s.id);
		await page.selectOption('#' + choice, 'Hyrd lokal');
		const res = await clickThrough(page, 'main form.stack button[type=submit]');
		assert.equal(res.status(), 200, 'the case page after the redirect');
		casePath = new URL(page.url()).pathname;
		assert.match(casePath, /^\/arenden\/FRI-\d{4}-\d{4}$/, `a case of the leisure department: ${page.url()}`);
		const text = await page.textContent('main');
		assert.match(text, /18 000 kr/);
		assert.match(text, /Lokalhyra/);
		assert.match(text, /hyresavtal\.pdf/);
		await page.close();
	});
	for (const lang of ['sv', 'en'])
		for (const who of ['applicant', 'officer'])
			test(`the case page, ${who} (${lang})`, T, async () => {
				assert.ok(casePath, 'the application was sent');
				const page = await (who === 'officer' ? officer : rep).newPage();
				const res = await page.goto(app.url + withLang(casePath, lang));
				assert.equal(res.status(), 200);
				assert.match(await page.textContent('main'), lang === 'sv' ? /Sökt belopp/ : /Amount applied for/);
				const v = await axeViolations(page);
				assert.equal(v.length, 0, describeViolations(`${casePath} as ${who} (${lang})`, v));
				await page.close();
			});
});
