// A form with an error keeps what was typed, says what is wrong next to
// the field and in a summary at the top, and the summary leads to the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useApp, contextAs, clickThrough, freshOrgnr, casesByStatus, T } from './lib/app.mjs';

let admin;
let rep;
let officer;
let officerCases;
let dir;
const app = useApp({
	setup: async () => {
		admin = await contextAs(app, 'admin');
		rep = await contextAs(app, 'representative');
		officer = await contextAs(app, 'officer');
		officerCases = await casesByStatus(app, 'officer');
		dir = mkdtempSync(join(tmpdir(), 'samverka-errors-'));
	},
	teardown: async () => {
		if (dir) rmSync(dir, { recursive: true, force: true });
	},
});

for (const lang of ['sv', 'en']) {
	test(`a bad organisationsnummer keeps the typed values (${lang})`, T, async () => {
		const page = await admin.newPage();
		await page.goto(app.url + '/admin/foreningar/ny?lang=' + lang);
		const name = lang === 'sv' ? 'Föreningen Åkerbär & Söner' : 'The "Blackberry" <Society>';
		await page.fill('#namn', name);
		await page.selectOption('#form', 'stiftelse');
		await page.fill('#organisationsnummer', '556677-1235');
		await page.fill('#andamal', 'Rad ett\nRad två');
		await page.fill('#grundad', '1987');
		await page.check('input[name=omrade] >> nth=1');
		const res = await clickThrough(page, 'main form.stack button[type=submit]');
		assert.equal(res.status(), 422);
		assert.equal(new URL(page.url()).pathname, '/admin/foreningar/ny');

		// What was typed is still there.
		assert.equal(await page.inputValue('#namn'), name);
		assert.equal(await page.inputValue('#organisationsnummer'), '556677-1235');
		assert.equal(await page.$eval('#form', (s) => s.value), 'stiftelse');
		assert.equal(await page.inputValue('#andamal'), 'Rad ett\nRad två');
		assert.equal(await page.inputValue('#grundad'), '1987');
		assert.ok(await page.isChecked('input[name=omrade] >> nth=1'), 'the chosen area stays chosen');

		// The error next to the field, tied to it for screen readers.
		const expected = lang === 'sv' ? 'Kontrollsiffran stämmer inte' : 'The check digit is wrong';
		const field = page.locator('.field:has(#organisationsnummer)');
		assert.match(await field.getAttribute('class'), /\binvalid\b/);
		const err = (await field.locator('.field-error').textContent()).trim();
		assert.ok(err.includes(expected), `error next to the field: ${err}`);
		assert.equal(await page.getAttribute('#organisationsnummer', 'aria-invalid'), 'true');
		// aria-describedby names the error first, then the hint
		const described = (await page.getAttribute('#organisationsnummer', 'aria-describedby')).split(/\s+/);
		assert.ok((await page.textContent('#' + described[0])).includes(expected), 'aria-describedby points at the error');
		// No error on the fields that were fine.
		assert.equal(await page.getAttribute('#namn', 'aria-invalid'), null);

		// The summary at the top, before the form, names the field and the error.
		const summary = page.locator('main .error-summary');
		assert.ok(await summary.isVisible());
		const above = await page.evaluate(() => {
			const s = document.querySelector('main .error-summary');
			const f = document.querySelector('main form.stack');
			return !!(s.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING);
		});
		assert.ok(above, 'the summary comes before the form');
		const links = summary.locator('a');
		assert.equal(await links.count(), 1, 'one error, one link');
		assert.equal(await links.getAttribute('href'), '#organisationsnummer');
		assert.ok((await links.textContent()).includes(expected));

		// Following the link puts the cursor in the field.
		await links.click();
		await page.waitForFunction(() => document.activeElement?.id === 'organisationsnummer');
		// And by keyboard too.
		await links.focus();
		await page.keyboard.press('Enter');
		await page.waitForFunction(() => document.activeElement?.id === 'organisationsnummer');
		await page.close();
	});
}

// The error on a field as a screen reader user meets it: aria-invalid, and
// aria-describedby naming a text that says what is wrong.
async function fieldError(page, id) {
	return page.evaluate((id) => {
		const el = document.getElementById(id);
		const described = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
		return {
			invalid: el.getAttribute('aria-invalid'),
			description: described.map((d) => document.getElementById(d)?.textContent.trim() || `(no #${d})`).join(' | '),
		};
	}, id);
}

for (const lang of ['sv', 'en']) {
	test(`the registration form names a missing board and each missing or wrong document beside itself (${lang})`, T, async () => {
		const sv = lang === 'sv';
		const page = await rep.newPage();
		await page.goto(app.url + '/registrera-forening?lang=' + lang);
		const name = sv ? 'Felformulärets förening' : 'The Error Form Society';
		const orgnr = freshOrgnr();
		await page.fill('#namn', name);
		await page.fill('#organisationsnummer', orgnr);
		await page.check('input[name=omrade] >> nth=2');
		let res = await clickThrough(page, 'main form.stack button[type=submit]');
		assert.equal(res.status(), 422);

		// One summary, above the form, with one link per problem: each
		// missing file is named beside its own field.
		assert.equal(await page.locator('main .error-summary').count(), 1, 'one error summary');
		const links = page.locator('main .error-summary a');
		assert.deepEqual(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['#styrelse', '#stadgar', '#protokoll']);
		const board = await fieldError(page, 'styrelse');
		assert.equal(board.invalid, 'true');
		assert.ok(board.description.includes(sv ? 'Skriv minst en styrelseledamot' : 'Write at least one board member'), board.description);
		const statutes = await fieldError(page, 'stadgar');
		assert.equal(statutes.invalid, 'true');
		assert.ok(statutes.description.includes(sv ? 'Bifoga stadgarna' : 'Attach the statutes'), statutes.description);
		const minutes = await fieldError(page, 'protokoll');
		assert.equal(minutes.invalid, 'true');
		assert.ok(minutes.description.includes(sv ? 'Bifoga det senaste årsmötesprotokollet' : 'Attach the latest annual meeting minutes'), minutes.description);
		assert.ok(!minutes.description.includes(sv ? 'stadgar' : 'statutes'), `the minutes' error is about the minutes: ${minutes.description}`);
		assert.equal(await page.getAttribute('#namn', 'aria-invalid'), null, 'no error on the name');
		assert.equal(await page.inputValue('#namn'), name);
		assert.equal(await page.inputValue('#organisationsnummer'), orgnr);
		assert.ok(await page.isChecked('input[name=omrade] >> nth=2'), 'the chosen area stays chosen');
		await links.nth(0).click();
		await page.waitForFunction(() => document.activeElement?.id === 'styrelse');
		await links.nth(1).click();
		await page.waitForFunction(() => document.activeElement?.id === 'stadgar');
		await links.nth(2).click();
		await page.waitForFunction(() => document.activeElement?.id === 'protokoll');

		// A text file named .pdf is refused by its content.
		writeFileSync(join(dir, 'stadgar.pdf'), 'Det här är inga stadgar.\n');
		writeFileSync(join(dir, 'protokoll.pdf'), '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
		await page.fill('#styrelse', 'Anna Andersson, ordförande');
		await page.setInputFiles('#stadgar', join(dir, 'stadgar.pdf'));
		await page.setInputFiles('#protokoll', join(dir, 'protokoll.pdf'));
		res = await clickThrough(page, 'main form.stack button[type=submit]');
		assert.equal(res.status(), 422);
		assert.equal(await page.inputValue('#styrelse'), 'Anna Andersson, ordförande', 'the board is kept');
		const wrong = await fieldError(page, 'stadgar');
		assert.equal(wrong.invalid, 'true');
		assert.ok(wrong.description.includes(sv ? 'känns igen på sitt innehåll' : 'recognised by their content'), wrong.description);
		assert.deepEqual(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['#stadgar'], 'only the statutes are wrong now');
		// The minutes were fine: not marked wrong, but asked for again,
		// since the browser does not keep a chosen file.
		const kept = await fieldError(page, 'protokoll');
		assert.equal(kept.invalid, null, 'the minutes are not marked wrong');
		assert.ok(kept.description.includes(sv ? 'Välj filen igen' : 'Choose the file again'), kept.description);
		await page.close();
	});
}

for (const lang of ['sv', 'en']) {
	test(`a refused decision names each wrong field and keeps the rest (${lang})`, T, async () => {
		const sv = lang === 'sv';
		const page = await officer.newPage();
		const path = officerCases.handlaggning;
		assert.ok(path, 'the officer has a case being handled');
		await page.goto(app.url + path + '?lang=' + lang);
		await page.check('input[name=utfall][value=delvis]');
		await page.fill('#motivering', 'Delvis enligt riktlinjerna.');
		await page.fill('#referens', '');
		await page.$eval('main form[action$="/beslut"]', (f) => (f.noValidate = true));
		const res = await clickThrough(page, 'main form[action$="/beslut"] button[type=submit]');
		assert.equal(res.status(), 422);

		const links = page.locator('main .error-summary a');
		assert.deepEqual(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['#datum', '#referens']);
		const date = await fieldError(page, 'datum');
		assert.equal(date.invalid, 'true');
		assert.ok(date.description.includes(sv ? 'ÅÅÅÅ-MM-DD' : 'YYYY-MM-DD'), date.description);
		const ref = await fieldError(page, 'referens');
		assert.equal(ref.invalid, 'true');
		assert.ok(ref.description.includes(sv ? 'protokollet' : 'minutes'), ref.description);
		assert.equal(await page.getAttribute('#motivering', 'aria-invalid'), null, 'no error on the reasoning');
		assert.equal(await page.inputValue('#motivering'), 'Delvis enligt riktlinjerna.');
		assert.ok(await page.isChecked('input[name=utfall][value=delvis]'), 'the outcome stays chosen');
		assert.equal(await page.inputValue('#meddelande'), '', 'the message form is left empty');
		await links.nth(1).click();
		await page.waitForFunction(() => document.activeElement?.id === 'referens');
		await page.close();
	});
}
