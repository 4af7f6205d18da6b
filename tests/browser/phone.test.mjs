// On a phone (375×667) nothing scrolls sideways; screenshots for a person
// to look at go to /tmp/samverka-shots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, contextAs, widths, screenshot, clickThrough, withLang, PHONE, T } from './lib/app.mjs';

let anon;
let admin;
let adminDesktop;
let narrow;
const app = useApp({
	setup: async () => {
		anon = await contextAs(app, null, PHONE);
		admin = await contextAs(app, 'admin', PHONE);
		adminDesktop = await contextAs(app, 'admin', { viewport: { width: 1280, height: 900 } });
		narrow = await contextAs(app, 'admin', { ...PHONE, viewport: { width: 320, height: 640 } });
	},
});

async function assertNoSideways(page, width = 375) {
	const w = await widths(page);
	assert.ok(w.scrollWidth <= w.clientWidth, `${page.url()} scrolls sideways at ${width} px: scrollWidth ${w.scrollWidth} > clientWidth ${w.clientWidth}`);
	assert.equal(w.clientWidth, width, 'the page is laid out for the phone width (viewport meta)');
}

// Sends the admin form with a name and a bad organisationsnummer.
async function formWithErrors(page) {
	await page.goto(app.url + '/admin/foreningar/ny');
	await page.fill('#namn', 'Skärmbildens förening med ett ganska långt namn');
	await page.fill('#organisationsnummer', '556677-1235');
	await page.fill('#webbplats', 'https://www.example.org/en/mycket/lang/adress/som/inte/far/bryta/layouten');
	const res = await clickThrough(page, 'main form.stack button[type=submit]');
	assert.equal(res.status(), 422);
}

test('the register list fits a phone', T, async () => {
	const page = await anon.newPage();
	await page.goto(app.url + '/foreningar');
	await assertNoSideways(page);
	await screenshot(page, 'register-list-phone');
	await page.close();
	const desk = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
	await desk.goto(app.url + '/foreningar');
	await screenshot(desk, 'register-list-desktop');
	await desk.close();
});

// The associations whose longest word, e-mail or web address is the
// longest in the register: the likeliest to push a phone page sideways.
async function widestAssociations() {
	const items = [];
	for (let page = 1; ; page++) {
		const r = await (await fetch(`${app.url}/api/v1/foreningar?sida=${page}`)).json();
		items.push(...r.items);
		if (r.items.length === 0 || items.length >= r.total) break;
	}
	const longestWord = (x) => Math.max(...`${x.namn} ${x.andamal}`.split(/\s+/).map((w) => w.length));
	const pick = (len) => items.reduce((a, b) => (len(b) > len(a) ? b : a));
	return [...new Set([pick(longestWord), pick((x) => (x.epost || '').length), pick((x) => (x.webbplats || '').length)].map((x) => x.id))];
}

test("an association's page fits a phone", T, async () => {
	const page = await anon.newPage();
	const ids = await widestAssociations();
	assert.ok(ids.length > 0);
	for (const id of ids) {
		await page.goto(`${app.url}/foreningar/${id}`);
		await assertNoSideways(page);
	}
	await page.close();
});

test('the admin form fits a phone, with and without errors', T, async () => {
	const page = await admin.newPage();
	await page.goto(app.url + '/admin/foreningar/ny');
	await assertNoSideways(page);
	await formWithErrors(page);
	await assertNoSideways(page);
	await screenshot(page, 'admin-form-errors-phone');
	await page.close();
	const desk = await adminDesktop.newPage();
	await formWithErrors(desk);
	await screenshot(desk, 'admin-form-errors-desktop');
	await desk.close();
});

test('the admin lists fit a phone', T, async () => {
	const page = await admin.newPage();
	for (const path of ['/admin', '/admin/foreningar', '/admin/anvandare']) {
		await page.goto(app.url + path);
		await assertNoSideways(page);
	}
	await page.close();
});

// WCAG 1.4.10 asks for no sideways scrolling at 320 CSS px: every page type,
// in both languages (English labels and option texts are longer in places).
test('every page type reflows at 320 px', T, async () => {
	const page = await narrow.newPage();
	const ids = await widestAssociations();
	const paths = ['/', '/foreningar', '/foreningar?sida=2', '/foreningar?q=zzqxvjwk', '/logga-in', '/finns-inte', '/mina-sidor',
		...ids.map((id) => `/foreningar/${id}`), '/admin', '/admin/foreningar', '/admin/foreningar/ny', `/admin/foreningar/${ids[0]}`,
		'/admin/forvaltningar', '/admin/omraden', '/admin/malgrupper', '/admin/anvandare'];
	for (const lang of ['sv', 'en'])
		for (const path of paths) {
			await page.goto(app.url + withLang(path, lang));
			await assertNoSideways(page, 320);
		}
	await page.close();
});
