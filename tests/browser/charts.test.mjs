// The officers' statistics as charts: every chart the browser draws has
// its table beside it with the same numbers, the SVG the server sends is
// XML a strict parser takes, axe finds nothing in either language, and on
// a phone the charts fit the width with legible text. Once for the demo
// officer, and once for a department of the test's own with two years of
// cases of both types and all outcomes at spread dates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { useApp, contextAs, withLang, axeViolations, describeViolations, widths, screenshot, PHONE, T } from './lib/app.mjs';
import { binaryPath } from './lib/server.mjs';

const OWN = { email: 'diagram@example.se', password: 'diagram-losenord-2026', name: 'Dagny Diagram' };
const STATS = '/handlaggning/statistik';
let demo;
let own;
let ownPhone;

// Nearly two years of cases for department DIA (all within the 24 months
// the page shows, whatever the day), from a fixed seed: both case types, most
// of them decided after 1 to 90 days with one of the three outcomes.
function seed(app) {
	const file = app.db.replace(/^sqlite:/, '');
	assert.ok(app.db.startsWith('sqlite:'), `the browser tests' database is SQLite (${app.db})`);
	// the case types samverka declares (src/eservices.c)
	const types = ['registrering', 'arsuppdatering'];
	const outcomes = ['bifall', 'avslag', 'delvis'];
	// a linear congruential generator in 32 bits, its high bits scaled to n
	let x = 20260301;
	const rand = (n) => {
		x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
		return Math.floor((x / 2 ** 32) * n);
	};
	const now = Math.floor(Date.now() / 1000);
	const sql = ["INSERT INTO departments (code, name_sv, name_en) VALUES ('DIA', 'Diagramförvaltningen', 'Chart department');"];
	for (let i = 1; i <= 300; i++) {
		const created = now - 3600 - rand(680 * 86400);
		const decided = created + (1 + rand(90)) * 86400;
		const done = decided < now && rand(10) < 8;
		const dnr = `DIA-1990-${String(i).padStart(4, '0')}`;
		sql.push(
			`INSERT INTO cases (diarienummer, department_id, year, serial, type, status, title, payload, created, updated) ` +
				`SELECT '${dnr}', id, 1990, ${i}, '${types[rand(types.length)]}', '${done ? 'beslutad' : 'inkommen'}', 'Diagramprov', '{}', ${created}, ${created} ` +
				`FROM departments WHERE code = 'DIA';`,
		);
		if (done)
			sql.push(
				`INSERT INTO case_decisions (case_id, outcome, reasoning, decided_by, decided_on, reference, at) ` +
					`SELECT id, '${outcomes[rand(3)]}', 'Prov', 'Provare', '1990-01-01', 'D 1', ${decided} FROM cases WHERE diarienummer = '${dnr}';`,
			);
	}
	execFileSync('sqlite3', ['-bail', '-batch', file], { input: '.timeout 10000\nBEGIN;\n' + sql.join('\n') + '\nCOMMIT;\n' });
	execFileSync(binaryPath(), ['user', 'add', '--db', app.db, '--email', OWN.email, '--name', OWN.name, '--role', 'officer', '--department', 'DIA'], {
		input: OWN.password + '\n',
		stdio: ['pipe', 'pipe', 'pipe'],
	});
}

const app = useApp({
	setup: async () => {
		seed(app);
		demo = await contextAs(app, 'officer');
		own = await contextAs(app, OWN);
		ownPhone = await contextAs(app, OWN, PHONE);
	},
});

// What each chart on the page shows: its caption, the drawing's name,
// bars and points with the value each stands for and its drawn height,
// the legend, and the table under it.
async function charts(page) {
	return page.$$eval('figure.chart', (figs) =>
		figs.map((f) => {
			const svg = f.querySelector('svg.chart-plot');
			const c = { id: f.id, caption: f.querySelector('figcaption').textContent.trim(), drawn: !!svg };
			c.empty = f.querySelector('.chart-empty')?.textContent.trim() || null;
			c.hasTable = !!f.querySelector('table');
			if (!svg) return c;
			const table = f.querySelector('table');
			c.role = svg.getAttribute('role');
			c.name = document.getElementById(svg.getAttribute('aria-labelledby'))?.textContent.trim();
			c.description = document.getElementById(svg.getAttribute('aria-describedby'))?.textContent.trim();
			c.tableCaption = table.querySelector('caption')?.textContent.trim();
			c.headers = [...table.querySelectorAll('thead th')].map((th) => ({ text: th.textContent.trim(), scope: th.getAttribute('scope') }));
			c.rows = [...table.querySelectorAll('tbody tr')].map((tr) => ({
				label: tr.querySelector('th[scope=row]')?.textContent.trim(),
				cells: [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()),
			}));
			const shape = (el) => ({
				label: Number(el.dataset.label),
				series: Number(el.dataset.series),
				value: el.dataset.value,
				height: el.getBBox().height,
				title: el.querySelector('title')?.textContent,
			});
			c.bars = [...svg.querySelectorAll('rect.chart-bar')].map(shape);
			c.points = [...svg.querySelectorAll('path.chart-point')].map(shape);
			c.xLabels = [...svg.querySelectorAll('text.chart-label')].map((t) => t.textContent);
			c.legend = [...f.querySelectorAll('.chart-legend li')].map((li) => li.textContent.trim());
			return c;
		}),
	);
}

// A chart and its table tell the same: a bar for every value above zero
// (a point for every known value) standing for the number in its cell, as
// high as that number, totals that add up, a legend naming the columns.
function assertChartMatchesTable(c, where) {
	const at = `${c.id} on ${where}`;
	assert.equal(c.role, 'img', `${at}: the drawing is an image`);
	assert.equal(c.name, c.caption, `${at}: the drawing is named by the caption`);
	assert.ok(c.description.length > 20, `${at}: the drawing has a description`);
	assert.ok(c.tableCaption.startsWith(c.caption), `${at}: the table's caption names the chart (${c.tableCaption})`);
	assert.ok(c.headers.every((h) => h.scope === 'col'), `${at}: column headers have scope`);
	assert.ok(c.rows.length > 0 && c.rows.every((r) => r.label), `${at}: every row has its header`);
	const total = ['Totalt', 'Total'].includes(c.headers.at(-1).text);
	const names = c.headers.slice(1, total ? -1 : undefined).map((h) => h.text);
	const known = (s) => /^-?\d+$/.test(s);
	for (const r of c.rows) {
		const cells = r.cells.slice(0, names.length);
		assert.equal(r.cells.length, names.length + (total ? 1 : 0), `${at}, ${r.label}: a cell per column`);
		if (total) {
			const sum = cells.filter(known).reduce((a, v) => a + Number(v), 0);
			assert.equal(r.cells.at(-1), String(sum), `${at}, ${r.label}: the total adds up`);
		}
	}
	const shapes = c.bars.length ? c.bars : c.points;
	assert.ok(shapes.length > 0, `${at}: something is drawn`);
	if (c.bars.length) {
		const nonzero = c.rows.reduce((n, r) => n + r.cells.slice(0, names.length).filter((v) => known(v) && v !== '0').length, 0);
		assert.equal(c.bars.length, nonzero, `${at}: a bar for each value above zero`);
	} else {
		const n = c.rows.reduce((k, r) => k + r.cells.slice(0, names.length).filter(known).length, 0);
		assert.equal(c.points.length, n, `${at}: a point for each known value`);
	}
	for (const s of shapes) {
		const row = c.rows[s.label];
		assert.ok(row, `${at}: shape for row ${s.label}`);
		assert.equal(row.cells[s.series], s.value, `${at}, ${row.label}, ${names[s.series]}: drawn as in the table`);
		assert.ok(s.title.startsWith(`${row.label}, ${names[s.series]}: ${s.value}`), `${at}: the tooltip says ${s.title}`);
	}
	// bars of one chart share one scale: height over value is the same for all
	const sized = c.bars.filter((b) => Number(b.value) >= 3);
	if (sized.length > 1) {
		const k = sized[0].height / Number(sized[0].value);
		for (const b of sized) assert.ok(Math.abs(b.height - k * Number(b.value)) <= 2, `${at}: bar of ${b.value} is ${b.height} high, ${k} a unit`);
	}
	if (names.length > 1) assert.deepEqual(c.legend, names, `${at}: the legend names the series`);
	assert.ok(c.xLabels.length >= 2 || c.rows.length < 2, `${at}: labels under the axis`);
	assert.equal(c.xLabels.at(-1), c.rows.at(-1).label, `${at}: the latest label is written`);
}

// The page's own bytes, fetched again, and each chart's <svg> in them
// given to the browser's XML parser: it must parse as it stands, with as
// many bars and points as the page shows.
async function svgAsXml(page) {
	return page.evaluate(async () => {
		const raw = await (await fetch(location.href)).text();
		const found = raw.match(/<svg class="chart-plot"[\s\S]*?<\/svg>/g) || [];
		return found.map((s) => {
			const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
			const err = doc.querySelector('parsererror');
			return {
				error: err ? err.textContent : null,
				root: doc.documentElement.namespaceURI + ' ' + doc.documentElement.localName,
				bars: doc.querySelectorAll('rect.chart-bar').length,
				points: doc.querySelectorAll('path.chart-point').length,
			};
		});
	});
}

// Opens the statistics in a language and checks every chart; returns them.
async function checkStatistics(context, lang, who) {
	const page = await context.newPage();
	const res = await page.goto(app.url + withLang(STATS, lang));
	assert.equal(res.status(), 200);
	assert.equal(await page.getAttribute('html', 'lang'), lang);
	const list = await charts(page);
	const where = `${who}'s statistics (${lang})`;
	assert.equal(list.length, 3, `${where}: three charts`);
	for (const c of list) {
		if (c.drawn) assertChartMatchesTable(c, where);
		else assert.ok(c.empty && !c.hasTable, `${where}: ${c.id} is drawn or says why not`);
	}
	const xml = await svgAsXml(page);
	const drawn = list.filter((c) => c.drawn);
	assert.equal(xml.length, drawn.length, `${where}: every drawing is in the page's bytes`);
	xml.forEach((x, i) => {
		assert.equal(x.error, null, `${where}: ${drawn[i].id} parses as XML`);
		assert.equal(x.root, 'http://www.w3.org/2000/svg svg', `${where}: ${drawn[i].id} is SVG`);
		assert.equal(x.bars, drawn[i].bars.length, `${where}: ${drawn[i].id} has its bars in XML too`);
		assert.equal(x.points, drawn[i].points.length, `${where}: ${drawn[i].id} has its points in XML too`);
	});
	const v = await axeViolations(page);
	assert.equal(v.length, 0, describeViolations(where, v));
	return { page, list };
}

test("the demo officer's statistics: each chart with its table, in Swedish and English, no axe violations", T, async () => {
	for (const lang of ['sv', 'en']) {
		const { page, list } = await checkStatistics(demo, lang, 'the demo officer');
		assert.ok(list[0].drawn, 'the demo has received cases to draw');
		const want = {
			sv: ['Inkomna ärenden per månad', 'Beslut per månad och utfall', 'Handläggningstid per kvartal, median'],
			en: ['Cases received per month', 'Decisions per month by outcome', 'Handling time per quarter, median'],
		};
		assert.deepEqual(
			list.map((c) => c.caption),
			want[lang],
		);
		await page.close();
	}
});

test('two years of cases of both types: stacked bars, lines and their tables agree, in both languages', T, async () => {
	for (const lang of ['sv', 'en']) {
		const { page, list } = await checkStatistics(own, lang, 'a department with two years');
		const [received, decisions, handling] = list;
		assert.ok(list.every((c) => c.drawn), 'all three charts are drawn');
		assert.equal(received.rows.length, 24, 'received: 24 months');
		assert.equal(received.headers.length, 1 + 2 + 1, 'received: month, both types, total');
		assert.equal(received.rows.reduce((n, r) => n + Number(r.cells.at(-1)), 0), 300, 'received: all 300 cases counted');
		assert.equal(decisions.headers.length, 1 + 3 + 1, 'decisions: month, three outcomes, total');
		assert.equal(handling.rows.length, 8, 'handling time: eight quarters');
		assert.equal(handling.headers.length, 1 + 1 + 2, 'handling time: all cases and each type');
		assert.ok(handling.points.length >= 8 * 3 - 4, `handling time: a point per quarter and line (${handling.points.length})`);
		assert.ok(received.xLabels.length < 24, 'not every month is written under the axis');
		await screenshot(page, `statistics-desktop-${lang}`);
		await page.close();
	}
});

test('on a phone the charts fit the width and their text stays legible', T, async () => {
	for (const lang of ['sv', 'en']) {
		const page = await ownPhone.newPage();
		await page.goto(app.url + withLang(STATS, lang));
		const w = await widths(page);
		assert.ok(w.scrollWidth <= w.clientWidth, `the statistics scroll sideways at 375 px: ${w.scrollWidth} > ${w.clientWidth}`);
		const sizes = await page.$$eval('svg.chart-plot', (svgs) =>
			svgs.map((s) => {
				const r = s.getBoundingClientRect();
				const tick = s.querySelector('text.chart-tick').getBoundingClientRect();
				const label = s.querySelector('text.chart-label').getBoundingClientRect();
				return { left: r.left, right: r.right, tick: tick.height, label: label.height, labelRight: label.right };
			}),
		);
		assert.equal(sizes.length, 3);
		for (const s of sizes) {
			assert.ok(s.left >= 0 && s.right <= w.clientWidth, `a chart stands from ${s.left} to ${s.right} px of ${w.clientWidth}`);
			assert.ok(s.tick >= 12 && s.label >= 12, `text in the chart is legible: ticks ${s.tick} px, labels ${s.label} px high`);
			assert.ok(s.labelRight <= s.right + 1, 'labels stay inside the drawing');
		}
		const v = await axeViolations(page);
		assert.equal(v.length, 0, describeViolations(`statistics on a phone (${lang})`, v));
		await screenshot(page, `statistics-phone-${lang}`);
		await page.close();
	}
});
