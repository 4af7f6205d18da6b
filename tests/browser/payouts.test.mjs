// Payouts in a real browser: axe-core (WCAG 2.0 and 2.1, A and AA) in
// Swedish and English on the representative's account form (empty, and
// refused for a wrong check digit with the number kept), the account
// change's case page for the officer, the officer's payout page of an
// award (as it is, and with a refused plan), the payment-file page and
// Mina sidor with the payouts; without JavaScript an account change is
// sent and a payout planned, put in a payment file and the file marked
// paid; at 320 px the
// account form and the payout page do not scroll sideways.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { useApp, contextAs, withLang, axeSuite, axeViolations, describeViolations, clickThrough, widths, screenshot, PHONE, T } from './lib/app.mjs';

const seeded = { assoc: 0, award: 0 };

// The department for account changes, and a decided grant of 100 000 kr
// to the demo representative's first association, with a case of its own
// in a year no other test numbers (1990).
function seed(app) {
	assert.ok(app.db.startsWith('sqlite:'), `the browser tests' database is SQLite (${app.db})`);
	const file = app.db.replace(/^sqlite:/, '');
	const sql = (q) => execFileSync('sqlite3', ['-bail', '-batch', file], { input: '.timeout 10000\n' + q + '\n' }).toString().trim();
	seeded.assoc = Number(
		sql(
			"SELECT association_id FROM user_roles WHERE role = 'representative' AND user_id = " +
				`(SELECT id FROM users WHERE email = '${app.users.representative.email}') ORDER BY association_id LIMIT 1;`,
		),
	);
	const now = Math.floor(Date.now() / 1000);
	sql(
		[
			'BEGIN;',
			"INSERT INTO settings (key, value) VALUES ('grant_account_department', 'FRI') ON CONFLICT (key) DO UPDATE SET value = 'FRI';",
			'INSERT INTO cases (diarienummer, department_id, year, serial, type, status, title, association_id, payload, created, updated) ' +
				`SELECT 'FRI-1990-0901', id, 1990, 901, 'bidragsansokan', 'beslutad', 'Bidragsansökan, utbetalningsprov', ${seeded.assoc}, '{}', ${now}, ${now} FROM departments WHERE code = 'FRI';`,
			'INSERT INTO grant_awards (case_id, department_id, kind, association_id, year, amount, decided_on, reference, at) ' +
				`SELECT id, department_id, 'verksamhetsbidrag', ${seeded.assoc}, 2026, 10000000, '2026-03-12', 'FRN 2026-03-12 § 14', ${now} FROM cases WHERE diarienummer = 'FRI-1990-0901';`,
			'COMMIT;',
		].join('\n'),
	);
	seeded.award = Number(sql("SELECT w.id FROM grant_awards w JOIN cases c ON c.id = w.case_id WHERE c.diarienummer = 'FRI-1990-0901';"));
	assert.ok(seeded.assoc > 0 && seeded.award > 0, 'the award is seeded');
}

const app = useApp({ setup: async () => seed(app) });
const account = () => `/bidrag/konto/${seeded.assoc}`;
const award = () => `/handlaggning/bidrag/beslut/${seeded.award}`;

const pages = [
	{
		name: 'the account form',
		role: 'representative',
		go: async (p, l) => {
			const res = await p.goto(app.url + withLang(account(), l));
			assert.ok(await p.isVisible('#kontonummer'), 'the form has the number field');
			return res;
		},
	},
	{
		name: 'the account form with a wrong check digit',
		role: 'representative',
		status: 422,
		go: async (p, l) => {
			await p.goto(app.url + withLang(account(), l));
			await p.check('#kontotyp');
			await p.fill('#kontonummer', '5050-1056');
			const res = await clickThrough(p, 'main form.stack button[type=submit]');
			assert.ok(await p.isVisible('#kontonummer-error'), 'the error stands beside the number');
			assert.equal(await p.inputValue('#kontonummer'), '5050-1056', 'the typed number is kept');
			return res;
		},
	},
	{ name: "the officer's decided grants", role: 'officer', go: (p, l) => p.goto(app.url + withLang('/handlaggning/bidrag/beslut', l)) },
	{
		name: 'the payout page',
		role: 'officer',
		go: async (p, l) => {
			const res = await p.goto(app.url + withLang(award(), l));
			assert.ok(await p.isVisible('#belopp'), 'the plan form is there');
			return res;
		},
	},
	{
		name: 'the payout page with a refused plan',
		role: 'officer',
		status: 422,
		go: async (p, l) => {
			await p.goto(app.url + withLang(award(), l));
			await p.fill('#belopp', '200 000');
			const res = await clickThrough(p, 'form[action$="/planera"] button[type=submit]');
			assert.ok(await p.isVisible('#belopp-error'), 'the error stands beside the amount');
			assert.equal(await p.inputValue('#belopp'), '200 000', 'the typed amount is kept');
			return res;
		},
	},
	{ name: 'the payment files', role: 'officer', go: (p, l) => p.goto(app.url + withLang('/handlaggning/bidrag/utbetalningar', l)) },
	{
		name: 'Mina sidor with payouts',
		role: 'representative',
		go: async (p, l) => {
			const res = await p.goto(app.url + withLang('/mina-sidor', l));
			assert.ok(await p.isVisible('#bidrag-utbetalningar'), 'the payouts are on Mina sidor');
			return res;
		},
	},
];

axeSuite(app, 'payouts, axe', pages);

// Without JavaScript, as a person would: the representative asks for an
// account, the officer reads the case and grants it, plans a payout and
// puts it in a payment file and marks the file paid, and the
// representative sees it on Mina sidor.
describe('payouts without JavaScript', () => {
	let rep, officer, reader, casePath;
	before(async () => {
		rep = await contextAs(app, 'representative', { javaScriptEnabled: false });
		officer = await contextAs(app, 'officer', { javaScriptEnabled: false });
		// axe is a script: the officer reads the case with it on
		reader = await contextAs(app, 'officer');
	});
	after(async () => {
		for (const c of [rep, officer, reader]) await c.close();
	});
	test('the representative asks for a bankgiro account from Mina sidor', T, async () => {
		const page = await rep.newPage();
		await page.goto(app.url + '/mina-sidor?lang=sv');
		await clickThrough(page, `a[href="${account()}"]`);
		await page.check('#kontotyp');
		await page.fill('#kontonummer', '5050-1055');
		const res = await clickThrough(page, 'main form.stack button[type=submit]');
		assert.equal(res.status(), 200);
		casePath = new URL(page.url()).pathname;
		assert.match(casePath, /^\/arenden\/FRI-\d{4}-\d{4}$/, `a case of the leisure department: ${page.url()}`);
		assert.match(await page.textContent('#nytt-konto'), /5050-1055/);
		await page.close();
	});
	for (const lang of ['sv', 'en'])
		test(`the officer's page of the account change (${lang})`, T, async () => {
			assert.ok(casePath, 'the change was sent');
			const page = await reader.newPage();
			const res = await page.goto(app.url + withLang(casePath, lang));
			assert.equal(res.status(), 200);
			assert.match(await page.textContent('main'), lang === 'sv' ? /Kontrollera numret/ : /Check the number/);
			const v = await axeViolations(page);
			assert.equal(v.length, 0, describeViolations(`the account change (${lang})`, v));
			await page.close();
		});
	test('the officer grants it, plans a payout and makes the payment file', T, async () => {
		assert.ok(casePath, 'the change was sent');
		const page = await officer.newPage();
		await page.goto(app.url + casePath + '?lang=sv');
		await page.check('#utfall');
		await page.fill('#motivering', 'Numret är kontrollerat med föreningens ordförande.');
		await page.fill('#referens', 'Delegationsbeslut 2026:1');
		if (!(await page.inputValue('#datum'))) await page.fill('#datum', '2026-03-12');
		await clickThrough(page, 'form[action$="/beslut"] button[type=submit]');
		await page.goto(app.url + award() + '?lang=sv');
		assert.match(await page.textContent('#konto'), /5050-1055/, 'the account is approved');
		await page.fill('#belopp', '25 000');
		const res = await clickThrough(page, 'form[action$="/planera"] button[type=submit]');
		assert.equal(res.status(), 200);
		assert.match(await page.textContent('#planerat'), /25 000 kr/);
		await page.goto(app.url + '/handlaggning/bidrag/utbetalningar?lang=sv');
		await clickThrough(page, 'form[method=post][action="/handlaggning/bidrag/utbetalningar"] button[type=submit]');
		assert.match(await page.textContent('main'), /Betalfil \d+ är skapad/);
		assert.ok(await page.isVisible('a[href$="/betalfil.xlsx"]'), 'the file can be fetched');
		await page.close();
	});
	for (const lang of ['sv', 'en'])
		test(`the payment files with a file made (${lang})`, T, async () => {
			const page = await reader.newPage();
			const res = await page.goto(app.url + withLang('/handlaggning/bidrag/utbetalningar', lang));
			assert.equal(res.status(), 200);
			assert.ok(await page.isVisible('form[action$="/betald"]'), 'the file can be marked paid');
			const v = await axeViolations(page);
			assert.equal(v.length, 0, describeViolations(`the payment files (${lang})`, v));
			await page.close();
		});
	test('the officer marks the file paid', T, async () => {
		const page = await officer.newPage();
		await page.goto(app.url + '/handlaggning/bidrag/utbetalningar?lang=sv');
		await clickThrough(page, 'form[action$="/betald"] button[type=submit]');
		assert.match(await page.textContent('main'), /Filens betalningar är markerade som utbetalda/);
		await page.goto(app.url + award() + '?lang=sv');
		assert.match(await page.textContent('#utbetalt'), /25 000 kr/);
		await screenshot(page, 'payout-award');
		await page.close();
	});
	test('the representative sees the payout on Mina sidor', T, async () => {
		const page = await rep.newPage();
		await page.goto(app.url + '/mina-sidor?lang=sv');
		const text = await page.textContent('#bidrag-utbetalningar + section');
		assert.match(text, /25 000 kr/);
		assert.match(text, /Bankgiro 5050-1055/);
		await page.close();
	});
});

describe('payouts at 320 px', () => {
	const phone = { ...PHONE, viewport: { width: 320, height: 640 } };
	for (const [who, path] of [
		['representative', account],
		['officer', award],
	])
		test(`${who}: ${who === 'officer' ? 'the payout page' : 'the account form'}`, T, async () => {
			const context = await contextAs(app, who, phone);
			const page = await context.newPage();
			const res = await page.goto(app.url + withLang(path(), 'sv'));
			assert.equal(res.status(), 200);
			const w = await widths(page);
			assert.ok(w.scrollWidth <= w.clientWidth, `${path()} scrolls sideways at 320 px (${w.scrollWidth} > ${w.clientWidth})`);
			await screenshot(page, `payouts-${who}-phone`);
			await context.close();
		});
});
