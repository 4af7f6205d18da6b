// Venue management in a real browser: an officer creates a venue without
// JavaScript (its hours, a price, a closed day and a part, each through
// its own form on the venue's page), and axe-core (WCAG 2.0 and 2.1, A
// and AA) finds nothing on the new pages in Swedish and English: the
// administrators' and officers' lists, the new-venue form (empty and with
// errors, the typed capacity kept), a venue's page and the page with a
// refused hour; at 320 px the list and the venue's page do not scroll
// sideways.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, contextAs, withLang, axeSuite, axeViolations, describeViolations, clickThrough, widths, PHONE, T } from './lib/app.mjs';

const app = useApp();
const name = `Testhallen ${Date.now()}`;
let venuePath = '';

// A day a month from now, YYYY-MM-DD, for the closed day.
function inAMonth() {
	const d = new Date(Date.now() + 30 * 86400 * 1000);
	return d.toISOString().slice(0, 10);
}

describe('a venue created without JavaScript', () => {
	let context, page;
	before(async () => {
		context = await contextAs(app, 'officer', { javaScriptEnabled: false });
		page = await context.newPage();
	});
	after(async () => context.close());

	test('the officer creates the venue', T, async () => {
		await page.goto(app.url + '/handlaggning?lang=sv');
		await clickThrough(page, 'main a[href="/handlaggning/lokaler"]');
		await clickThrough(page, 'main a.button[href="/handlaggning/lokaler/ny"]');
		await page.fill('#namn', name);
		await page.selectOption('#typ', 'idrottshall');
		assert.notEqual(await page.inputValue('#forvaltning'), '', "the officer's own department is chosen");
		await page.fill('#adress', 'Stadiongatan 1');
		const area = await page.$eval('#omrade option:nth-child(2)', (o) => o.value);
		await page.selectOption('#omrade', area);
		await page.fill('#kapacitet', '120');
		await page.check('#steglos');
		await page.check('#hiss');
		const res = await clickThrough(page, 'main form.stack button[type=submit] >> nth=0');
		assert.equal(res.status(), 200);
		venuePath = new URL(page.url()).pathname;
		assert.match(venuePath, /^\/handlaggning\/lokaler\/\d+$/, `the venue's page: ${page.url()}`);
		assert.match(await page.textContent('main .notice'), /Sparat/);
		assert.equal(await page.inputValue('#namn'), name);
		assert.ok(await page.isChecked('#hiss'), 'the lift is kept');
	});

	test('its hours, a price, a closed day and a part', T, async () => {
		assert.ok(venuePath, 'the venue was created');
		await page.fill('#fran-2', '17:00');
		await page.fill('#till-2', '21:30');
		await clickThrough(page, `form[action="${venuePath}/tider"] button[type=submit]`);
		assert.equal(await page.inputValue('#till-2'), '21:30', 'Tuesday closes at 21:30');
		assert.equal(await page.inputValue('#fran-1'), '', 'Monday stays closed');

		await page.fill('#pris-forening', '120,50');
		await clickThrough(page, `form[action="${venuePath}/priser"] button[type=submit]`);
		assert.equal(await page.inputValue('#pris-forening'), '120,50');
		assert.equal(await page.inputValue('#pris-ordinarie'), '', 'not let at the ordinary price');

		const day = inAMonth();
		await page.fill('#dag', day);
		await page.fill('#orsak', 'Golvslipning');
		await clickThrough(page, `form[action="${venuePath}/stangt"] button[type=submit]`);
		const closed = await page.textContent('section[aria-labelledby=stangt] table');
		assert.ok(closed.includes(day) && closed.includes('Golvslipning'), `the closed day is listed: ${closed}`);

		await page.fill('#del-namn', 'Halva A');
		await page.fill('#del-kapacitet', '60');
		await clickThrough(page, `form[action="${venuePath}/delar"] button[type=submit]`);
		assert.match(await page.textContent('section[aria-labelledby=delar] ul'), /Halva A, 60 personer/);

		await page.goto(app.url + '/handlaggning/lokaler?lang=sv');
		const row = await page.textContent(`main tr:has(a:text-is("${name}"))`);
		assert.match(row, /Idrottshall/);
		assert.match(row, /120/);
		assert.match(row, /Halva A/);
	});
});

const pages = [
	{ name: '/admin/lokaler', role: 'admin', go: (p, l) => p.goto(app.url + withLang('/admin/lokaler', l)) },
	{ name: '/admin/lokaler/ny', role: 'admin', go: (p, l) => p.goto(app.url + withLang('/admin/lokaler/ny', l)) },
	{ name: '/handlaggning/lokaler', role: 'officer', go: (p, l) => p.goto(app.url + withLang('/handlaggning/lokaler', l)) },
	{
		name: '/handlaggning/lokaler/ny with errors',
		role: 'officer',
		status: 422,
		go: async (p, l) => {
			await p.goto(app.url + withLang('/handlaggning/lokaler/ny', l));
			await p.fill('#kapacitet', 'tio');
			const res = await clickThrough(p, 'main form.stack button[type=submit]');
			assert.ok(await p.isVisible('.error-summary'), 'the form shows an error summary');
			assert.equal(await p.inputValue('#kapacitet'), 'tio', 'the typed capacity is kept');
			return res;
		},
	},
	{
		name: "a venue's page",
		role: 'officer',
		go: (p, l) => {
			assert.ok(venuePath, 'the venue was created');
			return p.goto(app.url + withLang(venuePath, l));
		},
	},
	{
		name: "the venue's page in the administrators' road",
		role: 'admin',
		go: (p, l) => p.goto(app.url + withLang(venuePath.replace('/handlaggning/', '/admin/'), l)),
	},
	{
		name: "a venue's page with a refused hour",
		role: 'officer',
		status: 422,
		go: async (p, l) => {
			await p.goto(app.url + withLang(venuePath, l));
			await p.fill('#fran-3', '20:00');
			await p.fill('#till-3', '18:00');
			const res = await clickThrough(p, `form[action="${venuePath}/tider"] button[type=submit]`);
			assert.ok(await p.isVisible('.error-summary'), 'the page shows an error summary');
			assert.equal(await p.inputValue('#till-3'), '18:00', 'the typed time is kept');
			return res;
		},
	},
];

axeSuite(app, 'venue management, axe', pages);

describe('venue management at 320 px', () => {
	let context, page;
	before(async () => {
		context = await contextAs(app, 'officer', { ...PHONE, viewport: { width: 320, height: 640 } });
		page = await context.newPage();
	});
	after(async () => context.close());
	for (const which of ['the list', "the venue's page"])
		test(which, T, async () => {
			const path = which === 'the list' ? '/handlaggning/lokaler' : venuePath;
			const res = await page.goto(app.url + withLang(path, 'sv'));
			assert.equal(res.status(), 200);
			const w = await widths(page);
			assert.ok(w.scrollWidth <= w.clientWidth, `${path} scrolls sideways at 320 px (${w.scrollWidth} > ${w.clientWidth})`);
			const v = await axeViolations(page);
			assert.equal(v.length, 0, describeViolations(`${path} at 320 px`, v));
		});
});
