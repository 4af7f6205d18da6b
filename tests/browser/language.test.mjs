// The language switch: "English" turns the pages English, and the choice
// stays on the pages that follow until "Svenska" turns it back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, clickThrough, T } from './lib/app.mjs';

const app = useApp();

test('clicking English shows English, and the choice persists', T, async () => {
	const context = await app.browser.newContext();
	const page = await context.newPage();
	await page.goto(app.url + '/foreningar?q=f%C3%B6rening');
	assert.equal(await page.getAttribute('html', 'lang'), 'sv');
	assert.equal(await page.textContent('main h1'), 'Föreningsregistret');

	await clickThrough(page, page.getByRole('link', { name: 'English', exact: true }));
	assert.equal(await page.getAttribute('html', 'lang'), 'en');
	assert.equal(await page.textContent('main h1'), 'The association register');
	assert.equal(await page.inputValue('#q'), 'förening', 'the switch keeps the search');
	assert.ok(await page.isVisible('header a:text-is("Sign in")'));

	// Next page, reached by an ordinary link without ?lang=.
	const href = await page.$eval('main .cards h2 a', (a) => a.getAttribute('href'));
	assert.ok(!href.includes('lang='));
	await clickThrough(page, page.locator('main .cards h2 a').first());
	assert.equal(await page.getAttribute('html', 'lang'), 'en');
	assert.equal(await page.textContent('main h2'), 'Purpose');
	await clickThrough(page, page.getByRole('link', { name: 'Sign in' }));
	assert.equal(await page.getAttribute('html', 'lang'), 'en');
	assert.equal(await page.textContent('main h1'), 'Sign in');
	// A new tab in the same browser remembers it too.
	const other = await context.newPage();
	await other.goto(app.url + '/');
	assert.equal(await other.getAttribute('html', 'lang'), 'en');

	// And back.
	await clickThrough(page, page.getByRole('link', { name: 'Svenska', exact: true }));
	assert.equal(await page.getAttribute('html', 'lang'), 'sv');
	assert.equal(await page.textContent('main h1'), 'Logga in');
	await other.goto(app.url + '/foreningar');
	assert.equal(await other.getAttribute('html', 'lang'), 'sv');
	assert.equal(await other.textContent('main h1'), 'Föreningsregistret');
	await context.close();
});
