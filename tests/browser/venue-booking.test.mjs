// Booking a venue in a real browser (issue 11): without JavaScript the
// demo representative finds a hall through /lokaler's filters, opens a
// week, follows a free time's Boka from the day list on a phone, sees the
// price on the preview, books, finds the time on Mina sidor and in the
// week, and cancels it from its page; with JavaScript, in English, a
// weekly series on a venue that needs approval is previewed time by time
// (a closed day skipped) and sent as a case, whose officer declines one
// time and grants the rest, leaving three confirmed times on Mina sidor; a
// refused form (the end before the start) says so beside the field and in
// the summary, keeps what was typed, and its summary link focuses the
// field; the free-time search works by keyboard alone without JavaScript;
// axe-core (WCAG 2.0 and 2.1, A and AA) finds nothing on any of these
// pages in Swedish and English; and at 320 px /lokaler, a week, the
// free-time search, the form and the preview do not scroll sideways. The
// venues are made through the officers' management pages.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, contextAs, withLang, axeSuite, axeViolations, describeViolations, clickThrough, widths, PHONE, T } from './lib/app.mjs';
import { day, weekday, isoWeek } from './lib/days.mjs';

const app = useApp({ setup: () => makeVenues() });
const stamp = String(Date.now()).slice(-7);
// The hall booked at once, and the room whose bookings an officer approves.
const hall = { name: `Bokningshallen ${stamp}`, path: '' };
const room = { name: `Förfrågningssalen ${stamp}`, path: '' };
const s = {}; // what one step leaves for the next

// The first Wednesday at least eight days from now: the series' first day.
function seriesStart() {
	for (let i = 8; ; i++) if (weekday(day(i)) === 3) return i;
}

// A venue of the officer's own department through the management pages:
// open every day 08:00–22:00 at 150 kr an hour for associations, with the
// closed days given.
async function makeVenue(page, v, { approval, capacity, closed = [] }) {
	await page.goto(app.url + '/handlaggning/lokaler/ny?lang=sv');
	await page.fill('#namn', v.name);
	await page.selectOption('#typ', 'idrottshall');
	await page.fill('#adress', `Bokningsvägen ${stamp}`);
	await page.selectOption('#omrade', 'rosengard');
	await page.fill('#kapacitet', String(capacity));
	await page.check('#steglos');
	if (approval) await page.check('#godkannande');
	else await page.uncheck('#godkannande');
	await clickThrough(page, 'main form.stack button[type=submit] >> nth=0');
	v.id = new URL(page.url()).pathname.split('/').pop();
	assert.match(v.id, /^\d+$/, `the venue was made: ${page.url()}`);
	v.manage = `/handlaggning/lokaler/${v.id}`;
	v.path = `/lokaler/${v.id}`;
	for (let d = 1; d <= 7; d++) {
		await page.fill(`#fran-${d}`, '08:00');
		await page.fill(`#till-${d}`, '22:00');
	}
	await clickThrough(page, `form[action="${v.manage}/tider"] button[type=submit]`);
	assert.equal(await page.inputValue('#till-7'), '22:00', 'the hours are kept');
	await page.fill('#pris-forening', '150');
	await clickThrough(page, `form[action="${v.manage}/priser"] button[type=submit]`);
	assert.equal(await page.inputValue('#pris-forening'), '150');
	for (const [d, why] of closed) {
		await page.fill('#dag', d);
		await page.fill('#orsak', why);
		await clickThrough(page, `form[action="${v.manage}/stangt"] button[type=submit]`);
		assert.match(await page.textContent('section[aria-labelledby=stangt] table'), new RegExp(d));
	}
}

// The two venues, and the five Wednesdays of the series, the third closed.
async function makeVenues() {
	const start = seriesStart();
	s.series = [0, 7, 14, 21, 28].map((o) => day(start + o));
	const context = await contextAs(app, 'officer');
	const page = await context.newPage();
	try {
		await makeVenue(page, hall, { approval: false, capacity: 180 });
		await makeVenue(page, room, { approval: true, capacity: 40, closed: [[s.series[2], 'Golvvård']] });
	} finally {
		await context.close();
	}
}

// The association that books: the one the representative represents, or
// the first of several (earlier test files may have added one).
async function chooseAssociation(page) {
	if ((await page.inputValue('#forening')) === '') await page.selectOption('#forening', { index: 1 });
	assert.notEqual(await page.inputValue('#forening'), '', 'an association books');
}

// The text of the page's main, its spaces (also no-break ones) made plain.
async function mainText(page) {
	return (await page.textContent('main')).replace(/\s+/g, ' ');
}

describe('a single time booked without JavaScript', () => {
	let context, page;
	before(async () => {
		context = await contextAs(app, 'representative', { ...PHONE, javaScriptEnabled: false });
		page = await context.newPage();
	});
	after(async () => context.close());

	test("the hall found through /lokaler's filters", T, async () => {
		await page.goto(app.url + '/lokaler?lang=sv');
		await page.fill('#q', stamp);
		await page.selectOption('#typ', 'idrottshall');
		await page.fill('#kapacitet', '100');
		await page.check('#stegfri');
		await clickThrough(page, 'main form.filters button[type=submit]');
		const url = new URL(page.url());
		assert.equal(url.searchParams.get('kapacitet'), '100');
		assert.equal(await page.inputValue('#kapacitet'), '100', 'the filter is kept');
		// the room takes 40: the capacity filter leaves only the hall
		assert.match(await page.textContent('main .count'), /^1 lokal$/);
		await clickThrough(page, page.locator('main .cards a', { hasText: hall.name }));
		assert.equal(new URL(page.url()).pathname, hall.path);
	});

	test("a free time's Boka in a coming week's day list, the price on the preview, booked", T, async () => {
		// two weeks on: the Monday is more than the 48 hours of the
		// cancellation rule away, whatever the day of the run
		await clickThrough(page, 'nav.pager a[rel=next]');
		await clickThrough(page, 'nav.pager a[rel=next]');
		s.week = new URL(page.url()).searchParams.get('vecka');
		assert.match(s.week, /^\d{4}-W\d\d$/);
		assert.ok(await page.isVisible('.days'), 'a phone shows the day list');
		assert.ok(!(await page.isVisible('.week')), 'and not the table');
		const link = page.locator('.days a[href*="/boka?"]').first();
		const href = await link.getAttribute('href');
		s.day = new URL(href, app.url).searchParams.get('dag');
		assert.equal(weekday(s.day), 1, "the first free time is the week's Monday");
		assert.match(await link.textContent(), new RegExp(`Boka ${s.day} 08:00–22:00`));
		await clickThrough(page, link);
		assert.equal(await page.inputValue('#dag'), s.day, 'the day comes from the link');
		assert.equal(await page.inputValue('#fran'), '08:00');
		assert.equal(await page.inputValue('#till'), '22:00');
		await chooseAssociation(page);
		await page.fill('#fran', '18:00');
		await page.fill('#till', '20:00');
		await page.fill('#aktivitet', 'Innebandy för juniorer');
		await page.fill('#deltagare', '24');
		await page.check('#visa');
		const res = await clickThrough(page, 'main form.stack button[type=submit]');
		assert.equal(res.status(), 200);
		assert.match(await page.textContent('h1'), /Stämmer bokningen\?/);
		const facts = (await page.textContent('main dl.facts')).replace(/\s+/g, ' ');
		assert.match(facts, new RegExp(`18:00–20:00, ${s.day}`));
		assert.match(facts, /Pris ?300 kr per tillfälle/, `two hours at 150 kr: ${facts}`);
		await clickThrough(page, 'main form.actions button[name=skicka]');
		assert.equal(new URL(page.url()).pathname, '/mina-sidor/bokningar');
		assert.match(await page.textContent('main .notice'), /Bokningen är gjord/);
		const row = page.locator('main tbody tr', { hasText: hall.name });
		assert.equal(await row.count(), 1, 'one booking of the hall');
		const text = (await row.textContent()).replace(/\s+/g, ' ');
		assert.match(text, new RegExp(`${s.day} 18:00–20:00`));
		assert.match(text, /Bekräftad/);
		assert.match(text, /300 kr/);
		s.booking = await row.locator('a').getAttribute('href');
		assert.match(s.booking, /^\/lokaler\/bokningar\/\d+$/);
	});

	test('the booking in the week, then cancelled from its page', T, async () => {
		await page.goto(app.url + `${hall.path}?vecka=${s.week}&lang=sv`);
		const list = (await page.textContent('.days')).replace(/\s+/g, ' ');
		assert.match(list, /18:00–20:00 bokad: /, `the day list shows the booking: ${list}`);
		assert.match(list, /08:00–18:00 ledig/, 'and the time before it free');
		await page.goto(app.url + '/mina-sidor?lang=sv');
		await clickThrough(page, 'main a[href="/mina-sidor/bokningar"]');
		await clickThrough(page, `main a[href="${s.booking}"]`);
		assert.match(await page.textContent('h1'), new RegExp(`${hall.name} ${s.day} 18:00–20:00`));
		await clickThrough(page, 'main form[action$="/avboka"] button[type=submit]');
		assert.match(await page.textContent('main .notice'), /Tiden är avbokad\./);
		assert.match(await mainText(page), /Status ?Avbokad/);
		assert.match(await mainText(page), /debiteras inte/, 'cancelled in good time, not charged');
		await page.goto(app.url + `${hall.path}?vecka=${s.week}&lang=sv`);
		const after = (await page.textContent('.days')).replace(/\s+/g, ' ');
		assert.ok(!after.includes('18:00–20:00 bokad'), `the time is free again: ${after}`);
	});
});

describe('a weekly series on a venue that needs approval, with JavaScript, in English', () => {
	let rep, officer;
	before(async () => {
		rep = await contextAs(app, 'representative');
		officer = await contextAs(app, 'officer');
	});
	after(async () => {
		await rep.close();
		await officer.close();
	});

	test('the preview lists each time, the closed day skipped; Skicka makes a case', T, async () => {
		const page = await rep.newPage();
		await page.goto(app.url + withLang(room.path, 'en'));
		await clickThrough(page, page.locator('main a', { hasText: 'Book a time' }));
		assert.match(await page.textContent('main .lead'), /becomes a request/);
		await chooseAssociation(page);
		await page.fill('#dag', s.series[0]);
		await page.fill('#fran', '17:00');
		await page.fill('#till', '19:00');
		await page.fill('#upprepa', s.series[4]);
		await page.fill('#aktivitet', 'Chess club');
		await page.fill('#deltagare', '12');
		await clickThrough(page, 'main form.stack button[type=submit]');
		assert.match(await page.textContent('h1'), /Is the booking right\?/);
		const caption = (await page.textContent('#tillfallen')).replace(/\s+/g, ' ');
		assert.match(caption, /4 to be booked, 1 cannot be had/);
		const rows = await page.$$eval('main table tbody tr', (trs) => trs.map((tr) => tr.textContent.replace(/\s+/g, ' ').trim()));
		assert.equal(rows.length, 5, `five Wednesdays: ${rows.join(' | ')}`);
		rows.forEach((r, i) => {
			assert.ok(r.startsWith(s.series[i]), `row ${i + 1} is ${s.series[i]}: ${r}`);
			assert.match(r, i === 2 ? /Closed: Golvvård/ : /17:00–19:00 ?Booked/);
		});
		assert.match(await mainText(page), /SEK 300 a time, 4 times: SEK 1200/);
		await clickThrough(page, 'main form.actions button[name=skicka]');
		s.case = new URL(page.url()).pathname;
		assert.match(s.case, /^\/arenden\/FRI-\d{4}-\d{4}$/, page.url());
		await page.close();
	});

	test("the department's officer declines one time and grants the request", T, async () => {
		const page = await officer.newPage();
		await page.goto(app.url + withLang(s.case, 'en'));
		// axe on the officer's case page with a button per time, both languages
		for (const lang of ['sv', 'en']) {
			await page.goto(app.url + withLang(s.case, lang));
			const v = await axeViolations(page);
			assert.equal(v.length, 0, describeViolations(`${s.case} as the officer, undecided (${lang})`, v));
		}
		const declines = page.locator('main form[action$="/avsla"] button');
		assert.equal(await declines.count(), 4, 'a decline button per pending time');
		assert.match(await declines.first().textContent(), new RegExp(`Decline this time ${s.series[0]}`));
		await clickThrough(page, declines.first());
		assert.equal(new URL(page.url()).pathname, s.case, 'back on the case page');
		const first = page.locator('main table tbody tr', { hasText: s.series[0] });
		assert.match(await first.textContent(), /Declined/);
		assert.equal(await page.locator('main form[action$="/avsla"] button').count(), 3);
		await clickThrough(page, page.locator('main button', { hasText: 'Start handling' }));
		await page.check('input[name="utfall"][value="bifall"]');
		await page.fill('#motivering', 'The venue is free and the activity fits it.');
		assert.notEqual(await page.inputValue('#beslutsfattare'), '', 'the officer decides, by name');
		await page.fill('#datum', day(0));
		await page.fill('#referens', `FRI ${day(0)} § 4`);
		const res = await clickThrough(page, page.locator('main form[action$="/beslut"] button[type=submit]'));
		assert.equal(res.status(), 200);
		const times = await page.$$eval('main table tbody tr', (trs) => trs.map((tr) => tr.textContent.replace(/\s+/g, ' ').trim()));
		assert.equal(times.filter((t) => /Confirmed/.test(t)).length, 3, `three confirmed: ${times.join(' | ')}`);
		assert.equal(times.filter((t) => /Declined/.test(t)).length, 1);
		await page.close();
	});

	test('the representative sees three confirmed times on Mina sidor', T, async () => {
		const page = await rep.newPage();
		await page.goto(app.url + '/mina-sidor/bokningar?lang=en');
		const rows = await page.$$eval('main tbody tr', (trs) => trs.map((tr) => tr.textContent.replace(/\s+/g, ' ').trim()));
		const mine = rows.filter((r) => r.includes(room.name));
		assert.equal(mine.filter((r) => /Confirmed/.test(r)).length, 3, `three confirmed: ${mine.join(' | ')}`);
		assert.equal(mine.filter((r) => /Declined/.test(r)).length, 1, 'and the declined one');
		for (const d of [s.series[1], s.series[3], s.series[4]])
			assert.ok(mine.some((r) => r.startsWith(`${d} 17:00–19:00`) && /Confirmed/.test(r)), `${d} is confirmed`);
		assert.ok(!mine.some((r) => r.startsWith(s.series[2])), 'the closed day was never booked');
		s.confirmed = await page.getAttribute(`main tr:has-text("${s.series[1]}") a`, 'href');
		await clickThrough(page, `main a[href="${s.confirmed}"]`);
		assert.match(await mainText(page), /Status ?Confirmed/);
		assert.equal(await page.locator(`main a[href="${s.case}"]`).count(), 1, "a time's page links its case");
		await page.goto(app.url + withLang(`${room.path}?vecka=${isoWeek(s.series[1])}`, 'en'));
		// the first hour's cell also links "Watch" for the time
		const cells = await page.$$eval('.week td.booked', (tds) => tds.map((td) => td.firstChild.textContent.trim()));
		assert.deepEqual(cells, ['17:00–19:00 Booked', '17:00–19:00 Booked'], "the week's table shows the time in its two hours");
		await page.close();
	});
});

// The booking form filled with a valid time on the room but for its end.
async function fillForm(page, lang, from, to) {
	await page.goto(app.url + withLang(`${room.path}/boka`, lang));
	await chooseAssociation(page);
	await page.fill('#dag', day(seriesStart() + 1));
	await page.fill('#fran', from);
	await page.fill('#till', to);
	await page.fill('#aktivitet', 'Årsmöte & "fika"');
	await page.fill('#deltagare', '30');
}

for (const lang of ['sv', 'en']) {
	test(`a refused form: the end before the start (${lang})`, T, async () => {
		const context = await contextAs(app, 'representative');
		const page = await context.newPage();
		await fillForm(page, lang, '20:00', '18:00');
		const res = await clickThrough(page, 'main form.stack button[type=submit]');
		assert.equal(res.status(), 422);
		const expected = lang === 'sv' ? 'Sluttiden måste vara efter starttiden.' : 'The end must be after the start.';
		const field = page.locator('.field:has(#till)');
		assert.match(await field.getAttribute('class'), /\binvalid\b/);
		assert.ok((await field.locator('.field-error').textContent()).includes(expected), 'the error beside the field');
		assert.equal(await page.getAttribute('#till', 'aria-invalid'), 'true');
		assert.equal(await page.getAttribute('#fran', 'aria-invalid'), null, 'the start was fine');
		const links = page.locator('main .error-summary a');
		assert.equal(await links.count(), 1, 'one error in the summary');
		assert.equal(await links.getAttribute('href'), '#till');
		assert.ok((await links.textContent()).includes(expected));
		assert.equal(await page.inputValue('#dag'), day(seriesStart() + 1), 'the typed values are kept');
		assert.equal(await page.inputValue('#fran'), '20:00');
		assert.equal(await page.inputValue('#till'), '18:00');
		assert.equal(await page.inputValue('#aktivitet'), 'Årsmöte & "fika"');
		assert.equal(await page.inputValue('#deltagare'), '30');
		await links.click();
		await page.waitForFunction(() => document.activeElement?.id === 'till');
		await context.close();
	});
}

test('the free-time search by keyboard alone without JavaScript', T, async () => {
	const context = await contextAs(app, 'representative', { javaScriptEnabled: false });
	const page = await context.newPage();
	const when = day(seriesStart() + 2);
	try {
		await page.goto(app.url + '/lokaler/lediga?lang=sv');
		// Tab from the top of the page to a field, as a person would.
		const tabTo = async (test, what, arg) => {
			for (let i = 0; i < 80; i++) {
				await page.keyboard.press('Tab');
				if (await page.evaluate(test, arg)) return;
			}
			assert.fail(`Tab never reached ${what}`);
		};
		await tabTo(() => document.activeElement?.id === 'dag', 'the day');
		// Debian's headless chromium shows a date as mm/dd/yyyy whatever
		// the locale, and moves to the next part as one is full.
		const [y, m, d] = when.split('-');
		await page.keyboard.type(m + d + y);
		assert.equal(await page.inputValue('#dag'), when, 'the day typed in its field');
		await tabTo(() => document.activeElement?.id === 'fran', 'the earliest time');
		await page.keyboard.type('17:00');
		await tabTo(() => document.activeElement?.id === 'till', 'the latest time');
		await page.keyboard.type('21:00');
		await tabTo(() => document.activeElement?.id === 'langd', 'the length');
		await page.keyboard.type('90');
		await tabTo(() => document.activeElement?.id === 'q', 'the name');
		await page.keyboard.type(stamp);
		const [res] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
		assert.equal(res.status(), 200);
		const url = new URL(page.url());
		assert.equal(url.searchParams.get('dag'), when);
		assert.equal(url.searchParams.get('fran'), '17:00');
		assert.equal(url.searchParams.get('langd'), '90');
		assert.equal(await page.inputValue('#till'), '21:00', 'the window is kept');
		assert.match(await page.textContent('main .count'), new RegExp(`Lokaler med lediga tider ${when}, minst 90 minuter`));
		const cards = page.locator('main .cards > li');
		assert.equal(await cards.count(), 2, 'both venues are free then');
		assert.match(await page.textContent(`main .cards > li:has-text("${hall.name}")`), /17:00–21:00 Boka/);
		// Tab on to the hall's Boka and follow it with Enter.
		const target = `/lokaler/${hall.id}/boka?dag=${when}&fran=17:00&till=18:30`;
		await tabTo((t) => document.activeElement?.href && decodeURIComponent(document.activeElement.href).endsWith(t), target, target);
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
		assert.equal(new URL(page.url()).pathname, `/lokaler/${hall.id}/boka`);
		assert.equal(await page.inputValue('#dag'), when);
		assert.equal(await page.inputValue('#fran'), '17:00');
		assert.equal(await page.inputValue('#till'), '18:30', 'the time is as long as asked for');
	} finally {
		await context.close();
	}
});

// The form filled for one time in the hall, or a series in the room, and
// sent once: the preview.
async function preview(page, lang, series) {
	const v = series ? room : hall;
	await page.goto(app.url + withLang(`${v.path}/boka`, lang));
	await chooseAssociation(page);
	await page.fill('#dag', series ? s.series[0] : day(seriesStart() + 3));
	await page.fill('#fran', '10:00');
	await page.fill('#till', '11:30');
	if (series) await page.fill('#upprepa', s.series[4]);
	await page.fill('#aktivitet', 'Styrelsemöte');
	await page.fill('#deltagare', '8');
	const res = await clickThrough(page, 'main form.stack button[type=submit]');
	assert.ok(await page.isVisible('main form.actions button[name=skicka]'), `the preview: ${page.url()}`);
	return res;
}

// The refused form: the end before the start.
async function refused(page, lang) {
	await fillForm(page, lang, '20:00', '18:00');
	const res = await clickThrough(page, 'main form.stack button[type=submit]');
	assert.ok(await page.isVisible('.error-summary'), 'the form shows an error summary');
	return res;
}

const go = (path) => (p, l) => {
	assert.ok(!path.includes('undefined'), `made earlier: ${path}`);
	return p.goto(app.url + withLang(path, l));
};
const later = (f) => (p, l) => go(f())(p, l);

axeSuite(app, 'venue booking, axe', [
	{ name: '/lokaler filtered', role: null, go: later(() => `/lokaler?q=${stamp}&typ=idrottshall&stegfri=1`) },
	{ name: "a venue's week", role: null, go: later(() => `${hall.path}?vecka=${s.week}`) },
	{ name: "a week with a series' times, as the representative", role: 'representative', go: later(() => `${room.path}?vecka=${isoWeek(s.series[1])}`) },
	{ name: '/lokaler/lediga with results', role: null, go: later(() => `/lokaler/lediga?dag=${day(seriesStart() + 2)}&q=${stamp}`) },
	{ name: '/lokaler/lediga refused', role: null, status: 422, go: go('/lokaler/lediga?dag=igår&langd=5') },
	{ name: 'the booking form', role: 'representative', go: later(() => `${hall.path}/boka`) },
	{ name: 'the preview of one time', role: 'representative', go: (p, l) => preview(p, l, false) },
	{ name: 'the preview of a series', role: 'representative', go: (p, l) => preview(p, l, true) },
	{ name: 'the refused form', role: 'representative', status: 422, go: refused },
	{ name: 'the case page, as the applicant', role: 'representative', go: later(() => s.case) },
	{ name: 'the case page, as the officer', role: 'officer', go: later(() => s.case) },
	{ name: '/mina-sidor/bokningar', role: 'representative', go: go('/mina-sidor/bokningar') },
	{ name: 'a cancelled booking', role: 'representative', go: later(() => s.booking) },
	{ name: 'a confirmed booking', role: 'representative', go: later(() => s.confirmed) },
	{ name: 'a confirmed booking, as the officer', role: 'officer', go: later(() => s.confirmed) },
	{ name: '/handlaggning/lokaler', role: 'officer', go: go('/handlaggning/lokaler') },
	{ name: "the room's management page", role: 'officer', go: later(() => room.manage) },
]);

describe('venue booking at 320 px', () => {
	let context, page;
	before(async () => {
		context = await contextAs(app, 'representative', { ...PHONE, viewport: { width: 320, height: 640 } });
		page = await context.newPage();
	});
	after(async () => context.close());
	const pages = [
		['/lokaler', go('/lokaler')],
		["a week with a series' times", later(() => `${room.path}?vecka=${isoWeek(s.series[1])}`)],
		['/lokaler/lediga', later(() => `/lokaler/lediga?dag=${day(seriesStart() + 2)}&q=${stamp}`)],
		['the booking form', later(() => `${room.path}/boka`)],
		['the preview of a series', (p, l) => preview(p, l, true)],
	];
	for (const lang of ['sv', 'en'])
		for (const [which, to] of pages)
			test(`${which} (${lang})`, T, async () => {
				const res = await to(page, lang);
				assert.equal(res.status(), 200);
				const w = await widths(page);
				assert.ok(w.scrollWidth <= w.clientWidth, `${page.url()} scrolls sideways at 320 px (${w.scrollWidth} > ${w.clientWidth})`);
				const v = await axeViolations(page);
				assert.equal(v.length, 0, describeViolations(`${which} at 320 px (${lang})`, v));
			});
});
