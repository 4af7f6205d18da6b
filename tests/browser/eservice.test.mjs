// The officer decides a yearly update having seen what it changes: the
// representative sends it through the real form, the officer's case page
// shows each register value beside the new one (and says which change),
// in Swedish and in English, with no axe violation; the applicant sees the
// same. Then the officer grants it and the register shows the new values.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { useApp, contextAs, clickThrough, axeViolations, describeViolations, T } from './lib/app.mjs';

const app = useApp();
const NEW_EMAIL = `styrelsen-${Date.now()}@example.se`;
const NEW_MEMBERS = '1234';
let casePath = '';
let oldEmail = '';
let assocPath = '';

// The table of changes as a person reads it: row header → cells.
async function changes(page) {
	return page.$$eval('table.changes tbody tr', (trs) =>
		trs.map((tr) => [tr.querySelector('th').textContent.trim(), ...[...tr.querySelectorAll('td')].map((td) => td.textContent.trim())]),
	);
}

describe('yearly update: the officer sees old and new values', () => {
	test('the representative sends a yearly update through the form', T, async () => {
		const context = await contextAs(app, 'representative');
		const page = await context.newPage();
		await page.goto(app.url + '/mina-sidor?lang=sv');
		const href = await page.$eval('main a[href^="/arsuppdatering/"]', (a) => a.getAttribute('href'));
		assocPath = '/foreningar/' + href.split('/').pop();
		await page.goto(app.url + href);
		oldEmail = await page.inputValue('#epost');
		await page.fill('#styrelse', 'Nora Nilsson, ordförande\nPer Persson, kassör');
		await page.fill('#medlemmar', NEW_MEMBERS);
		await page.fill('#epost', NEW_EMAIL);
		const dir = mkdtempSync(join(tmpdir(), 'samverka-upd-'));
		const pdf = join(dir, 'arsmote.pdf');
		writeFileSync(pdf, '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
		await page.setInputFiles('#protokoll', pdf);
		await clickThrough(page, 'main form button[type=submit]');
		casePath = new URL(page.url()).pathname;
		assert.match(casePath, /^\/arenden\/FRI-\d{4}-\d{4}$/, `the update became a case (at ${page.url()})`);
		await context.close();
	});

	for (const lang of ['sv', 'en']) {
		test(`the officer's case page shows the register's values beside the new ones (${lang})`, T, async () => {
			assert.ok(casePath, 'the update was sent');
			const context = await contextAs(app, 'officer');
			const page = await context.newPage();
			await page.goto(app.url + casePath + '?lang=' + lang);
			const heading = lang === 'sv' ? 'Det här ändras i registret' : 'What changes in the register';
			assert.equal(await page.textContent('#skickat-rubrik'), heading);
			const cols = await page.$$eval('table.changes thead th', (ths) => ths.map((t) => t.textContent.trim()));
			assert.deepEqual(cols, lang === 'sv' ? ['Uppgift', 'I registret nu', 'Skickat', 'Ändras'] : ['Detail', 'In the register now', 'Sent', 'Changes']);
			const rows = await changes(page);
			const email = rows.find((r) => r[0] === (lang === 'sv' ? 'Kontakt-e-post' : 'Contact e-mail'));
			assert.deepEqual(email, [email[0], oldEmail || '–', NEW_EMAIL, lang === 'sv' ? 'Ja' : 'Yes'], 'old e-mail beside the new, marked as a change');
			const members = rows.find((r) => r[0] === (lang === 'sv' ? 'Antal medlemmar' : 'Members'));
			assert.equal(members[2], NEW_MEMBERS);
			assert.match(await page.textContent('main'), /Nora Nilsson, ordförande/);
			// the decision form is on the same page: the officer decides having seen it
			assert.ok(await page.$('form[action$="/beslut"]'), 'the decision form is there');
			const v = await axeViolations(page);
			assert.equal(v.length, 0, describeViolations(`the officer's yearly update (${lang})`, v));
			await context.close();
		});
	}

	test('the applicant sees the same changes on their case page', T, async () => {
		const context = await contextAs(app, 'representative');
		const page = await context.newPage();
		await page.goto(app.url + casePath + '?lang=sv');
		const rows = await changes(page);
		assert.ok(rows.some((r) => r[2] === NEW_EMAIL), 'the applicant sees what they sent');
		const v = await axeViolations(page);
		assert.equal(v.length, 0, describeViolations("the applicant's yearly update", v));
		await context.close();
	});

	test('granted, the register shows the new values', T, async () => {
		const context = await contextAs(app, 'officer');
		const page = await context.newPage();
		await page.goto(app.url + casePath + '?lang=sv');
		await page.check('input[name=utfall][value=bifall]');
		await page.fill('#motivering', 'Uppgifterna stämmer med protokollet.');
		await page.fill('#datum', new Date().toISOString().slice(0, 10));
		await page.fill('#referens', 'FRI delegationsbeslut 2026:12');
		await clickThrough(page, 'form[action$="/beslut"] button[type=submit]');
		assert.match(await page.textContent('main'), /Beslut: Bifall/);
		await page.goto(app.url + assocPath + '?lang=sv');
		assert.match(await page.textContent('main'), new RegExp(NEW_EMAIL.replace(/[.]/g, '\\.')));
		await context.close();
	});
});
