// Computed grants in a real browser, without JavaScript: the administrator
// sets a premises grant's constants (refused beside the field when one is
// missing, what was typed kept), the representative presses Beräkna and
// sees the computation step by step with what they typed kept, an
// attendance file with a bad row is refused beside the file field with its
// line, and a draft is saved and found again on Mina sidor. axe-core
// (WCAG 2.0 and 2.1, A and AA) finds nothing on any of these pages, in
// Swedish and English.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, contextAs, withLang, clickThrough, axeViolations, describeViolations, widths, screenshot, PHONE, T } from './lib/app.mjs';

const app = useApp();

// A day counted from today, as YYYY-MM-DD.
function day(offset) {
	const d = new Date(Date.now() + offset * 86400000);
	return d.toISOString().slice(0, 10);
}

// axe on the page as it stands. Pages here are drawn without JavaScript,
// where axe cannot run, so the same HTML is read by a page of a context
// with JavaScript, at the site's address (its style sheet applies).
let axeContext;
async function noViolations(page, where) {
	axeContext ??= await app.browser.newContext();
	const html = await page.content();
	const reader = await axeContext.newPage();
	await reader.goto(app.url + '/bidrag');
	await reader.setContent(html);
	const v = await axeViolations(reader);
	await reader.close();
	assert.equal(v.length, 0, describeViolations(`${where} (${page.url()})`, v));
}

// Fills the programme form of /admin/bidrag/ny with a name, a kind and
// the formula's fields, and sends it.
async function newProgramme(page, name, kind, formula) {
	await page.goto(app.url + '/admin/bidrag/ny');
	await page.fill('#namn', name);
	await page.selectOption('#forvaltning', 'FRI');
	await page.selectOption('#typ', kind);
	await page.fill('#oppnar', day(-5));
	await page.fill('#stanger', day(30));
	await page.fill('#budget', '500 000');
	await page.fill('#regler', 'Bidraget räknas ut av föreningens egna uppgifter.');
	for (const [id, value] of Object.entries(formula)) {
		if (id === 'berakning') await page.selectOption('#berakning', value);
		else await page.fill('#' + id, value);
	}
	return clickThrough(page, 'main form.stack button[type=submit]');
}

describe('computed grants without JavaScript', () => {
	let admin, rep, premises, activity;
	before(async () => {
		admin = await contextAs(app, 'admin', { javaScriptEnabled: false });
		rep = await contextAs(app, 'representative', { javaScriptEnabled: false });
	});
	after(async () => {
		for (const c of [admin, rep, axeContext]) await c?.close();
	});

	test('a computed programme without its constants is refused beside the field', T, async () => {
		const page = await admin.newPage();
		const res = await newProgramme(page, 'Lokalbidrag beräknat', 'lokalkostnadsbidrag', {
			berakning: 'medlemmar',
			'per-aktivitet': '69',
		});
		assert.equal(res.status(), 422);
		assert.match(await page.textContent('#per-medlem-error'), /Skriv beloppet per medlem/);
		assert.equal(await page.inputValue('#per-aktivitet'), '69', 'the typed amount per activity is kept');
		assert.equal(await page.inputValue('#namn'), 'Lokalbidrag beräknat');
		await noViolations(page, 'the admin form with a missing constant');
		await page.fill('#per-medlem', '39');
		const saved = await clickThrough(page, 'main form.stack button[type=submit]');
		assert.equal(saved.status(), 200);
		assert.match(await page.textContent('main'), /Sparat/);
		assert.equal(await page.inputValue('#per-medlem'), '39');
		premises = await page.$eval('main a[href^="/bidrag/"]', (a) => a.getAttribute('href'));
		for (const lang of ['sv', 'en']) {
			await page.goto(page.url().replace(/\?.*$/, '') + '?lang=' + lang);
			await noViolations(page, `the computed programme's admin form (${lang})`);
		}
		const res2 = await newProgramme(page, 'Aktivitetsstöd beräknat', 'aktivitetsstod', {
			berakning: 'sammankomster',
			'per-sammankomst': '32',
			'alder-fran': '7',
			'alder-till': '25',
			'minsta-deltagare': '3',
			'sammankomster-fran': day(-180),
			'sammankomster-till': day(0),
		});
		assert.equal(res2.status(), 200);
		activity = await page.$eval('main a[href^="/bidrag/"]', (a) => a.getAttribute('href'));
		await page.close();
	});

	for (const lang of ['sv', 'en'])
		test(`Beräkna shows the computation and keeps what was typed (${lang})`, T, async () => {
			assert.ok(premises, 'the premises grant was made');
			const page = await rep.newPage();
			const res = await page.goto(app.url + withLang(premises + '/ansok', lang));
			assert.equal(res.status(), 200);
			assert.equal(await page.$('#belopp'), null, 'a computed programme asks for no amount');
			await page.fill('#syfte', 'Hyra för klubblokalen.');
			const after = await clickThrough(page, 'button[value=berakna]');
			assert.equal(after.status(), 200);
			const steps = await page.textContent('#berakning-resultat');
			if (lang === 'sv') {
				assert.match(steps, /\d+ medlem(mar)? × 39 kr = [\d ]+ kr/);
				assert.match(steps, /\d+ aktivitet(er)? × 69 kr = [\d ]+ kr/);
				assert.match(steps, /Summa [\d ]+ kr/);
			} else {
				assert.match(steps, /\d+ members? × SEK 39 = SEK [\d,]+/);
				assert.match(steps, /Total SEK [\d,]+/);
			}
			assert.equal(await page.inputValue('#syfte'), 'Hyra för klubblokalen.', 'the purpose is kept');
			await noViolations(page, `the application form with its computation (${lang})`);
			await screenshot(page, `computed-premises-${lang}`);
			await page.close();
		});

	test('an attendance file with a bad row is refused beside the file with its line', T, async () => {
		assert.ok(activity, 'the activity support was made');
		const page = await rep.newPage();
		await page.goto(app.url + activity + '/ansok?lang=sv');
		const csv = `datum,aktivitet,åldrar\n${day(-10)},Fotboll,8 9 12\n${day(-9)},Fotboll,8 tolv 12\n`;
		await page.setInputFiles('#narvarofil', { name: 'narvaro.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		const res = await clickThrough(page, 'button[value=berakna]');
		assert.equal(res.status(), 422);
		assert.match(await page.textContent('#narvarofil-error'), /Rad 3: åldern ”tolv” är inte ett heltal/);
		assert.ok(await page.isVisible('.error-summary a[href="#narvarofil"]'), 'the summary links to the file field');
		await noViolations(page, 'the application form with a refused attendance file');
		await screenshot(page, 'computed-attendance-refused');
		const good = `datum,aktivitet,åldrar\n${day(-10)},Fotboll,8 9 12\n${day(-9)},Fotboll,8 30 40\n`;
		await page.setInputFiles('#narvarofil', { name: 'narvaro.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
		await clickThrough(page, 'button[value=berakna]');
		const steps = await page.textContent('#berakning-resultat');
		assert.match(steps, /1 av 2 sammankomster räknas/);
		assert.match(steps, /1 sammankomst × 32 kr = 32 kr/);
		await noViolations(page, 'the application form with a computed attendance file');
		await page.close();
	});

	test('a draft is saved and found again on Mina sidor', T, async () => {
		const page = await rep.newPage();
		await page.goto(app.url + premises + '/ansok?lang=sv');
		await page.fill('#syfte', 'Ett utkast om lokalhyran.');
		const res = await clickThrough(page, 'button[value=utkast]');
		assert.equal(res.status(), 200);
		assert.match(await page.textContent('main'), /Utkastet är sparat/);
		assert.equal(await page.inputValue('#syfte'), 'Ett utkast om lokalhyran.');
		for (const lang of ['sv', 'en']) {
			await page.goto(app.url + withLang('/mina-sidor', lang));
			const link = page.locator('#bidragsutkast a', { hasText: 'Lokalbidrag beräknat' });
			assert.equal(await link.count(), 1, 'Mina sidor lists the draft');
			await noViolations(page, `Mina sidor with a draft (${lang})`);
		}
		await clickThrough(page, page.locator('#bidragsutkast a', { hasText: 'Lokalbidrag beräknat' }));
		assert.equal(await page.inputValue('#syfte'), 'Ett utkast om lokalhyran.', 'the draft continues');
		await page.close();
	});

	test('the computed forms fit a 320 px phone', T, async () => {
		const phone = await contextAs(app, 'representative', { ...PHONE, viewport: { width: 320, height: 640 } });
		const page = await phone.newPage();
		for (const path of [premises + '/ansok?lang=sv', activity + '/ansok?lang=sv', '/mina-sidor?lang=sv']) {
			const res = await page.goto(app.url + path);
			assert.equal(res.status(), 200);
			const w = await widths(page);
			assert.ok(w.scrollWidth <= w.clientWidth, `${path} scrolls sideways at 320 px (${w.scrollWidth} > ${w.clientWidth})`);
		}
		await phone.close();
	});
});
