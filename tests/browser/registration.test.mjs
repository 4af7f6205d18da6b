// The registration e-service from start to end, in a real browser and by
// keyboard where a person would use it: a new user applies to register an
// association, the officer asks for completion, the applicant completes,
// the officer grants it, and the association appears in the public
// register with the whole story on the case page.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useApp, contextAs, addUser, freshOrgnr, screenshot, T } from './lib/app.mjs';

// The smallest file the server takes for a PDF: it checks the bytes, not the name.
const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';
const REFERENCE = 'FRI 2026-03-12 § 14';

const tag = Date.now().toString(36);
const name = `Ängslyckans Kajakklubb ${tag}`;
const applicantUser = {
	email: `kajak-${tag}@example.org`,
	name: 'Karin Kajaksson',
	role: 'representative',
	password: `paddla-${tag}-lugnt`,
};
let dir;
let applicant;
let officer;
let anon;
const app = useApp({
	setup: async () => {
		dir = mkdtempSync(join(tmpdir(), 'samverka-upload-'));
		for (const f of ['stadgar.pdf', 'protokoll-2026.pdf', 'reviderade-stadgar.pdf']) writeFileSync(join(dir, f), PDF);
		addUser(app, applicantUser);
		applicant = await contextAs(app, applicantUser);
		officer = await contextAs(app, 'officer');
		anon = await contextAs(app, null);
	},
	teardown: async () => {
		for (const c of [applicant, officer, anon]) await c?.close();
		if (dir) rmSync(dir, { recursive: true, force: true });
	},
});

// Puts the keyboard focus on an element and types, as a person tabbing
// through the form would.
async function typeInto(page, selector, text) {
	await page.focus(selector);
	await page.keyboard.type(text);
}

// Ticks a checkbox or a radio button with the space bar.
async function tick(page, locator) {
	await locator.focus();
	await page.keyboard.press('Space');
	assert.ok(await locator.isChecked(), 'Space ticks the box');
}

// Sends a form by pressing Enter on its button; returns the response of the
// page it leads to.
async function pressSubmit(page, button) {
	const el = typeof button === 'string' ? page.locator(button) : button;
	await el.focus();
	const [res] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
	return res;
}

// What a case page says: the facts list as a map, the status, the
// messages, the documents and the history, in page order.
async function casePage(page) {
	return page.evaluate(() => {
		const facts = {};
		const dl = document.querySelector('main dl.facts');
		for (const dt of dl.querySelectorAll('dt')) facts[dt.textContent.trim()] = dt.nextElementSibling.textContent.trim();
		const text = (sel) => [...document.querySelectorAll(sel)].map((e) => e.textContent.replace(/\s+/g, ' ').trim());
		return {
			h1: document.querySelector('main h1').textContent.trim(),
			facts,
			notice: document.querySelector('main .notice[role=status]')?.textContent.trim() || null,
			messages: text('main ol.messages > li'),
			documents: text('main a[href*="/dokument/"]'),
			trail: text('main ol.trail > li'),
			decision: document.querySelector('section[aria-labelledby=beslut-rubrik]')?.textContent.replace(/\s+/g, ' ').trim() || null,
		};
	});
}

// The trail entries in order, each reduced to what happened (after the
// time and the person): "ärendet skapades (…)", "status ändrad (…)".
function happenings(trail) {
	return trail.map((t) => t.replace(/^[\d-]+ [\d:]+ – [^:]+: /, ''));
}

// Whether a trail entry is the status change from → to; the trail may name
// a status by its code or by its Swedish name.
const STATUS_NAMES = { inkommen: 'Inkommen', handlaggning: 'Under handläggning', komplettering: 'Komplettering begärd', beslutad: 'Beslutad' };
function statusChange(from, to, detail = '') {
	return (x) =>
		[`${from} → ${to}`, `${STATUS_NAMES[from]} → ${STATUS_NAMES[to]}`].some((s) => x.toLowerCase() === `status ändrad (${s}${detail})`.toLowerCase());
}

describe('registering an association, from application to the register', () => {
	let dnr;
	let casePath;

	test('a new user applies to register an association', T, async () => {
		const page = await applicant.newPage();
		await page.goto(app.url + '/mina-sidor');
		assert.match(await page.textContent('main'), /Du har inga ärenden/);
		// Mina sidor leads to the form; the link is followed by keyboard.
		await page.focus('main a[href="/registrera-forening"]');
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
		assert.equal(new URL(page.url()).pathname, '/registrera-forening');
		assert.equal(await page.textContent('main h1'), 'Registrera en förening');

		await typeInto(page, '#namn', name);
		await page.selectOption('#form', 'ideell');
		await typeInto(page, '#organisationsnummer', freshOrgnr());
		await typeInto(page, '#andamal', 'Paddling för alla åldrar på kanalerna.\nNybörjarkurser varje vår.');
		await typeInto(page, '#epost', `styrelsen-${tag}@example.org`);
		await typeInto(page, '#grundad', '2025');
		await typeInto(page, '#medlemmar', '42');
		await tick(page, page.getByRole('checkbox', { name: 'Västra hamnen' }));
		await tick(page, page.getByRole('checkbox', { name: 'Unga' }));
		await typeInto(page, '#styrelse', 'Karin Kajaksson, ordförande\nPelle Paddel, kassör');
		await page.setInputFiles('#stadgar', join(dir, 'stadgar.pdf'));
		await page.setInputFiles('#protokoll', join(dir, 'protokoll-2026.pdf'));
		assert.ok(await page.isChecked('input[name=offentlig]'), 'shown in the public register unless unticked');
		await screenshot(page, 'registration-form');

		const res = await pressSubmit(page, 'main form button[type=submit]');
		assert.equal(res.status(), 200, `the application is accepted: ${page.url()}`);
		const url = new URL(page.url());
		const m = url.pathname.match(/^\/arenden\/(FRI-\d{4}-\d{4})$/);
		assert.ok(m, `the applicant lands on the new case page: ${page.url()}`);
		dnr = m[1];
		casePath = url.pathname;
		const c = await casePage(page);
		assert.equal(c.h1, `Registrering: ${name}`);
		assert.equal(c.notice, 'Klart.');
		assert.equal(c.facts['Diarienummer'], dnr);
		assert.equal(c.facts['Status'], 'Inkommen');
		assert.equal(c.facts['Ärendetyp'], 'Föreningsregistrering');
		assert.equal(c.facts['Sökande'], applicantUser.name);
		assert.equal(c.facts['Handläggare'], 'Inte tilldelad');
		assert.deepEqual(c.documents, ['stadgar.pdf', 'protokoll-2026.pdf']);
		assert.ok(happenings(c.trail).some((h) => h.startsWith('ärendet skapades')), c.trail.join('\n'));
		await page.close();
	});

	test('the application is in the public diary but the association is not yet in the register', T, async () => {
		assert.ok(dnr, 'needs the application');
		const page = await anon.newPage();
		await page.goto(app.url + '/diarium');
		const row = page.locator('main tbody tr', { hasText: dnr });
		assert.equal(await row.count(), 1, `${dnr} is in the diary`);
		assert.ok((await row.textContent()).includes('Föreningsregistrering'));
		assert.ok(!(await page.textContent('main')).includes(applicantUser.name), 'the diary names no applicant');
		await page.goto(app.url + '/foreningar?q=' + encodeURIComponent(name));
		assert.match(await page.textContent('main .count'), /^\s*0 /, 'not in the register before the decision');
		await page.close();
	});

	test('the officer finds the case in the inbox, takes it and asks for completion', T, async () => {
		assert.ok(dnr, 'needs the application');
		const page = await officer.newPage();
		await page.goto(app.url + '/handlaggning');
		await page.selectOption('#status', 'inkommen');
		await pressSubmit(page, 'main form.filters button[type=submit]');
		assert.equal(new URL(page.url()).searchParams.get('status'), 'inkommen');
		const statuses = await page.$$eval('main tbody tr td:nth-child(3)', (tds) => tds.map((td) => td.textContent.trim()));
		assert.ok(statuses.length > 0 && statuses.every((s) => s === 'Inkommen'), `only received cases: ${statuses}`);
		const link = page.locator(`main tbody a[href="${casePath}"]`);
		assert.equal(await link.count(), 1, `${dnr} is in the filtered inbox`);
		await link.focus();
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
		assert.equal(new URL(page.url()).pathname, casePath);

		await pressSubmit(page, page.getByRole('button', { name: 'Tilldela mig' }));
		let c = await casePage(page);
		assert.equal(c.notice, 'Klart.');
		assert.notEqual(c.facts['Handläggare'], 'Inte tilldelad');
		await pressSubmit(page, page.getByRole('button', { name: 'Påbörja handläggning' }));
		c = await casePage(page);
		assert.equal(c.facts['Status'], 'Under handläggning');
		await screenshot(page, 'case-officer-handling');

		await typeInto(page, '#komplettering', 'Stadgarna saknar underskrift. Skicka in de undertecknade stadgarna.');
		await pressSubmit(page, page.getByRole('button', { name: 'Begär komplettering' }));
		c = await casePage(page);
		assert.equal(c.facts['Status'], 'Komplettering begärd');
		assert.equal(c.messages.length, 1);
		assert.ok(c.messages[0].includes('Stadgarna saknar underskrift.'));
		assert.equal(await page.locator('#komplettering').count(), 0, 'no second request while waiting for the answer');
		await page.close();
	});

	test('the applicant sees the request on Mina sidor and completes the case', T, async () => {
		assert.ok(dnr, 'needs the application');
		const page = await applicant.newPage();
		await page.goto(app.url + '/mina-sidor');
		const row = page.locator('main tbody tr', { has: page.locator(`a[href="${casePath}"]`) });
		assert.equal(await row.count(), 1, `${dnr} is on Mina sidor`);
		const rowText = (await row.textContent()).replace(/\s+/g, ' ');
		assert.ok(rowText.includes('Komplettering begärd'), rowText);
		assert.ok(rowText.includes('1 olästa'), `the unread message is flagged: ${rowText}`);

		await row.locator('a').focus();
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
		let c = await casePage(page);
		assert.equal(c.facts['Status'], 'Komplettering begärd');
		assert.ok(c.messages[0].includes('Stadgarna saknar underskrift.'), 'the officer’s message is on the case page');
		await typeInto(page, '#svar', 'Här kommer de undertecknade stadgarna.');
		await page.setInputFiles('#fil', join(dir, 'reviderade-stadgar.pdf'));
		await pressSubmit(page, page.getByRole('button', { name: 'Skicka komplettering' }));
		c = await casePage(page);
		assert.equal(c.facts['Status'], 'Inkommen');
		assert.equal(c.messages.length, 2);
		assert.ok(c.messages[1].includes('Här kommer de undertecknade stadgarna.'));
		assert.ok(c.documents.includes('reviderade-stadgar.pdf'), `the new document is listed: ${c.documents}`);
		assert.equal(await page.locator('#svar').count(), 0, 'nothing left to complete');

		// Read now: Mina sidor no longer flags it.
		await page.goto(app.url + '/mina-sidor');
		const again = (await row.textContent()).replace(/\s+/g, ' ');
		assert.ok(!again.includes('olästa'), again);
		await page.close();
	});

	test('the officer grants the registration', T, async () => {
		assert.ok(dnr, 'needs the application');
		const page = await officer.newPage();
		await page.goto(app.url + '/handlaggning');
		const row = page.locator('main tbody tr', { has: page.locator(`a[href="${casePath}"]`) });
		assert.ok((await row.textContent()).includes('1 olästa'), 'the answer is flagged in the inbox');
		await page.goto(app.url + casePath);
		let c = await casePage(page);
		assert.equal(c.facts['Status'], 'Inkommen');
		assert.ok(c.messages[1].includes('Här kommer de undertecknade stadgarna.'));

		await pressSubmit(page, page.getByRole('button', { name: 'Påbörja handläggning' }));
		await tick(page, page.getByRole('radio', { name: 'Bifall', exact: true }));
		await typeInto(page, '#motivering', 'Föreningen uppfyller villkoren för registrering.');
		await page.fill('#beslutsfattare', '');
		await typeInto(page, '#beslutsfattare', 'Fritidsnämndens arbetsutskott');
		await page.fill('#datum', '2026-03-12');
		await typeInto(page, '#referens', REFERENCE);
		await pressSubmit(page, page.getByRole('button', { name: 'Registrera beslut' }));
		c = await casePage(page);
		assert.equal(c.facts['Status'], 'Beslutad');
		assert.ok(c.decision, 'the decision is on the case page');
		assert.ok(c.decision.startsWith('Beslut: Bifall'), c.decision);
		for (const part of ['Föreningen uppfyller villkoren för registrering.', 'Fritidsnämndens arbetsutskott', '2026-03-12', REFERENCE])
			assert.ok(c.decision.includes(part), `the decision shows ${part}: ${c.decision}`);
		assert.equal(await page.locator('#motivering').count(), 0, 'no second decision');
		await screenshot(page, 'case-officer-decided');
		await page.close();
	});

	test('the association is in the public register', T, async () => {
		assert.ok(dnr, 'needs the application');
		const page = await anon.newPage();
		await page.goto(app.url + '/foreningar');
		await typeInto(page, '#q', name);
		await pressSubmit(page, 'main form button[type=submit]');
		assert.match(await page.textContent('main .count'), /^\s*1 /, `one hit for ${name}`);
		const link = page.locator('main .cards h2 a');
		assert.equal((await link.textContent()).trim(), name);
		await link.focus();
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
		assert.equal((await page.textContent('main h1')).trim(), name);
		const body = await page.textContent('main');
		assert.ok(body.includes('Paddling för alla åldrar på kanalerna.'), 'the purpose as applied for');
		assert.ok(body.includes('Västra hamnen'), 'the area as applied for');
		assert.ok(!body.includes('Pelle Paddel'), 'the board is not published');
		await page.close();
	});

	test('the applicant represents the association and the case page tells the whole story', T, async () => {
		assert.ok(dnr, 'needs the application');
		const page = await applicant.newPage();
		await page.goto(app.url + '/mina-sidor');
		const mine = await page.$$eval('main ul a[href^="/foreningar/"]', (as) => as.map((a) => a.textContent.trim()));
		assert.deepEqual(mine, [name], 'Mina sidor lists the new association');
		await page.goto(app.url + casePath);
		const c = await casePage(page);
		assert.equal(c.facts['Status'], 'Beslutad');
		assert.ok(c.decision?.includes(REFERENCE), 'the applicant sees the decision');
		assert.deepEqual(c.documents, ['stadgar.pdf', 'protokoll-2026.pdf', 'reviderade-stadgar.pdf']);
		// Every step, in order; the trail is append-only.
		const h = happenings(c.trail);
		const order = [
			(x) => x === `ärendet skapades (Registrering: ${name})`,
			(x) => x === 'dokument tillagt (stadgar.pdf)',
			(x) => x === 'dokument tillagt (protokoll-2026.pdf)',
			(x) => x.startsWith('tilldelat'),
			statusChange('inkommen', 'handlaggning'),
			(x) => x === 'meddelande',
			statusChange('handlaggning', 'komplettering'),
			(x) => x === 'dokument tillagt (reviderade-stadgar.pdf)',
			(x) => x === 'meddelande',
			statusChange('komplettering', 'inkommen'),
			statusChange('inkommen', 'handlaggning'),
			(x) => x.startsWith('beslut'),
			statusChange('handlaggning', 'beslutad', `: ${REFERENCE}`),
		];
		let at = 0;
		for (const [i, want] of order.entries()) {
			const found = h.findIndex((x, j) => j >= at && want(x));
			assert.ok(found >= 0, `step ${i + 1} of the story is missing or out of order after entry ${at}:\n${h.join('\n')}`);
			at = found + 1;
		}
		assert.ok(c.trail.every((t) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} – /.test(t)), 'every entry has its time');
		await page.close();
	});
});
