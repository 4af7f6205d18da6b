// The whole grant flow in a real browser, every step without JavaScript
// as a person would take it, and every page on the way checked by axe-core
// (in a page with JavaScript, which axe needs) in Swedish and English: an
// officer makes a programme with a follow-up report; the representative
// applies with budget rows; the officer asks for completion and the
// representative answers; the officer decides; the representative gives a
// bankgiro account, which an officer approves; the officer plans the
// payout, makes the payment file (read back: the row names the
// decision's diarienummer and the amount), marks it paid; the
// representative sends the follow-up report and the officer approves it.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, contextAs, withLang, axeViolations, describeViolations, clickThrough, T } from './lib/app.mjs';

const app = useApp();

// A day counted from today, as YYYY-MM-DD in Stockholm.
function day(offset) {
	return new Date(Date.now() + offset * 86400000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

describe('grants, the whole flow', () => {
	let admin, officer, rep, seeOfficer, seeRep;
	const s = {}; // what one step leaves for the next
	before(async () => {
		admin = await contextAs(app, 'admin', { javaScriptEnabled: false });
		officer = await contextAs(app, 'officer', { javaScriptEnabled: false });
		rep = await contextAs(app, 'representative', { javaScriptEnabled: false });
		seeOfficer = await contextAs(app, 'officer');
		seeRep = await contextAs(app, 'representative');
	});
	after(async () => {
		for (const c of [admin, officer, rep, seeOfficer, seeRep]) await c.close();
	});

	// axe on a page as it is now, in both languages, for the given side
	async function noViolations(path, who) {
		const page = await (who === 'officer' ? seeOfficer : seeRep).newPage();
		for (const lang of ['sv', 'en']) {
			const res = await page.goto(app.url + withLang(path, lang));
			assert.equal(res.status(), 200, `${path} (${lang})`);
			const v = await axeViolations(page);
			assert.equal(v.length, 0, describeViolations(`${path} as ${who} (${lang})`, v));
		}
		await page.close();
	}

	// the officer's decision on a case page: outcome, reasoning and reference
	async function decide(page, path, outcome, reference) {
		await page.goto(app.url + path + '?lang=sv');
		await page.check(`input[name="utfall"][value="${outcome}"]`);
		await page.fill('#motivering', 'Uppfyller villkoren.');
		await page.fill('#datum', day(0));
		await page.fill('#referens', reference);
		const res = await clickThrough(page, page.locator('main button', { hasText: 'Registrera beslut' }));
		assert.equal(res.status(), 200, `the decision on ${path}`);
		assert.match(await page.textContent('main'), /Beslut: Bifall/);
	}

	test('the officer makes a programme with a follow-up report', T, async () => {
		const page = await officer.newPage();
		await page.goto(app.url + '/handlaggning/bidrag/ny?lang=sv');
		await page.fill('#namn', 'Föreningsstöd hela flödet');
		await page.selectOption('#forvaltning', { index: 1 });
		await page.selectOption('#typ', 'verksamhetsbidrag');
		await page.fill('#oppnar', day(-1));
		await page.fill('#stanger', day(20));
		await page.fill('#budget', '100 000');
		await page.fill('#aterrapport', day(90));
		await page.fill('#regler', 'Stöd till föreningens verksamhet under året.');
		await clickThrough(page, 'main form.stack button[type=submit]');
		assert.match(new URL(page.url()).pathname, /^\/handlaggning\/bidrag\/\d+$/);
		await page.close();
		await noViolations('/bidrag', 'representative');
	});

	test('the representative applies with budget rows', T, async () => {
		const page = await rep.newPage();
		await page.goto(app.url + '/bidrag?lang=sv');
		await clickThrough(page, page.locator('main a', { hasText: 'Föreningsstöd hela flödet' }));
		await clickThrough(page, 'main a.button');
		await page.selectOption('#forening', { index: 1 });
		s.assoc = await page.inputValue('#forening');
		await page.fill('#belopp', '20 000');
		await page.fill('#syfte', 'Träningar och läger för barn.');
		await page.fill('#plan', 'Två kvällar i veckan och ett läger i juni.');
		await page.fill('#kostnad-1', 'Hallhyra');
		await page.fill('#kostnad-1-belopp', '18 000');
		await page.fill('#kostnad-2', 'Lägerplats');
		await page.fill('#kostnad-2-belopp', '6 000');
		await page.fill('#intakt-1', 'Medlemsavgifter');
		await page.fill('#intakt-1-belopp', '4 000');
		await clickThrough(page, 'main form.stack button[type=submit]');
		s.application = new URL(page.url()).pathname;
		assert.match(s.application, /^\/arenden\/FRI-\d{4}-\d{4}$/, page.url());
		s.dnr = s.application.slice('/arenden/'.length);
		await page.close();
		await noViolations(s.application, 'representative');
	});

	test('completion asked for and given', T, async () => {
		const page = await officer.newPage();
		await page.goto(app.url + s.application + '?lang=sv');
		await clickThrough(page, page.locator('main button', { hasText: 'Påbörja handläggning' }));
		await page.fill('#komplettering', 'Skicka lägrets program.');
		await clickThrough(page, page.locator('main button', { hasText: 'Begär komplettering' }));
		const theirs = await rep.newPage();
		await theirs.goto(app.url + s.application + '?lang=sv');
		await theirs.fill('#svar', 'Lägret är 10–14 juni i Skrylle, programmet följer.');
		await clickThrough(theirs, theirs.locator('main button', { hasText: 'Skicka komplettering' }));
		assert.match(await theirs.textContent('main'), /Skrylle/);
		await theirs.close();
		await page.goto(app.url + s.application + '?lang=sv');
		const start = page.locator('main button', { hasText: 'Påbörja handläggning' });
		if (await start.count()) await clickThrough(page, start);
		await page.close();
		await noViolations(s.application, 'officer');
	});

	test('the officer decides', T, async () => {
		const page = await officer.newPage();
		await decide(page, s.application, 'bifall', 'FRN 2026-06-10 § 21');
		assert.match(await page.textContent('#beviljat-rubrik + dl'), /20\s000 kr/);
		s.award = await page.getAttribute('a[href^="/handlaggning/bidrag/beslut/"]', 'href');
		assert.ok(s.award, 'the decided grant leads to its payouts');
		await page.close();
		await noViolations(s.application, 'officer');
		await noViolations(s.application, 'representative');
	});

	test('a bankgiro account, in use once an officer approves it', T, async () => {
		const page = await admin.newPage();
		await page.goto(app.url + '/admin/installningar?lang=sv');
		const fri = await page.$$eval('#kontoforvaltning option', (os) => os.find((o) => o.textContent.includes('Fritid')).value);
		await page.selectOption('#kontoforvaltning', fri);
		await clickThrough(page, page.locator('main form:has(#kontoforvaltning) button[type=submit]'));
		await page.close();

		const theirs = await rep.newPage();
		await theirs.goto(app.url + `/bidrag/konto/${s.assoc}?lang=sv`);
		await theirs.check('#kontotyp');
		await theirs.fill('#kontonummer', '5050-1030');
		await clickThrough(theirs, 'main form.stack button[type=submit]');
		const change = new URL(theirs.url()).pathname;
		assert.match(change, /^\/arenden\/FRI-\d{4}-\d{4}$/, theirs.url());
		await theirs.close();
		await noViolations(change, 'officer');
		const mine = await officer.newPage();
		await decide(mine, change, 'bifall', 'Delegationsbeslut 2026:7');
		await mine.close();
	});

	test('the payout planned, put in the payment file and paid', T, async () => {
		const page = await officer.newPage();
		await page.goto(app.url + s.award + '?lang=sv');
		assert.match(await page.textContent('#konto'), /5050-1030/, 'the approved account');
		await page.fill('#belopp', '20 000');
		await clickThrough(page, 'form[action$="/planera"] button[type=submit]');
		assert.match(await page.textContent('#planerat'), /20\s000 kr/);
		await noViolations(s.award, 'officer');
		await page.goto(app.url + '/handlaggning/bidrag/utbetalningar?lang=sv');
		await clickThrough(page, 'form[method=post][action="/handlaggning/bidrag/utbetalningar"] button[type=submit]');
		const csv = await page.getAttribute('a[href$="/betalfil.csv"]', 'href');
		assert.ok(csv, 'the payment file can be fetched');
		const file = await (await page.request.get(app.url + csv)).text();
		const row = file.split(/\r?\n/).find((l) => l.includes(s.dnr));
		assert.ok(row, `the file has a row for ${s.dnr}:\n${file}`);
		assert.match(row, /20000\.00/);
		assert.match(row, /5050-1030/);
		await noViolations('/handlaggning/bidrag/utbetalningar', 'officer');
		await page.goto(app.url + '/handlaggning/bidrag/utbetalningar?lang=sv');
		await clickThrough(page, page.locator('form[action$="/betald"] button[type=submit]').last());
		await page.goto(app.url + s.award + '?lang=sv');
		assert.match(await page.textContent('#utbetalt'), /20\s000 kr/);
		await page.close();
	});

	test('the follow-up report sent and approved', T, async () => {
		await noViolations('/mina-sidor', 'representative');
		const page = await rep.newPage();
		await page.goto(app.url + '/mina-sidor?lang=sv');
		const id = s.award.split('/').pop();
		await clickThrough(page, `main a[href="/mina-sidor/aterrapporter/${id}"]`);
		await page.fill('#genomfort', 'Trettio barn tränade varje vecka och tjugo var på läger.');
		await page.fill('#kostnad-1', 'Hallhyra');
		await page.fill('#kostnad-1-belopp', '18 000');
		await page.fill('#kostnad-2', 'Lägerplats');
		await page.fill('#kostnad-2-belopp', '6 000');
		await page.fill('#intakt-1', 'Medlemsavgifter');
		await page.fill('#intakt-1-belopp', '4 000');
		await clickThrough(page, 'main form.stack button[type=submit]');
		const report = new URL(page.url()).pathname;
		assert.match(report, /^\/arenden\/FRI-\d{4}-\d{4}$/, page.url());
		await page.close();
		await noViolations(report, 'officer');
		const mine = await officer.newPage();
		await decide(mine, report, 'bifall', 'Delegationsbeslut 2026:8');
		await mine.close();
		await noViolations(report, 'representative');
	});
});
