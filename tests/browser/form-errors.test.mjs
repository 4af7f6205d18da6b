// A form with an error keeps what was typed, says what is wrong next to
// the field and in a summary at the top, and the summary leads to the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, contextAs, clickThrough, T } from './lib/app.mjs';

let admin;
const app = useApp({
	setup: async () => {
		admin = await contextAs(app, 'admin');
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
		const described = await page.getAttribute('#organisationsnummer', 'aria-describedby');
		assert.ok((await page.textContent('#' + described)).includes(expected), 'aria-describedby points at the error');
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
