// Seasonal allocation in a real browser (issue 11, point 4), once without
// JavaScript in Swedish and once with JavaScript in English: the officer
// opens a season through its form, the demo representative applies for
// two weekly times in a hall (a time outside the hall's hours refused
// beside its field, what was typed kept), another association's
// representative applies for one of the same times, the officer's grid
// shows the conflict in the priority order with its reasons, refuses the
// two conflicting wishes allocated at once beside the later one, then
// the allocation is saved and decided: the applicant sees the decision
// on the case, and the hall's week shows the booked times. axe-core (WCAG
// 2.0 and 2.1, A and AA) finds nothing on the season pages in Swedish and
// English (the public list, the officers' list, the application form
// empty and refused, the grid with its conflict, refused and decided),
// and at 320 px the application form and the grid do not scroll
// sideways. The hall is made through the officers' management pages.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { useApp, contextAs, addUser, withLang, axeSuite, axeViolations, describeViolations, clickThrough, widths, PHONE, T } from './lib/app.mjs';
import { day, weekday, isoWeek } from './lib/days.mjs';

const stamp = String(Date.now()).slice(-7);
const hall = { name: `Säsongshallen ${stamp}`, id: '' };
const rival = { email: `rival-${stamp}@example.se`, name: 'Rut Rivalsson', role: 'representative', password: 'rivalens-losen-2026' };
const s = { open: '' }; // what one step leaves for the next

// The season's four weeks: from the first Monday at least two weeks ahead.
function seasonDays() {
	let i = 14;
	while (weekday(day(i)) !== 1) i++;
	return { first: day(i), last: day(i + 27), offset: i };
}

// A name as a regular expression matches it.
function re(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// The text of each row a selector finds, its spaces made plain (read
// without the page's JavaScript, which may be off).
async function rowTexts(page, selector) {
	return (await page.locator(selector).allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}

// The text of the page's main, its spaces (also no-break ones) made plain.
async function mainText(page) {
	return (await page.textContent('main')).replace(/\s+/g, ' ');
}

// SQL on the test server's SQLite database, as the other files seed it.
function sql(app, q) {
	assert.ok(app.db.startsWith('sqlite:'), `the browser tests' database is SQLite (${app.db})`);
	return execFileSync('sqlite3', ['-bail', '-batch', app.db.replace(/^sqlite:/, '')], { input: '.timeout 10000\n' + q + '\n' })
		.toString()
		.trim();
}

// The officer's season form filled in and sent, which leads to the
// season's grid: its path.
async function makeSeason(page, name, lang) {
	const { first, last } = seasonDays();
	await page.goto(app.url + withLang('/handlaggning/lokaler', lang));
	await clickThrough(page, 'main a[href="/handlaggning/lokaler/sasonger"]');
	await page.fill('#namn', name);
	await page.fill('#forsta', first);
	await page.fill('#sista', last);
	await page.fill('#ansok', day(0));
	await page.selectOption('#status', 'open');
	await clickThrough(page, 'main form.stack button[type=submit]');
	assert.match(await page.textContent('h1'), new RegExp(re(name)), 'on to the season made');
	return new URL(page.url()).pathname;
}

// The hall, open every day 08:00–22:00 at 150 kr an hour for
// associations; an open season for the axe pages; and the rival: a second
// representative of an association with 9 000 members, so that the rule
// puts it before the demo association.
async function setup(app) {
	const context = await contextAs(app, 'officer');
	const page = await context.newPage();
	try {
		await page.goto(app.url + '/handlaggning/lokaler/ny?lang=sv');
		await page.fill('#namn', hall.name);
		await page.selectOption('#typ', 'idrottshall');
		await page.fill('#adress', `Säsongsvägen ${stamp}`);
		await page.selectOption('#omrade', { index: 1 });
		await page.fill('#kapacitet', '200');
		await page.uncheck('#godkannande');
		await clickThrough(page, 'main form.stack button[type=submit] >> nth=0');
		hall.id = new URL(page.url()).pathname.split('/').pop();
		assert.match(hall.id, /^\d+$/, `the hall was made: ${page.url()}`);
		const manage = `/handlaggning/lokaler/${hall.id}`;
		for (let d = 1; d <= 7; d++) {
			await page.fill(`#fran-${d}`, '08:00');
			await page.fill(`#till-${d}`, '22:00');
		}
		await clickThrough(page, `form[action="${manage}/tider"] button[type=submit]`);
		await page.fill('#pris-forening', '150');
		await clickThrough(page, `form[action="${manage}/priser"] button[type=submit]`);
		assert.equal(await page.inputValue('#pris-forening'), '150');
		s.open = await makeSeason(page, `Öppna säsongen ${stamp}`, 'sv');
	} finally {
		await context.close();
	}
	addUser(app, rival);
	rival.assoc = sql(
		app,
		"SELECT min(id) FROM associations WHERE active = 1 AND public = 1 AND id NOT IN (SELECT association_id FROM user_roles WHERE association_id IS NOT NULL);",
	);
	sql(
		app,
		`INSERT INTO user_roles (user_id, role, association_id) SELECT id, 'representative', ${rival.assoc} FROM users WHERE email = '${rival.email}';` +
			`UPDATE associations SET members = 9000, youth_members = 0 WHERE id = ${rival.assoc};`,
	);
	rival.assocName = sql(app, `SELECT name FROM associations WHERE id = ${rival.assoc};`);
}

const app = useApp({ setup });

// One wished time in the application form: the hall, a weekday, times.
async function wish(page, n, wd, from, to) {
	await page.selectOption(`#lokal-${n}`, hall.id);
	await page.selectOption(`#dag-${n}`, String(wd));
	await page.fill(`#fran-${n}`, from);
	await page.fill(`#till-${n}`, to);
}

// The application form of the season of the grid path, from the public list.
async function openForm(page, grid, lang) {
	const id = grid.split('/').pop();
	await page.goto(app.url + withLang('/lokaler/sasonger', lang));
	await clickThrough(page, `main a[href="/lokaler/sasonger/${id}/ansok"]`);
}

// The whole flow in one language, with or without JavaScript: the
// conflict is on weekday wd, the representative's other time on wd + 2.
function seasonFlow(title, { lang, js, wd }) {
	const sv = lang === 'sv';
	const days = sv ? ['', 'Måndag', 'Tisdag', 'Onsdag', 'Torsdag', 'Fredag'] : ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
	const weekly = sv ? ['', 'måndagar', 'tisdagar', 'onsdagar', 'torsdagar', 'fredagar'] : ['', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays'];
	const t = {};
	// the allocation box of who's wish on weekday d: its label says which
	const labelOf = (who, d) => new RegExp(`${sv ? 'Tilldela' : 'Allocate'} \\d\\. ${re(who)}, ${re(hall.name)}, ${weekly[d]} 18:00–20:00`);
	const box = (who, d) => officer.getByLabel(labelOf(who, d));
	let officer, rep, other, checker;
	// the two conflicting wishes allocated at once, sent
	const refuseBoth = async (p) => {
		const on = (who) => p.getByLabel(labelOf(who, wd));
		await on(rival.assocName).check();
		await on(t.assocName).check();
		return clickThrough(p, `main form[action$="/lokaler/${hall.id}"] button[type=submit]`);
	};
	// axe on the officer's page, or without JavaScript on the same grid in
	// a tab that runs it (made ready by prepare)
	const axeGrid = async (where, prepare) => {
		const p = js ? officer : checker;
		if (!js) {
			await p.goto(app.url + withLang(t.grid, lang));
			if (prepare) await prepare(p);
		}
		const v = await axeViolations(p);
		assert.equal(v.length, 0, describeViolations(where, v));
	};
	describe(title, () => {
		before(async () => {
			if (!js) checker = await (await contextAs(app, 'officer')).newPage();
			officer = await (await contextAs(app, 'officer', { javaScriptEnabled: js })).newPage();
			rep = await (await contextAs(app, 'representative', { javaScriptEnabled: js })).newPage();
			other = await (await contextAs(app, rival, { javaScriptEnabled: js })).newPage();
		});
		after(async () => {
			for (const p of [officer, rep, other, checker].filter(Boolean)) await p.context().close();
		});

		test('the officer opens a season', T, async () => {
			t.name = `${sv ? 'Säsongen' : 'The season'} ${stamp} ${lang}`;
			t.grid = await makeSeason(officer, t.name, lang);
			assert.match(t.grid, /^\/handlaggning\/lokaler\/sasonger\/\d+$/);
			await officer.goto(app.url + withLang(t.grid, lang));
			assert.match(await mainText(officer), sv ? /Säsongen tar emot ansökningar\. .*Inga ansökningar än\./ : /The season takes applications\. .*No applications yet\./);
		});

		test('the representative applies: a time outside the hours refused beside its field, then sent', T, async () => {
			await openForm(rep, t.grid, lang);
			assert.match(await rep.textContent('h1'), new RegExp(t.name));
			if ((await rep.inputValue('#forening')) === '') await rep.selectOption('#forening', { index: 1 });
			t.assocName = (await rep.locator('#forening option:checked').textContent()).trim();
			await wish(rep, 1, wd, '07:00', '09:00');
			await rep.fill('#aktivitet', 'Innebandy & "fika"');
			await rep.fill('#deltagare', '24');
			const res = await clickThrough(rep, 'main form.stack button[type=submit]');
			assert.equal(res.status(), 422);
			const expected = `${hall.name} ${sv ? 'kan bokas' : 'can be booked on'} ${weekly[wd]} 08:00–22:00.`;
			const field = rep.locator('.field:has(#fran-1)');
			assert.ok((await field.locator('.field-error').textContent()).includes(expected), `the reason beside the start: ${await field.textContent()}`);
			assert.equal(await rep.getAttribute('#fran-1', 'aria-invalid'), 'true');
			assert.equal(await rep.getAttribute('#till-1', 'aria-invalid'), null, 'the end was fine');
			assert.equal(await rep.locator('main .error-summary a[href="#fran-1"]').count(), 1, 'the summary links the field');
			assert.equal(await rep.inputValue('#fran-1'), '07:00', 'what was typed is kept');
			assert.equal(await rep.inputValue('#dag-1'), String(wd));
			assert.equal(await rep.inputValue('#lokal-1'), hall.id);
			assert.equal(await rep.inputValue('#aktivitet'), 'Innebandy & "fika"');
			if (js) {
				const v = await axeViolations(rep);
				assert.equal(v.length, 0, describeViolations(`the refused application (${lang})`, v));
			}
			await rep.fill('#fran-1', '18:00');
			await rep.fill('#till-1', '20:00');
			await wish(rep, 2, wd + 2, '18:00', '20:00');
			await clickThrough(rep, 'main form.stack button[type=submit]');
			t.case = new URL(rep.url()).pathname;
			assert.match(t.case, /^\/arenden\/FRI-\d{4}-\d{4}$/, `the application is a case: ${rep.url()}`);
			const rows = await rowTexts(rep, 'table:has(#onskade-tider) tbody tr');
			assert.equal(rows.length, 2, `two wished times: ${rows.join(' | ')}`);
			assert.match(rows[0], new RegExp(`${days[wd]} ?18:00–20:00 ?${sv ? 'Väntar på fördelningen' : 'Awaiting the allocation'}`));
		});

		test("another association's representative applies for the same time", T, async () => {
			await openForm(other, t.grid, lang);
			assert.equal(await other.inputValue('#forening'), rival.assoc, 'its one association is chosen');
			await wish(other, 1, wd, '18:00', '20:00');
			await other.fill('#aktivitet', sv ? 'Handbollsträning' : 'Handball practice');
			await other.fill('#deltagare', '30');
			await clickThrough(other, 'main form.stack button[type=submit]');
			t.rivalCase = new URL(other.url()).pathname;
			assert.match(t.rivalCase, /^\/arenden\/FRI-\d{4}-\d{4}$/, other.url());
		});

		test('the grid shows the conflict in priority order; both allocated at once are refused', T, async () => {
			await officer.goto(app.url + withLang(t.grid, lang));
			const prio = await rowTexts(officer, 'table:has(#prioritetsordning) tbody tr');
			assert.equal(prio.length, 2, `two applications: ${prio.join(' | ')}`);
			assert.ok(prio[0].startsWith(`1${rival.assocName}`) && prio[0].includes(t.rivalCase.split('/').pop()), `the rival first: ${prio[0]}`);
			assert.match(prio[0], sv ? /Inte ungdomsverksamhet; 9000 medlemmar enligt registret/ : /Not youth activity; 9000 members in the register/);
			assert.ok(prio[1].startsWith(`2${t.assocName}`), `the demo association second: ${prio[1]}`);
			// the hour 18–19 on the weekday: both wishes, each marked a conflict
			const cell = (await officer.textContent(`table.grid tr:has(th:text-is("18:00–19:00")) td >> nth=0`)).replace(/\s+/g, ' ');
			assert.match(cell, new RegExp(`1\\. ${re(rival.assocName)}, ${re(hall.name)} 18:00–20:00 ${sv ? 'Krock' : 'Conflict'}`));
			assert.match(cell, new RegExp(`2\\. ${re(t.assocName)}, ${re(hall.name)} 18:00–20:00 ${sv ? 'Krock' : 'Conflict'}`));
			const other = (await officer.textContent(`table.grid tr:has(th:text-is("18:00–19:00")) td >> nth=1`)).replace(/\s+/g, ' ');
			assert.ok(!/Krock|Conflict/.test(other), `the other weekday has no conflict: ${other}`);
			await axeGrid(`the grid with a conflict (${lang})`);
			// each box says which weekday it is
			const res = await refuseBoth(officer);
			assert.equal(res.status(), 422);
			const error = officer.locator(`.field:has(input[aria-invalid=true]) .field-error`);
			assert.equal(await error.count(), 1, 'one box refused');
			assert.match(await error.textContent(), new RegExp(`${sv ? 'Krockar med' : 'Conflicts with'} 1\\. ${re(rival.assocName)}`));
			assert.ok(await box(t.assocName, wd).isChecked(), 'the ticked boxes are kept');
			await axeGrid(`the refused allocation (${lang})`, (p) => refuseBoth(p));
		});

		test("allocated and decided: the case says so and the hall's week shows the times", T, async () => {
			await box(t.assocName, wd).uncheck();
			await box(t.assocName, wd + 2).check();
			await clickThrough(officer, `main form[action$="/lokaler/${hall.id}"] button[type=submit]`);
			assert.match(await officer.textContent('main .notice'), sv ? /Fördelningen är sparad/ : /The allocation is saved/);
			assert.ok(await box(rival.assocName, wd).isChecked());
			assert.ok(!(await box(t.assocName, wd).isChecked()));
			await officer.fill('#motivering', sv ? 'Fördelat efter nämndens regler.' : 'Allocated by the rules.');
			if ((await officer.inputValue('#beslutsfattare')) === '') await officer.fill('#beslutsfattare', 'Hamid Handläggare');
			await officer.fill('#datum', day(0));
			await officer.fill('#referens', `FRI ${day(0)} § 9`);
			await clickThrough(officer, 'main form[action$="/beslut"] button[type=submit]');
			assert.match(await officer.textContent('main .notice'), sv ? /Fördelningen är beslutad: 2 ansökningar/ : /The allocation is decided: 2 applications/);
			assert.equal(await officer.locator('main form[action$="/beslut"]').count(), 0, 'nothing left to decide');

			await rep.goto(app.url + withLang(t.case, lang));
			const text = await mainText(rep);
			assert.match(text, sv ? /Delvis bifall/ : /Partly granted/);
			assert.match(text, new RegExp(`${days[wd]} ?18:00–20:00 ?${sv ? 'Inte tilldelad' : 'Not allocated'}`));
			assert.match(text, new RegExp(`${days[wd + 2]} ?18:00–20:00 ?${sv ? 'Tilldelad' : 'Allocated'}`));
			assert.match(text, sv ? /Bokade tillfällen: 4\./ : /Booked times: 4\./);

			const { first, offset } = seasonDays();
			await rep.goto(app.url + withLang(`/lokaler/${hall.id}?vecka=${isoWeek(first)}`, lang));
			const word = sv ? 'Bokad' : 'Booked';
			for (const d of [wd, wd + 2])
				for (const hour of ['18:00', '19:00']) {
					const cell = rep.locator(`.week tbody tr:has(th:text-is("${hour}")) td`).nth(d - 1);
					const text = (await cell.textContent()).replace(/\s+/g, ' ');
					assert.match(await cell.getAttribute('class'), /\bbooked\b/, `${weekly[d]} ${hour} in the week from ${day(offset)}: ${text}`);
					assert.ok(text.startsWith(`18:00–20:00 ${word}`), text);
				}
		});
	});
}

seasonFlow('a season allocated without JavaScript, in Swedish', { lang: 'sv', js: false, wd: 2 });
seasonFlow('a season allocated with JavaScript, in English', { lang: 'en', js: true, wd: 1 });

const go = (f) => (p, l) => {
	const path = typeof f === 'function' ? f() : f;
	assert.ok(path, 'made earlier');
	return p.goto(app.url + withLang(path, l));
};
const formPath = () => `/lokaler/sasonger/${s.open.split('/').pop()}/ansok`;

// The application form sent with a wish missing its times.
async function refusedForm(page, lang) {
	await page.goto(app.url + withLang(formPath(), lang));
	if ((await page.inputValue('#forening')) === '') await page.selectOption('#forening', { index: 1 });
	await page.selectOption('#lokal-1', hall.id);
	await page.fill('#aktivitet', 'Schack');
	await page.fill('#deltagare', '8');
	const res = await clickThrough(page, 'main form.stack button[type=submit]');
	assert.ok(await page.isVisible('.error-summary'), 'the form shows an error summary');
	assert.equal(await page.inputValue('#aktivitet'), 'Schack', 'the activity is kept');
	return res;
}

axeSuite(app, 'seasonal allocation, axe', [
	{ name: '/lokaler/sasonger', role: null, go: go('/lokaler/sasonger') },
	{ name: "the officers' seasons", role: 'officer', go: go('/handlaggning/lokaler/sasonger') },
	{ name: 'a season with no applications', role: 'officer', go: go(() => s.open) },
	{ name: 'the application form', role: 'representative', go: go(formPath) },
	{ name: 'the application form refused', role: 'representative', status: 422, go: refusedForm },
	{ name: 'the application as the officer', role: 'officer', go: go(() => sql(app, "SELECT '/arenden/' || c.diarienummer FROM cases c WHERE c.type = 'sasongsansokan' ORDER BY c.id DESC LIMIT 1;")) },
	{ name: 'a decided season', role: 'officer', go: go(() => sql(app, `SELECT '/handlaggning/lokaler/sasonger/' || id FROM venue_seasons WHERE status = 'decided' ORDER BY id LIMIT 1;`)) },
]);

describe('seasonal allocation at 320 px', () => {
	const tabs = {};
	before(async () => {
		for (const role of ['representative', 'officer']) tabs[role] = await (await contextAs(app, role, { ...PHONE, viewport: { width: 320, height: 640 } })).newPage();
	});
	after(async () => {
		for (const p of Object.values(tabs)) await p.context().close();
	});
	const decided = () => sql(app, `SELECT '/handlaggning/lokaler/sasonger/' || id FROM venue_seasons WHERE status = 'decided' ORDER BY id LIMIT 1;`);
	test('an application sent from a phone', T, async () => {
		const page = tabs.representative;
		await page.goto(app.url + withLang(formPath(), 'sv'));
		if ((await page.inputValue('#forening')) === '') await page.selectOption('#forening', { index: 1 });
		await wish(page, 1, 5, '17:00', '19:30');
		await page.fill('#aktivitet', 'Volleyboll för nybörjare');
		await page.fill('#deltagare', '16');
		await clickThrough(page, 'main form.stack button[type=submit]');
		assert.match(new URL(page.url()).pathname, /^\/arenden\/FRI-\d{4}-\d{4}$/, page.url());
	});
	for (const lang of ['sv', 'en'])
		for (const [which, role, path] of [
			['the application form', 'representative', formPath],
			['the grid with a box to allocate', 'officer', () => s.open],
			['a decided grid', 'officer', decided],
		])
			test(`${which} (${lang})`, T, async () => {
				const page = tabs[role];
				const res = await go(path)(page, lang);
				assert.equal(res.status(), 200);
				if (path !== formPath) assert.ok((await page.locator('main table').count()) >= 2, 'the grid has its tables');
				const w = await widths(page);
				assert.ok(w.scrollWidth <= w.clientWidth, `${page.url()} scrolls sideways at 320 px (${w.scrollWidth} > ${w.clientWidth})`);
				const v = await axeViolations(page);
				assert.equal(v.length, 0, describeViolations(`${which} at 320 px (${lang})`, v));
			});
});
