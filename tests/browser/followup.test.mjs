// Follow-up reports and IOP agreements in a real browser: axe-core (WCAG
// 2.0 and 2.1, A and AA) in Swedish and English on Mina sidor with reports
// due, the report form (empty and with errors, what was typed kept), the
// officers' list of overdue reports, a new application flagged for its
// overdue report, and the IOP intake (empty and with errors); then a
// report and an IOP proposal sent without JavaScript, the officer's
// version and meeting added by keyboard-free form posts, and their case
// pages read by both sides with no axe violation.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { useApp, contextAs, withLang, axeSuite, axeViolations, describeViolations, clickThrough, widths, PHONE, T } from './lib/app.mjs';

const ids = {};

// A day counted from today, as YYYY-MM-DD in Stockholm.
function day(offset) {
	return new Date(Date.now() + offset * 86400000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

// Two decided grants to the demo representative's association of
// programmes with a follow-up report, one due in five days and one three
// days late, and an open new application of the association.
function seed(app) {
	assert.ok(app.db.startsWith('sqlite:'), `the browser tests' database is SQLite (${app.db})`);
	const file = app.db.replace(/^sqlite:/, '');
	const assoc = "(SELECT min(association_id) FROM user_roles WHERE role = 'representative' AND user_id = (SELECT id FROM users WHERE email = 'forening@demo.samverka.se'))";
	const sql = [];
	for (const [slug, name, due, serial] of [
		['webb-uppfoljning-snart', 'Verksamhetsbidrag med återrapport', 5, 9101],
		['webb-uppfoljning-sen', 'Projektbidrag att redovisa', -3, 9102],
	]) {
		sql.push(
			`INSERT INTO grant_programmes (department_id, slug, name, kind, opens, closes, budget, followup_due, created, updated) ` +
				`SELECT id, '${slug}', '${name}', 'verksamhetsbidrag', '2026-01-01', '2026-02-01', 100000000, '${day(due)}', 0, 0 FROM departments WHERE code = 'FRI';`,
			`INSERT INTO cases (diarienummer, department_id, year, serial, type, status, title, association_id, payload, created, updated) ` +
				`SELECT 'FRI-2020-${serial}', id, 2020, ${serial}, 'bidragsansokan', 'beslutad', 'Bidragsansökan, ${name}', ${assoc}, ` +
				`'{"kostnader":[{"vad":"Hallhyra enligt plan","ore":3000000}]}', 0, 0 FROM departments WHERE code = 'FRI';`,
			`INSERT INTO grant_awards (case_id, programme_id, department_id, kind, association_id, year, amount, decided_on, reference, at) ` +
				`SELECT c.id, g.id, g.department_id, 'verksamhetsbidrag', ${assoc}, 2026, 2500000, '2026-03-12', 'FRN 2026-03-12 § 14', 0 ` +
				`FROM cases c, grant_programmes g WHERE c.diarienummer = 'FRI-2020-${serial}' AND g.slug = '${slug}';`,
		);
	}
	sql.push(
		`INSERT INTO cases (diarienummer, department_id, year, serial, type, status, title, association_id, payload, created, updated) ` +
			`SELECT 'FRI-2020-9103', id, 2020, 9103, 'bidragsansokan', 'inkommen', 'Bidragsansökan, ny', ${assoc}, ` +
			`'{"program":"webb-uppfoljning-snart","programnamn":"Verksamhetsbidrag med återrapport","period":"2026-01-01","belopp_ore":1000000,` +
			`"syfte":"Träningar","plan":"Varje vecka","kostnader":[{"vad":"Hallhyra","ore":1000000}],"intakter":[],"svar":[]}', 0, 0 FROM departments WHERE code = 'FRI';`,
	);
	execFileSync('sqlite3', ['-bail', '-batch', file], { input: '.timeout 10000\nBEGIN;\n' + sql.join('\n') + '\nCOMMIT;\n' });
	for (const [key, slug] of [['soon', 'webb-uppfoljning-snart'], ['late', 'webb-uppfoljning-sen']])
		ids[key] = execFileSync('sqlite3', ['-batch', file, `.timeout 10000`, `SELECT w.id FROM grant_awards w JOIN grant_programmes g ON g.id = w.programme_id WHERE g.slug = '${slug}'`])
			.toString()
			.trim();
}

const app = useApp({ setup: async (a) => seed(a) });

const pages = [
	{
		name: 'Mina sidor with reports due',
		role: 'representative',
		go: async (p, l) => {
			const res = await p.goto(app.url + withLang('/mina-sidor', l));
			assert.ok(await p.isVisible(`a[href="/mina-sidor/aterrapporter/${ids.late}"]`), 'the overdue report is linked');
			assert.ok(await p.isVisible('a[href="/iop-avtal/ny"]'), 'the IOP intake is linked');
			return res;
		},
	},
	{ name: 'the report form', role: 'representative', go: (p, l) => p.goto(app.url + withLang(`/mina-sidor/aterrapporter/${ids.late}`, l)) },
	{
		name: 'the report form with errors',
		role: 'representative',
		status: 422,
		go: async (p, l) => {
			await p.goto(app.url + withLang(`/mina-sidor/aterrapporter/${ids.late}`, l));
			await p.fill('#kostnad-1', 'Hallhyra');
			const res = await clickThrough(p, 'main form.stack button[type=submit]');
			assert.ok(await p.isVisible('.error-summary'), 'the form shows an error summary');
			assert.equal(await p.inputValue('#kostnad-1'), 'Hallhyra', 'what was typed is kept');
			return res;
		},
	},
	{
		name: 'the overdue reports',
		role: 'officer',
		go: async (p, l) => {
			const res = await p.goto(app.url + withLang('/handlaggning/bidrag/aterrapporter', l));
			assert.match(await p.textContent('#forsenade'), /Projektbidrag att redovisa 2026/);
			assert.ok(await p.isVisible('#forsenade a[href="/arenden/FRI-2020-9103"]'), 'the new application is flagged');
			return res;
		},
	},
	{
		name: 'a new application flagged',
		role: 'officer',
		go: async (p, l) => {
			const res = await p.goto(app.url + withLang('/arenden/FRI-2020-9103', l));
			assert.ok(await p.isVisible('#forsenad-aterrapport'), 'the overdue report is flagged');
			return res;
		},
	},
	{ name: 'the IOP intake', role: 'representative', go: (p, l) => p.goto(app.url + withLang('/iop-avtal/ny', l)) },
	{
		name: 'the IOP intake with errors',
		role: 'representative',
		status: 422,
		go: async (p, l) => {
			await p.goto(app.url + withLang('/iop-avtal/ny', l));
			await p.check('#villkor-initiativ');
			await p.fill('#motivering-initiativ', 'Föreningen tog initiativet.');
			const res = await clickThrough(p, 'main form.stack button[type=submit]');
			assert.ok(await p.isVisible('.error-summary'), 'the form shows an error summary');
			assert.equal(await p.inputValue('#motivering-initiativ'), 'Föreningen tog initiativet.', 'the justification is kept');
			assert.ok(await p.isVisible('#motivering-konkurrens-error'), 'the missing justification is named beside its field');
			return res;
		},
	},
];

axeSuite(app, 'follow-up and IOP, axe', pages);

// Without JavaScript, as a person fills them in: a report and an IOP
// proposal become cases; the officer adds a version of the agreement and
// a follow-up meeting; both sides read the pages in both languages.
describe('follow-up and IOP, sent', () => {
	let nojs, rep, officerNojs, officer, reportPath, iopPath;
	before(async () => {
		nojs = await contextAs(app, 'representative', { javaScriptEnabled: false });
		rep = await contextAs(app, 'representative');
		officerNojs = await contextAs(app, 'officer', { javaScriptEnabled: false });
		officer = await contextAs(app, 'officer');
	});
	after(async () => {
		for (const c of [nojs, rep, officerNojs, officer]) await c.close();
	});
	test('the representative sends a report', T, async () => {
		const page = await nojs.newPage();
		await page.goto(app.url + '/mina-sidor?lang=sv');
		await clickThrough(page, `main a[href="/mina-sidor/aterrapporter/${ids.soon}"]`);
		await page.fill('#genomfort', 'Träningar varje vecka för 40 barn.');
		await page.fill('#kostnad-1', 'Hallhyra');
		await page.fill('#kostnad-1-belopp', '20 000');
		const res = await clickThrough(page, 'main form.stack button[type=submit]');
		assert.equal(res.status(), 200, 'the case page after the redirect');
		reportPath = new URL(page.url()).pathname;
		assert.match(reportPath, /^\/arenden\/FRI-\d{4}-\d{4}$/);
		assert.match(await page.textContent('main'), /5000 kr/, 'what was not used');
		await page.close();
	});
	test('the representative proposes an IOP agreement', T, async () => {
		const page = await nojs.newPage();
		await page.goto(app.url + '/mina-sidor?lang=sv');
		await clickThrough(page, 'main a[href="/iop-avtal/ny"]');
		await page.selectOption('#forvaltning', 'FRI');
		for (const c of ['initiativ', 'upphandling', 'konkurrens', 'allmannytta']) {
			await page.check(`#villkor-${c}`);
			await page.fill(`#motivering-${c}`, `Därför att ${c} stämmer för oss.`);
		}
		await page.fill('#parter', 'Föreningen\nFritidsförvaltningen');
		await page.fill('#syfte', 'Läxhjälp och idrott för unga.');
		await page.fill('#forsta-ar', '2027');
		await page.fill('#sista-ar', '2028');
		await page.fill('#arsbelopp', '300 000');
		const res = await clickThrough(page, 'main form.stack button[type=submit]');
		assert.equal(res.status(), 200);
		iopPath = new URL(page.url()).pathname;
		assert.match(iopPath, /^\/arenden\/FRI-\d{4}-\d{4}$/);
		await page.close();
	});
	test('the officer adds a version and a meeting', T, async () => {
		const page = await officerNojs.newPage();
		await page.goto(app.url + iopPath + '?lang=sv');
		await page.fill('#avtalstext', '§ 1 Läxhjälp två kvällar i veckan.');
		await clickThrough(page, 'form[action$="/avtalsversion"] button[type=submit]');
		await page.fill('#motesdatum', '2026-05-20');
		await page.fill('#anteckningar', 'Trettio unga kom varje vecka.');
		await clickThrough(page, 'form[action$="/uppfoljningsmote"] button[type=submit]');
		const text = await page.textContent('main');
		assert.match(text, /Version 1/);
		assert.match(text, /Trettio unga kom varje vecka\./);
		await page.close();
	});
	for (const lang of ['sv', 'en'])
		test(`a refused version of the agreement (${lang})`, T, async () => {
			assert.ok(iopPath, 'the IOP was proposed');
			const page = await officer.newPage();
			await page.goto(app.url + withLang(iopPath, lang));
			await page.fill('#avtalstext', '   ');
			const res = await clickThrough(page, 'form[action$="/avtalsversion"] button[type=submit]');
			assert.equal(res.status(), 422);
			assert.ok(await page.isVisible('#avtalstext-error'), 'the reason is beside the field');
			const v = await axeViolations(page);
			assert.equal(v.length, 0, describeViolations(`the refused version (${lang})`, v));
			await page.close();
		});
	for (const lang of ['sv', 'en'])
		for (const who of ['representative', 'officer'])
			for (const which of ['report', 'IOP'])
				test(`the ${which} case page, ${who} (${lang})`, T, async () => {
					const path = which === 'report' ? reportPath : iopPath;
					assert.ok(path, `the ${which} was sent`);
					const page = await (who === 'officer' ? officer : rep).newPage();
					const res = await page.goto(app.url + withLang(path, lang));
					assert.equal(res.status(), 200);
					const v = await axeViolations(page);
					assert.equal(v.length, 0, describeViolations(`${path} as ${who} (${lang})`, v));
					await page.close();
				});
	test('the report form and the IOP case page at 320 px', T, async () => {
		const context = await contextAs(app, 'representative', { ...PHONE, viewport: { width: 320, height: 640 } });
		const page = await context.newPage();
		for (const path of [`/mina-sidor/aterrapporter/${ids.late}`, iopPath, '/mina-sidor']) {
			await page.goto(app.url + path);
			const w = await widths(page);
			assert.ok(w.scrollWidth <= w.clientWidth, `${path} scrolls sideways at 320 px (${w.scrollWidth} > ${w.clientWidth})`);
		}
		await context.close();
	});
});
