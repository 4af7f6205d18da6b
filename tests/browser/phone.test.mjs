// On a phone (375×667) nothing scrolls sideways; screenshots for a person
// to look at go to /tmp/samverka-shots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useApp, contextAs, widths, screenshot, clickThrough, withLang, freshOrgnr, PHONE, T } from './lib/app.mjs';

const NARROW = { ...PHONE, viewport: { width: 320, height: 640 } };
let anon;
let admin;
let adminDesktop;
let narrow;
let dir;
const app = useApp({
	setup: async () => {
		anon = await contextAs(app, null, PHONE);
		admin = await contextAs(app, 'admin', PHONE);
		adminDesktop = await contextAs(app, 'admin', { viewport: { width: 1280, height: 900 } });
		narrow = await contextAs(app, 'admin', NARROW);
		dir = mkdtempSync(join(tmpdir(), 'samverka-phone-'));
	},
	teardown: async () => {
		if (dir) rmSync(dir, { recursive: true, force: true });
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

// The longest things a case page shows: an association name of one long
// word, document names without spaces, a message with a long address.
const LONG_WORD = 'Idrottsföreningsverksamhetsutvecklingssamordningsgruppen';
const LONG_FILE = 'arsmotesprotokoll_med_bilagor_och_underskrifter_2026-03-12_slutlig_version.pdf';
const LONG_URL = 'https://www.example.org/foreningar/dokument/arsmote/2026/protokoll-med-alla-bilagor-och-underskrifter.pdf';

// Applies to register an association whose name, documents and board are
// as long as they come, as the demo representative; returns the case path.
async function applyWithLongNames(page) {
	const pdf = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';
	writeFileSync(join(dir, LONG_FILE), pdf);
	writeFileSync(join(dir, 'stadgar_antagna_vid_konstituerande_motet_2026-01-15_slutlig.pdf'), pdf);
	await page.goto(app.url + '/registrera-forening');
	await page.fill('#namn', `${LONG_WORD} ${Date.now()}`);
	await page.fill('#organisationsnummer', freshOrgnr());
	await page.fill('#webbplats', LONG_URL);
	await page.fill('#styrelse', `Anna Andersson-Bergqvist-Lindström, ordförande\n${LONG_WORD}, kassör`);
	await page.setInputFiles('#stadgar', join(dir, 'stadgar_antagna_vid_konstituerande_motet_2026-01-15_slutlig.pdf'));
	await page.setInputFiles('#protokoll', join(dir, LONG_FILE));
	await clickThrough(page, 'main form.stack button[type=submit]');
	const path = new URL(page.url()).pathname;
	assert.match(path, /^\/arenden\/FRI-\d{4}-\d{4}$/, 'the application was accepted');
	return path;
}

// The registration form, the case page both sides see (with its forms, a
// long message and a decision), the inbox, the statistics and the diary,
// at 375 px and at 320 px, in Swedish and in English. Some 45 pages in five
// signed-in contexts take a minute on an idle two-core machine: three times
// the common limit, so a busy one does not time it out.
test('the case pages, the inbox, the diary and the registration form fit a phone', { timeout: 3 * T.timeout }, async () => {
	const sides = {};
	for (const [key, role, opts] of [
		['rep375', 'representative', PHONE],
		['rep320', 'representative', NARROW],
		['off375', 'officer', PHONE],
		['off320', 'officer', NARROW],
		['anon320', null, NARROW],
	])
		sides[key] = await (await contextAs(app, role, opts)).newPage();
	try {
		const rep = sides.rep375;
		await rep.goto(app.url + '/registrera-forening');
		await assertNoSideways(rep);
		const casePath = await applyWithLongNames(rep);
		await assertNoSideways(rep);

		// The officer takes the case and writes a message with a long address.
		const off = sides.off375;
		await off.goto(app.url + casePath);
		await clickThrough(off, off.getByRole('button', { name: 'Påbörja handläggning' }));
		await off.fill('#meddelande', `Se ${LONG_URL} och ${LONG_WORD}.`);
		await clickThrough(off, 'main form[action$="/meddelande"] button[type=submit]');
		assert.ok((await off.textContent('main ol.messages')).includes(LONG_URL));
		await assertNoSideways(off);
		await screenshot(off, 'case-officer-phone');

		const applicantPaths = ['/registrera-forening', casePath, '/mina-sidor'];
		const officerPaths = [casePath, '/handlaggning', '/handlaggning?status=handlaggning', '/handlaggning/statistik', '/diarium'];
		for (const lang of ['sv', 'en'])
			for (const [width, pages] of [[375, [[sides.rep375, applicantPaths], [sides.off375, officerPaths]]], [320, [[sides.rep320, applicantPaths], [sides.off320, officerPaths], [sides.anon320, ['/diarium']]]]])
				for (const [page, paths] of pages)
					for (const path of paths) {
						await page.goto(app.url + withLang(path, lang));
						await assertNoSideways(page, width);
					}

		// The form with every kind of error, and the decided case.
		for (const [page, width] of [[sides.rep375, 375], [sides.rep320, 320]]) {
			await page.goto(app.url + '/registrera-forening');
			await page.fill('#namn', LONG_WORD);
			await page.fill('#organisationsnummer', '556677-1235');
			const res = await clickThrough(page, 'main form.stack button[type=submit]');
			assert.equal(res.status(), 422);
			await assertNoSideways(page, width);
		}
		await sides.off375.goto(app.url + casePath);
		await sides.off375.check('input[name=utfall][value=bifall]');
		await sides.off375.fill('#motivering', `Föreningen uppfyller villkoren. Se ${LONG_URL}.`);
		await sides.off375.fill('#datum', '2026-03-12');
		await sides.off375.fill('#referens', 'FRI 2026-03-12 § 14');
		await clickThrough(sides.off375, 'main form[action$="/beslut"] button[type=submit]');
		assert.ok(await sides.off375.isVisible('#beslut-rubrik'));
		for (const [page, width] of [[sides.off375, 375], [sides.off320, 320], [sides.rep320, 320]]) {
			await page.goto(app.url + casePath);
			await assertNoSideways(page, width);
		}
	} finally {
		for (const p of Object.values(sides)) await p.context().close();
	}
});
