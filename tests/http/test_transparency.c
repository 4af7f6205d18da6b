/* The public figures of the grant system (issue 10, transparency): the
 * demo's ten years of decided grants with Malmö's 2018 sums; the list of
 * decided grants and its filters, pages and total; the same figures to
 * the öre in the page, the CSV, the JSON, the statistics page and its
 * workbook (read back by Python's csv module and openpyxl), all equal to
 * SUM over grant_awards; associations the register does not show, not
 * named but counted; an association's page year by year; a new award
 * and a renamed department seen at once. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct hclient *anon;

/* A number a query answers, -1 when it answers none. */
static long long
sql_number(const char *q)
{
	char v[32];
	return h_sql_line(q, v, sizeof(v)) && v[0] ? strtoll(v, NULL, 10) : -1;
}

/* The number after key in a body ("summa_ore":N, <data value="N">), -1
 * when there is none. */
static long long
number_after(const struct hresp *r, const char *key)
{
	const char *p = r->body.p ? strstr(r->body.p, key) : NULL;
	return p ? strtoll(p + strlen(key), NULL, 10) : -1;
}

/* The total the list page shows for a filter, from its machine-readable
 * <data> element; its status into *status. */
static long long
page_sum(const char *query, long *status)
{
	char path[256];
	struct hresp r = {0};
	snprintf(path, sizeof(path), "/bidrag/beviljade%s", query);
	h_get(anon, path, &r);
	*status = r.status;
	long long v = number_after(&r, "<data value=\"");
	hresp_free(&r);
	return v;
}

/* The count the API gives for a filter, and its sum in öre. */
static long long
api_sum(const char *query, long long *total)
{
	char path[256];
	struct hresp r = {0};
	snprintf(path, sizeof(path), "/api/v1/bidrag%s", query);
	h_get(anon, path, &r);
	*total = r.status == 200 ? number_after(&r, "{\"total\":") : -1;
	long long v = r.status == 200 ? number_after(&r, "\"summa_ore\":") : -1;
	hresp_free(&r);
	return v;
}

/* Saves a response's body in the test's directory; its path. */
static const char *
save(const char *path, const char *name)
{
	struct hresp r = {0};
	h_get(anon, path, &r);
	const char *file = h_path(name);
	FILE *f = fopen(file, "wb");
	if (f) {
		fwrite(r.body.p ? r.body.p : "", 1, r.body.n, f);
		fclose(f);
	}
	hresp_free(&r);
	return file;
}

/* Malmö's 2018 figures, which the demo reproduces exactly (öre). */
static const struct {
	const char *code;
	long long ore;
} malmo_2018[] = {
        {"FRI", 10970000000LL}, {"KUL", 7035000000LL}, {"AOS", 1490000000LL},
        {"FUN", 1250000000LL},  {"HVO", 25000000LL},   {"SK", 2520000000LL},
};

static void
demo_figures(void)
{
	for (size_t i = 0; i < sizeof(malmo_2018) / sizeof(malmo_2018[0]); i++) {
		char q[256];
		long status;
		snprintf(q, sizeof(q), "?ar=2018&forvaltning=%s", malmo_2018[i].code);
		long long page = page_sum(q, &status);
		h_check(status == 200 && page == malmo_2018[i].ore,
		        "the demo's %s granted %lld öre in 2018 (the page says %lld)",
		        malmo_2018[i].code, malmo_2018[i].ore, page);
	}
	h_check(sql_number("SELECT count(DISTINCT w.association_id) FROM grant_awards w JOIN "
	                   "departments d ON d.id = w.department_id WHERE d.code = 'FUN' AND "
	                   "w.year = 2018") == 40,
	        "disability support granted forty organisations in 2018");
	h_check(sql_number("SELECT sum(amount) FROM grant_awards w JOIN departments d ON d.id = "
	                   "w.department_id WHERE d.code = 'AOS' AND w.year = 2018 AND kind = "
	                   "'iop'") == 620000000LL,
	        "labour market and social services' IOP agreements are 6.2 MSEK in 2018");
	h_check(sql_number("SELECT count(DISTINCT year) FROM grant_awards") == 10,
	        "the history has ten years");
	struct hresp r = {0};
	h_get(anon, "/bidrag/statistik", &r);
	h_check(r.status == 200 && hresp_has(&r, "109 700 000,00") &&
	                hresp_has(&r, "70 350 000,00") && hresp_has(&r, "25 200 000,00") &&
	                hresp_has(&r, "<svg"),
	        "the statistics page shows the 2018 figures in its charts' tables");
	hresp_free(&r);
}

/* Every department's sum per year, in the page, the JSON, the CSV and
 * the workbook, against SUM over grant_awards. */
static void
money_exact(void)
{
	struct hstr sums = {0};
	h_sql("SELECT d.code, d.name_sv, w.year, sum(w.amount), count(*) FROM grant_awards w "
	      "JOIN departments d ON d.id = w.department_id GROUP BY d.code, d.name_sv, w.year",
	      &sums);
	int lines = 0, page_ok = 0, json_ok = 0;
	for (char *save = NULL, *l = strtok_r(sums.p, "\n", &save); l;
	     l = strtok_r(NULL, "\n", &save)) {
		char code[16], name[128];
		int year;
		long long sum, count;
		if (sscanf(l, "%15[^|]|%127[^|]|%d|%lld|%lld", code, name, &year, &sum, &count) !=
		    5)
			continue;
		lines++;
		char q[128];
		long status;
		long long total;
		snprintf(q, sizeof(q), "?ar=%d&forvaltning=%s", year, code);
		page_ok += page_sum(q, &status) == sum && status == 200;
		json_ok += api_sum(q, &total) == sum && total == count;
	}
	h_check(lines >= 60 && page_ok == lines,
	        "the page's total equals SUM for each of the %d "
	        "departments and years (%d equal)",
	        lines, page_ok);
	h_check(json_ok == lines,
	        "the JSON's sum and count equal SUM and count for each (%d equal)", json_ok);
	hstr_free(&sums);
	h_sql("SELECT d.name_sv, w.year, sum(w.amount) FROM grant_awards w JOIN departments d "
	      "ON d.id = w.department_id GROUP BY d.name_sv, w.year",
	      &sums);
	const char *csv = save("/oppna-data/bidrag.csv", "bidrag.csv");
	const char *xlsx = save("/bidrag/statistik.xlsx", "statistik.xlsx");
	static const char checker[] =
	        "import csv, sys, decimal, openpyxl\n"
	        "want = {}\n"
	        "for line in sys.stdin.read().splitlines():\n"
	        "    name, year, ore = line.split('|')\n"
	        "    want[(name, int(year))] = int(ore)\n"
	        "got, rows = {}, 0\n"
	        "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
	        "    r = csv.DictReader(f)\n"
	        "    assert r.fieldnames == ['ar', 'forvaltning', 'program', 'typ', 'forening',\n"
	        "                            'organisationsnummer', 'belopp_kr'], r.fieldnames\n"
	        "    for row in r:\n"
	        "        rows += 1\n"
	        "        kr = decimal.Decimal(row['belopp_kr'])\n"
	        "        assert kr == kr.quantize(decimal.Decimal('0.01')) and '.' in "
	        "row['belopp_kr']\n"
	        "        k = (row['forvaltning'], int(row['ar']))\n"
	        "        got[k] = got.get(k, 0) + int(kr * 100)\n"
	        "print('csv', rows, 'equal' if got == want else 'differ %r %r' % (got, want))\n"
	        "ws = openpyxl.load_workbook(sys.argv[2])['forvaltningar']\n"
	        "table = list(ws.iter_rows(values_only=True))\n"
	        "head = table[2]\n"
	        "cells = {}\n"
	        "for row in table[3:]:\n"
	        "    for i, v in enumerate(row[1:len(head) - 1], 1):\n"
	        "        if v:\n"
	        "            cells[(head[i], int(row[0]))] = round(v * 100)\n"
	        "print('xlsx', len(cells), 'equal' if cells == want else 'differ %r' % cells)\n";
	const char *py = h_path("check.py");
	h_write_file(py, checker);
	const char *argv[] = {"/usr/bin/python3", py, csv, xlsx, NULL};
	struct hstr out = {0}, err = {0};
	int rc = h_run(argv, sums.p, &out, &err);
	long rows = sql_number("SELECT count(*) FROM grant_awards");
	char want[64];
	snprintf(want, sizeof(want), "csv %ld equal\n", rows);
	h_check(rc == 0 && out.p && strstr(out.p, want),
	        "the CSV (Python's csv module) has every award and its sums per department and "
	        "year equal SUM: %s%s",
	        out.p ? out.p : "", err.p ? err.p : "");
	h_check(rc == 0 && out.p && strstr(out.p, "xlsx") && strstr(out.p, " equal\nxlsx") &&
	                strstr(strstr(out.p, "xlsx"), "equal"),
	        "the workbook (openpyxl) has the sums per department and year equal to SUM, to "
	        "the öre");
	hstr_free(&out);
	hstr_free(&err);
	hstr_free(&sums);
}

/* Filters, alone and together, against the same selection in SQL; a
 * deep page; values that name nothing. */
static void
filters(void)
{
	char area[64], group[64], q[256], sql[1024];
	h_sql_line("SELECT a.slug FROM areas a JOIN association_areas x ON x.area_id = a.id JOIN "
	           "grant_awards w ON w.association_id = x.association_id GROUP BY a.slug "
	           "ORDER BY count(*) DESC, a.slug LIMIT 1",
	           area, sizeof(area));
	h_sql_line(
	        "SELECT g.slug FROM target_groups g JOIN association_groups x ON x.group_id = "
	        "g.id JOIN grant_awards w ON w.association_id = x.association_id GROUP BY g.slug "
	        "ORDER BY count(*) DESC, g.slug LIMIT 1",
	        group, sizeof(group));
	/* the year and kind together choose a few grants: their area is the
	 * one with most of them, so that the three filters select some */
	char parea[64];
	h_sql_line("SELECT a.slug FROM areas a JOIN association_areas x ON x.area_id = a.id JOIN "
	           "grant_awards w ON w.association_id = x.association_id WHERE w.year = 2021 "
	           "AND w.kind = 'projektbidrag' GROUP BY a.slug ORDER BY count(*) DESC, a.slug "
	           "LIMIT 1",
	           parea, sizeof(parea));
	const char *in_area =
	        "EXISTS (SELECT 1 FROM association_areas x JOIN areas a ON a.id = "
	        "x.area_id WHERE x.association_id = w.association_id AND a.slug = '%s')";
	const char *in_group = "EXISTS (SELECT 1 FROM association_groups x JOIN target_groups g ON "
	                       "g.id = x.group_id WHERE x.association_id = w.association_id AND "
	                       "g.slug = '%s')";
	char a_cond[512], g_cond[512], p_cond[512];
	snprintf(a_cond, sizeof(a_cond), in_area, area);
	snprintf(p_cond, sizeof(p_cond), in_area, parea);
	snprintf(g_cond, sizeof(g_cond), in_group, group);
	struct {
		const char *query, *where;
	} cases[] = {
	        {"?typ=iop", "w.kind = 'iop'"},
	        {"?omrade=AREA", a_cond},
	        {"?malgrupp=GROUP", g_cond},
	        {"?ar=2021&typ=projektbidrag&omrade=PAREA",
	         "w.year = 2021 AND w.kind = 'projektbidrag' AND P"},
	        {"?forvaltning=KUL&malgrupp=GROUP",
	         "w.department_id = (SELECT id FROM departments WHERE code = 'KUL') AND G"},
	        {"?malgrupp=GROUP&omrade=AREA", "A AND G"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hstr s = {0};
		for (const char *p = cases[i].query; *p; p++)
			if (strncmp(p, "PAREA", 5) == 0)
				hstr_puts(&s, parea), p += 4;
			else if (strncmp(p, "AREA", 4) == 0)
				hstr_puts(&s, area), p += 3;
			else if (strncmp(p, "GROUP", 5) == 0)
				hstr_puts(&s, group), p += 4;
			else
				hstr_add(&s, p, 1);
		snprintf(q, sizeof(q), "%s", s.p);
		hstr_free(&s);
		for (const char *p = cases[i].where; *p; p++) {
			int alone =
			        (p[1] == 0 || p[1] == ' ') && (p == cases[i].where || p[-1] == ' ');
			const char *cond = !alone      ? NULL
			                   : *p == 'A' ? a_cond
			                   : *p == 'G' ? g_cond
			                   : *p == 'P' ? p_cond
			                               : NULL;
			if (cond)
				hstr_puts(&s, cond);
			else
				hstr_add(&s, p, 1);
		}
		snprintf(sql, sizeof(sql),
		         "SELECT coalesce(sum(w.amount), 0), count(*) FROM grant_awards w WHERE %s",
		         s.p);
		hstr_free(&s);
		char line[64];
		long long want_sum = -1, want_n = -1, total;
		if (h_sql_line(sql, line, sizeof(line)))
			sscanf(line, "%lld|%lld", &want_sum, &want_n);
		long status;
		long long page = page_sum(q, &status);
		long long api = api_sum(q, &total);
		h_check(status == 200 && want_n > 0 && page == want_sum && api == want_sum &&
		                total == want_n,
		        "filter %s: %lld grants, %lld öre, as SQL selects (page %lld, JSON %lld, "
		        "%lld)",
		        q, want_n, want_sum, page, api, total);
	}
	/* the last page of everything has the rest; past it nothing */
	long long all = sql_number("SELECT count(*) FROM grant_awards");
	long long last = (all + 49) / 50;
	struct hresp r = {0};
	snprintf(q, sizeof(q), "/bidrag/beviljade?sida=%lld", last);
	h_get(anon, q, &r);
	long long oldest = sql_number("SELECT min(id) FROM grant_awards");
	h_check(r.status == 200 && hresp_count(&r, "data-ore=") == (int)(all - (last - 1) * 50) &&
	                hresp_has(&r, "rel=\"prev\"") && !hresp_has(&r, "rel=\"next\""),
	        "the last page (%lld) has the last %lld grants", last, all - (last - 1) * 50);
	hresp_free(&r);
	snprintf(q, sizeof(q), "/api/v1/bidrag?sida=%lld", last);
	h_get(anon, q, &r);
	char idkey[64];
	snprintf(idkey, sizeof(idkey), "{\"id\":%lld,", oldest);
	h_check(r.status == 200 && hresp_has(&r, idkey), "the oldest grant is on the last page");
	hresp_free(&r);
	snprintf(q, sizeof(q), "/bidrag/beviljade?sida=%lld", last + 1);
	h_get(anon, q, &r);
	h_check(r.status == 200 && hresp_count(&r, "data-ore=") == 0, "past the last page, none");
	hresp_free(&r);
	const char *nothing[] = {"?ar=1850",           "?ar=abc",
	                         "?forvaltning=NOPE",  "?typ=nej",
	                         "?omrade=ingenstans", "?malgrupp=<script>"};
	int fine = 0;
	for (size_t i = 0; i < sizeof(nothing) / sizeof(nothing[0]); i++) {
		long status;
		long long total;
		fine += page_sum(nothing[i], &status) == 0 && status == 200 &&
		        api_sum(nothing[i], &total) == 0 && total == 0;
	}
	h_check(fine == 6, "a filter that names nothing selects nothing, never an error");
	h_get(anon, "/bidrag/beviljade?malgrupp=%3Cscript%3E", &r);
	h_check(r.status == 200 && !hresp_has(&r, "<script>"), "what was typed is escaped");
	hresp_free(&r);
	h_get(anon, "/bidrag/beviljade?ar=2018&lang=en", &r);
	h_check(r.status == 200 && hresp_has(&r, "Grants decided") && hresp_has(&r, "SEK ") &&
	                hresp_has(&r, "All departments"),
	        "the list in English");
	hresp_free(&r);
	h_get_status(anon, "/bidrag/beviljade?lang=sv"); /* the language sticks: back */
}

/* An association the register does not show: its grants are listed and
 * counted but it is not named, in the page, the CSV and the JSON. */
static void
hidden_association(void)
{
	char id[32], name[160], orgnr[32], q[256];
	h_sql_line("SELECT a.id FROM associations a JOIN grant_awards w ON w.association_id = a.id "
	           "WHERE a.public = 0 ORDER BY a.id LIMIT 1",
	           id, sizeof(id));
	snprintf(q, sizeof(q), "SELECT name FROM associations WHERE id = %s", id);
	h_sql_line(q, name, sizeof(name));
	snprintf(q, sizeof(q), "SELECT coalesce(orgnr, '') FROM associations WHERE id = %s", id);
	h_sql_line(q, orgnr, sizeof(orgnr));
	struct hresp r = {0};
	h_get(anon, "/oppna-data/bidrag.csv", &r);
	h_check(id[0] && name[0] && r.status == 200 && !hresp_has(&r, name) &&
	                (!orgnr[0] || !hresp_has(&r, orgnr)),
	        "the CSV does not name an association the register does not show (%s)", name);
	hresp_free(&r);
	h_get(anon, "/bidrag/beviljade", &r);
	int unnamed = hresp_count(&r, "En förening som inte visas i registret");
	hresp_free(&r);
	long long hidden_on_first = sql_number("SELECT count(*) FROM (SELECT w.id FROM "
	                                       "grant_awards w ORDER BY w.id DESC LIMIT 50) "
	                                       "t JOIN grant_awards w ON w.id = t.id JOIN "
	                                       "associations a ON a.id = w.association_id "
	                                       "WHERE a.public = 0 OR a.active = 0");
	h_check(unnamed == hidden_on_first && hidden_on_first > 0,
	        "the list says 'not shown in the register' for each such grant (%d of %lld)",
	        unnamed, hidden_on_first);
	snprintf(q, sizeof(q), "/foreningar/%s", id);
	h_check(h_get_status(anon, q) == 404, "and the register has no page for it");
	long long total;
	h_check(api_sum("", &total) == sql_number("SELECT sum(amount) FROM grant_awards") &&
	                total == sql_number("SELECT count(*) FROM grant_awards"),
	        "its grants are in the total all the same");
}

/* The association's public page: what it was granted, year by year. */
static void
association_page(void)
{
	char id[32], q[256];
	h_sql_line("SELECT a.id FROM associations a JOIN grant_awards w ON w.association_id = a.id "
	           "WHERE a.public = 1 AND a.active = 1 GROUP BY a.id ORDER BY count(*) DESC, a.id "
	           "LIMIT 1",
	           id, sizeof(id));
	snprintf(q, sizeof(q),
	         "SELECT year, sum(amount) FROM grant_awards WHERE association_id = %s GROUP BY "
	         "year",
	         id);
	struct hstr years = {0};
	h_sql(q, &years);
	snprintf(q, sizeof(q), "/foreningar/%s", id);
	struct hresp r = {0};
	h_get(anon, q, &r);
	int n = 0, shown = 0;
	for (char *save = NULL, *l = strtok_r(years.p, "\n", &save); l;
	     l = strtok_r(NULL, "\n", &save)) {
		int year;
		long long sum;
		char cell[128];
		if (sscanf(l, "%d|%lld", &year, &sum) != 2)
			continue;
		n++;
		snprintf(cell, sizeof(cell), "<th scope=\"row\">%d</th><td>", year);
		const char *row = r.body.p ? strstr(r.body.p, cell) : NULL;
		char ore[64];
		snprintf(ore, sizeof(ore), "data-ore=\"%lld\"", sum);
		const char *end = row ? strstr(row, "</tr>") : NULL;
		const char *at = row ? strstr(row, ore) : NULL;
		shown += at && end && at < end;
	}
	h_check(r.status == 200 && n > 0 && shown == n && hresp_has(&r, "Beviljade bidrag"),
	        "the association's page shows what it was granted each of its %d years", n);
	hresp_free(&r);
	hstr_free(&years);
	h_sql_line("SELECT a.id FROM associations a WHERE a.public = 1 AND a.active = 1 AND NOT "
	           "EXISTS (SELECT 1 FROM grant_awards w WHERE w.association_id = a.id) LIMIT 1",
	           id, sizeof(id));
	snprintf(q, sizeof(q), "/foreningar/%s", id);
	h_get(anon, q, &r);
	h_check(r.status == 200 && !hresp_has(&r, "id=\"beviljat\""),
	        "an association granted nothing has no such section");
	hresp_free(&r);
}

/* A grant written by another process shows at once in the list, its
 * total and the association's page (the ledger and the cached page
 * follow the generation). */
static void
new_award(void)
{
	char id[32], dept[32], q[1024];
	h_sql_line("SELECT a.id FROM associations a WHERE a.public = 1 AND a.active = 1 ORDER BY "
	           "a.id LIMIT 1",
	           id, sizeof(id));
	h_sql_line("SELECT id FROM departments WHERE code = 'HVO'", dept, sizeof(dept));
	snprintf(q, sizeof(q), "/foreningar/%s", id);
	h_get_status(anon, q); /* kept in the page cache */
	long status;
	long long before = page_sum("?ar=2026&forvaltning=HVO", &status);
	snprintf(q, sizeof(q),
	         "INSERT INTO grant_awards (department_id, kind, association_id, year, amount, "
	         "decided_on, reference, at) VALUES (%s, 'projektbidrag', %s, 2026, 1234567, "
	         "'2026-06-01', 'HVON 2026-06-01 § 3', 1780000000)",
	         dept, id);
	h_sql(q, NULL);
	h_other_process_wrote(H_GENERATION_TTL_MS);
	long long after = page_sum("?ar=2026&forvaltning=HVO", &status);
	h_check(before == 0 && after == 1234567, "a new grant is in the list's total at once");
	snprintf(q, sizeof(q), "/foreningar/%s", id);
	struct hresp r = {0};
	h_get(anon, q, &r);
	h_check(hresp_has(&r, "<th scope=\"row\">2026</th>") && hresp_has(&r, "12 345,67 kr"),
	        "and on the association's page");
	hresp_free(&r);
	h_get(anon, "/bidrag/statistik", &r);
	h_check(r.status == 200 && hresp_has(&r, "12 345,67"), "and in the statistics");
	hresp_free(&r);
}

/* A department renamed by another process is named anew in the list's
 * rows and its filter at once (the ledger keeps the names, migration 028
 * bumps its generation). */
static void
renamed_department(void)
{
	struct hresp r = {0};
	h_get(anon, "/bidrag/beviljade?forvaltning=KUL", &r);
	int before = hresp_has(&r, "Kulturnämnden i test");
	hresp_free(&r);
	h_sql("UPDATE departments SET name_sv = 'Kulturnämnden i test' WHERE code = 'KUL'", NULL);
	h_other_process_wrote(H_GENERATION_TTL_MS);
	h_get(anon, "/bidrag/beviljade?forvaltning=KUL", &r);
	h_check(!before && r.status == 200 && hresp_has(&r, "<td>Kulturnämnden i test</td>") &&
	                hresp_has(&r, ">Kulturnämnden i test</option>"),
	        "a department renamed is named anew in the rows and the filter at once");
	hresp_free(&r);
}

int
main(void)
{
	h_demo_history();
	h_start();
	anon = h_client();
	demo_figures();
	money_exact();
	filters();
	hidden_association();
	association_page();
	new_award();
	renamed_department();
	h_client_free(anon);
	return h_finish();
}
