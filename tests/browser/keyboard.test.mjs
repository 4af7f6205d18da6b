// Keyboard use: the skip link, the search form without a mouse, and a
// visible focus indicator on everything Tab reaches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, contextAs, focusState, casesByStatus, PHONE, T } from './lib/app.mjs';

let anon;
let admin;
let rep;
let officer;
let narrow;
let cases;
const app = useApp({
	setup: async () => {
		anon = await contextAs(app, null);
		admin = await contextAs(app, 'admin');
		rep = await contextAs(app, 'representative');
		officer = await contextAs(app, 'officer');
		narrow = await contextAs(app, null, { ...PHONE, viewport: { width: 320, height: 640 } });
		cases = await casesByStatus(app, 'officer');
	},
});

// Presses Tab until the element matching selector has focus; fails after max presses.
async function tabTo(page, selector, max = 40) {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
	}
	assert.fail(`${selector} not reached in ${max} Tab presses on ${page.url()}`);
}

test('the first Tab focuses the skip link and Enter moves focus to main', T, async () => {
	const page = await anon.newPage();
	await page.goto(app.url + '/foreningar');
	await page.keyboard.press('Tab');
	const skip = await page.evaluate(() => {
		const el = document.activeElement;
		const r = el.getBoundingClientRect();
		return { cls: el.className, href: el.getAttribute('href'), text: el.textContent, left: r.left, top: r.top, w: r.width };
	});
	assert.equal(skip.cls, 'skip');
	assert.equal(skip.href, '#main');
	assert.equal(skip.text, 'Hoppa till innehållet');
	assert.ok(skip.left >= 0 && skip.top >= 0 && skip.w > 0, `the focused skip link is on screen: ${JSON.stringify(skip)}`);
	const f = await focusState(page);
	assert.ok(f.visible, `the skip link shows focus: ${JSON.stringify(f)}`);
	await page.keyboard.press('Enter');
	await page.waitForFunction(() => document.activeElement?.id === 'main');
	assert.equal(await page.evaluate(() => document.activeElement.tagName), 'MAIN');
	// The next Tab goes on from main, not back to the header.
	await page.keyboard.press('Tab');
	assert.equal(await page.evaluate(() => document.activeElement.closest('main') !== null), true, 'Tab after the skip link stays in main');
	await page.close();
});

test('the search form can be filled and submitted with the keyboard alone', T, async () => {
	const page = await anon.newPage();
	await page.goto(app.url + '/foreningar');
	const total = await page.textContent('main .count');
	await tabTo(page, '#q');
	await page.keyboard.type('förening');
	await page.keyboard.press('Tab');
	assert.equal(await page.evaluate(() => document.activeElement.id), 'omrade');
	await page.keyboard.press('ArrowDown'); // the first real area
	const area = await page.$eval('#omrade', (s) => s.value);
	assert.notEqual(area, '', 'ArrowDown on the area list chose an area');
	await tabTo(page, 'main form button[type=submit]', 5);
	await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
	const url = new URL(page.url());
	assert.equal(url.pathname, '/foreningar');
	assert.equal(url.searchParams.get('q'), 'förening');
	assert.equal(url.searchParams.get('omrade'), area);
	assert.equal(await page.inputValue('#q'), 'förening', 'the query stays in the field');
	assert.equal(await page.$eval('#omrade', (s) => s.value), area, 'the area stays chosen');
	const count = await page.textContent('main .count');
	assert.notEqual(count, total, 'the search narrowed the list');
	assert.ok((await page.$$('main .cards > li')).length > 0, 'the search found something');
	await page.close();
});

// Tabs through the first stops of a page and checks each shows its focus.
async function everyStopVisible(page, stops) {
	const seen = [];
	for (let i = 0; i < stops; i++) {
		await page.keyboard.press('Tab');
		const f = await focusState(page);
		if (f.tag === 'body') break;
		assert.ok(f.visible, `focus is invisible on <${f.tag}> ${f.label} of ${page.url()}: outline ${f.outline}, box-shadow ${f.boxShadow}`);
		seen.push(f.tag);
	}
	return seen;
}

test('focus is visible on every stop of the register list', T, async () => {
	const page = await anon.newPage();
	await page.goto(app.url + '/foreningar?sida=2');
	const seen = await everyStopVisible(page, 30);
	for (const tag of ['a', 'input', 'select', 'button']) assert.ok(seen.includes(tag), `Tab reached a <${tag}>`);
	await page.close();
});

test('focus is visible on every stop of the admin form', T, async () => {
	const page = await admin.newPage();
	await page.goto(app.url + '/admin/foreningar/ny');
	const seen = await everyStopVisible(page, 60);
	for (const tag of ['input', 'select', 'textarea', 'button']) assert.ok(seen.includes(tag), `Tab reached a <${tag}>`);
	await page.close();
});

test('focus is visible on every stop of the registration form', T, async () => {
	const page = await rep.newPage();
	await page.goto(app.url + '/registrera-forening');
	const seen = await everyStopVisible(page, 80);
	for (const tag of ['input', 'select', 'textarea', 'button']) assert.ok(seen.includes(tag), `Tab reached a <${tag}>`);
	assert.equal(await page.evaluate(() => document.activeElement.closest('footer') !== null || document.activeElement === document.body), true, 'Tab went through the whole form');
	await page.close();
});

test("focus is visible on every stop of the officer's case page", T, async () => {
	assert.ok(cases.handlaggning, 'a demo case being handled');
	const page = await officer.newPage();
	await page.goto(app.url + cases.handlaggning);
	const seen = await everyStopVisible(page, 40);
	for (const tag of ['a', 'input', 'textarea', 'button']) assert.ok(seen.includes(tag), `Tab reached a <${tag}>`);
	await page.close();
});

// A table wider than the phone scrolls in its own box; a keyboard user
// reaches the box with Tab and scrolls it with the arrow keys.
test("on a phone, the diary's table scrolls by keyboard", T, async () => {
	const page = await narrow.newPage();
	await page.goto(app.url + '/diarium');
	const box = page.locator('main .table-wrap');
	const wide = await box.evaluate((el) => el.scrollWidth > el.clientWidth);
	assert.ok(wide, 'the diary table is wider than a 320 px phone (else this test shows nothing)');
	await tabTo(page, 'main .table-wrap');
	const f = await focusState(page);
	assert.ok(f.visible, `the table box shows its focus: ${JSON.stringify(f)}`);
	for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
	// The browser scrolls smoothly: the box gets there a moment later.
	const scrolled = await page
		.waitForFunction(() => document.querySelector('main .table-wrap').scrollLeft > 0, null, { timeout: 5000 })
		.then(() => true, () => false);
	assert.ok(scrolled, 'ArrowRight scrolled the table');
	await page.close();
});
