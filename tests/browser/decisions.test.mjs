// A grant decided in the browser as the department would, without
// JavaScript: the officer makes a programme with a criterion, the
// representative applies, the officer starts handling, scores the
// criterion and proposes an amount, then records a partly granted
// decision; the applicant reads the amount granted. axe-core finds nothing
// on the case page with the assessment, the refused decision, the decided
// case and the programme's applications, in Swedish and English.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, contextAs, withLang, axeViolations, describeViolations, clickThrough, T } from './lib/app.mjs';

const app = useApp();

// A day counted from today, as YYYY-MM-DD.
function day(offset) {
	return new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
}

async function noViolations(page, where) {
	const v = await axeViolations(page);
	assert.equal(v.length, 0, describeViolations(where, v));
}

describe('grants, a decision', () => {
	let officer, officerJs, rep, programmePath, casePath;
	before(async () => {
		officer = await contextAs(app, 'officer', { javaScriptEnabled: false });
		officerJs = await contextAs(app, 'officer');
		rep = await contextAs(app, 'representative', { javaScriptEnabled: false });
	});
	after(async () => {
		for (const c of [officer, officerJs, rep]) await c.close();
	});

	test('the officer makes a programme with a criterion', T, async () => {
		const page = await officer.newPage();
		await page.goto(app.url + '/handlaggning/bidrag/ny?lang=sv');
		await page.fill('#namn', 'Sommarlovsbidrag för beslutsprovet');
		await page.selectOption('#forvaltning', { index: 1 });
		await page.selectOption('#typ', 'projektbidrag');
		await page.fill('#oppnar', day(-2));
		await page.fill('#stanger', day(30));
		await page.fill('#budget', '50 000');
		await page.fill('#regler', 'Bidrag till sommarlovsaktiviteter för barn och unga.');
		await clickThrough(page, 'main form.stack button[type=submit]');
		programmePath = new URL(page.url()).pathname;
		const refused = (await page.$('.error-summary')) ? await page.textContent('.error-summary') : '';
		assert.match(programmePath, /^\/handlaggning\/bidrag\/\d+$/, `the programme's page: ${page.url()} ${refused}`);
		await page.fill('#kriterium', 'Barn och unga deltar');
		await page.fill('#maxpoang', '5');
		await clickThrough(page, 'form[action$="/kriterier"] button[type=submit]');
		assert.match(await page.textContent('main'), /Barn och unga deltar/);
		await page.close();
	});

	test('the representative applies', T, async () => {
		assert.ok(programmePath, 'the programme exists');
		const page = await rep.newPage();
		await page.goto(app.url + '/bidrag?lang=sv');
		await clickThrough(page, page.locator('main a', { hasText: 'Sommarlovsbidrag för beslutsprovet' }));
		await clickThrough(page, 'main a.button');
		const select = await page.$('#forening');
		if (select && (await select.evaluate((s) => s.tagName)) === 'SELECT') await page.selectOption('#forening', { index: 1 });
		await page.fill('#belopp', '20 000');
		await page.fill('#syfte', 'Kollo för barn under sommarlovet.');
		await page.fill('#plan', 'Två veckor i juli.');
		await page.fill('#kostnad-1', 'Buss och mat');
		await page.fill('#kostnad-1-belopp', '20 000');
		await clickThrough(page, 'main form.stack button[type=submit]');
		casePath = new URL(page.url()).pathname;
		assert.match(casePath, /^\/arenden\/[A-Z]+-\d{4}-\d{4}$/, `a case: ${page.url()}`);
		await page.close();
	});

	test('the officer assesses and decides; refused first, beside the amount', T, async () => {
		assert.ok(casePath, 'the application was sent');
		const page = await officer.newPage();
		const seen = await officerJs.newPage(); // axe runs in a page with JavaScript
		await page.goto(app.url + casePath + '?lang=sv');
		await clickThrough(page, page.locator('main button', { hasText: 'Påbörja handläggning' }));
		assert.ok(await page.isVisible('#bedomning-rubrik'), 'the assessment is on the case page');
		await seen.goto(app.url + casePath + '?lang=sv');
		await noViolations(seen, `${casePath} with the assessment (sv)`);
		await page.fill('main input[name^="poang-"]', '4');
		await page.fill('#forslag', '15 000');
		await clickThrough(page, page.locator('main button', { hasText: 'Spara bedömningen' }));
		assert.match(await page.textContent('#bedomning'), /4\s+av 5/);
		assert.equal(await page.inputValue('#beviljat'), '15000', 'the proposal is the amount to grant');

		for (const p of [seen, page]) {
			if (p === seen) await seen.goto(app.url + casePath + '?lang=sv');
			await p.check('input[name="utfall"][value="delvis"]');
			await p.fill('#motivering', 'Delvis inom ramen för budgeten.');
			await p.fill('#datum', day(0));
			await p.fill('#referens', 'FRN 2026-06-10 § 3');
			await p.fill('#beviljat', '60 000');
			const res = await clickThrough(p, p.locator('main button', { hasText: 'Registrera beslut' }));
			assert.equal(res.status(), 422);
			assert.match(await p.textContent('#beviljat-error'), /mer än det sökta, 20\s000 kr/);
			assert.equal(await p.inputValue('#beviljat'), '60 000', 'the typed amount is kept');
			assert.equal(await p.inputValue('#referens'), 'FRN 2026-06-10 § 3', 'the reference is kept');
		}
		await noViolations(seen, `${casePath} with a refused decision (sv)`);

		await page.fill('#beviljat', '15 000');
		const res = await clickThrough(page, page.locator('main button', { hasText: 'Registrera beslut' }));
		assert.equal(res.status(), 200);
		assert.match(await page.textContent('#beviljat-rubrik + dl'), /15\s000 kr/);
		for (const lang of ['sv', 'en']) {
			await seen.goto(app.url + withLang(casePath, lang));
			await noViolations(seen, `${casePath} decided (${lang})`);
			await seen.goto(app.url + withLang(programmePath + '/ansokningar', lang));
			assert.match(await seen.textContent('main'), lang === 'sv' ? /Beviljat 15\s000 kr/ : /Granted SEK 15,000/);
			await noViolations(seen, `${programmePath}/ansokningar (${lang})`);
		}
		await page.close();
		await seen.close();
	});

	test('the applicant reads the amount granted', T, async () => {
		const page = await rep.newPage();
		for (const [lang, re] of [['sv', /Beviljat belopp\s*15\s000 kr/], ['en', /Amount granted\s*SEK 15,000/]]) {
			await page.goto(app.url + withLang(casePath, lang));
			assert.match(await page.textContent('main'), re);
			assert.ok(!(await page.isVisible('#bedomning-rubrik')), 'no assessment for the applicant');
		}
		await page.close();
	});
});
