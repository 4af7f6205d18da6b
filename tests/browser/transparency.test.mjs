// The grant system's public figures in a real browser: axe-core (WCAG 2.0
// and 2.1, A and AA) on /bidrag/beviljade (whole and filtered, a later
// page), /bidrag/statistik and an association's page with its grants, in
// Swedish and English; the filter form used without JavaScript, by
// keyboard, its choice kept and the total shown; at 320 px no sideways
// scrolling, the wide tables in boxes that scroll by themselves.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { binaryPath } from './lib/server.mjs';
import { useApp, contextAs, withLang, axeSuite, axeViolations, describeViolations, clickThrough, widths, PHONE, T } from './lib/app.mjs';

// The tests' demo has no history; its ten years of decided grants (the
// 2018 sums the same) are added to it, as `samverka demo` adds them to a
// database that has none.
const app = useApp({
	setup: (a) => execFileSync(binaryPath(), ['demo', '--no-history', '--grant-awards', '3000', '--db', a.db], { stdio: 'ignore' }),
});

// An association on the list's first page that the register shows.
async function grantedAssociation(page) {
	await page.goto(app.url + '/bidrag/beviljade?lang=sv');
	return page.$eval('main table a[href^="/foreningar/"]', (a) => a.getAttribute('href'));
}

const pages = [
	{
		name: '/bidrag/beviljade',
		role: null,
		go: async (p, l) => {
			const res = await p.goto(app.url + withLang('/bidrag/beviljade', l));
			assert.ok(await p.isVisible('main table'), 'the decided grants are listed');
			return res;
		},
	},
	{ name: '/bidrag/beviljade filtered', role: null, go: (p, l) => p.goto(app.url + withLang('/bidrag/beviljade?ar=2018&forvaltning=FUN&typ=organisationsbidrag', l)) },
	{ name: '/bidrag/beviljade page 3', role: null, go: (p, l) => p.goto(app.url + withLang('/bidrag/beviljade?sida=3', l)) },
	{ name: '/bidrag/beviljade with nothing', role: null, go: (p, l) => p.goto(app.url + withLang('/bidrag/beviljade?ar=1999', l)) },
	{
		name: '/bidrag/statistik',
		role: null,
		go: async (p, l) => {
			const res = await p.goto(app.url + withLang('/bidrag/statistik', l));
			assert.equal(await p.locator('main figure.chart').count(), 5, 'five charts');
			return res;
		},
	},
	{
		name: "an association's page with its grants",
		role: null,
		go: async (p, l) => {
			const href = await grantedAssociation(p);
			const res = await p.goto(app.url + withLang(href, l));
			assert.ok(await p.isVisible('#bidrag-per-ar'), 'the grants per year are shown');
			return res;
		},
	},
];

axeSuite(app, 'transparency, axe', pages);

describe('transparency without JavaScript', () => {
	let context;
	before(async () => {
		context = await contextAs(app, null, { javaScriptEnabled: false });
	});
	after(async () => context.close());
	test('the filter form by keyboard', T, async () => {
		const page = await context.newPage();
		await page.goto(app.url + '/bidrag/beviljade?lang=sv');
		await page.focus('#ar');
		await page.selectOption('#ar', '2018');
		await page.selectOption('#forvaltning', { label: 'Funktionsstödsförvaltningen' });
		await page.focus('main form.filters button[type=submit]');
		const [res] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
		assert.equal(res.status(), 200);
		const url = new URL(page.url());
		assert.equal(url.searchParams.get('ar'), '2018');
		assert.equal(url.searchParams.get('forvaltning'), 'FUN');
		assert.equal(await page.inputValue('#ar'), '2018', 'the chosen year is kept');
		const summary = await page.textContent('#summa');
		assert.match(summary, /^(\d+) beviljade bidrag, sammanlagt 12 500 000 kr/, 'the total of the selection');
		assert.equal(await page.locator('main tbody tr').count(), Number(summary.match(/^\d+/)[0]));
		await page.close();
	});
	test('paging', T, async () => {
		const page = await context.newPage();
		await page.goto(app.url + '/bidrag/beviljade?lang=sv');
		await clickThrough(page, 'nav.pager a[rel=next]');
		assert.equal(new URL(page.url()).searchParams.get('sida'), '2');
		assert.match(await page.textContent('#summa'), /sida 2 av \d+/);
		await page.close();
	});
});

describe('transparency at 320 px', () => {
	let context, page;
	before(async () => {
		context = await contextAs(app, null, { ...PHONE, viewport: { width: 320, height: 640 } });
		page = await context.newPage();
	});
	after(async () => context.close());
	for (const path of ['/bidrag/beviljade', '/bidrag/beviljade?ar=2018', '/bidrag/statistik', 'association'])
		test(path, T, async () => {
			const to = path === 'association' ? await grantedAssociation(page) : path;
			const res = await page.goto(app.url + withLang(to, 'sv'));
			assert.equal(res.status(), 200);
			const w = await widths(page);
			assert.ok(w.scrollWidth <= w.clientWidth, `${to} scrolls sideways at 320 px (${w.scrollWidth} > ${w.clientWidth})`);
			const v = await axeViolations(page);
			assert.equal(v.length, 0, describeViolations(`${to} at 320 px`, v));
		});
});
