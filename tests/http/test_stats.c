/* The officers' statistics: two departments of the test's own with cases
 * at known moments, and the charts' tables reading them back by month in
 * Swedish time (a case that arrived just after midnight on the first of a
 * month counts in that month, not in the one before, as UTC would have
 * it), by outcome and by median handling time per quarter; on either
 * engine alike. The same tables as a workbook, read back by openpyxl. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static time_t now;
static int serial;

/* A moment in the month `back` months before this one, Stockholm time. */
static time_t
local_moment(int back, int day, int hour, int min)
{
	struct tm tm;
	localtime_r(&now, &tm);
	int m = tm.tm_year * 12 + tm.tm_mon - back;
	struct tm t = {.tm_year = m / 12,
	               .tm_mon = m % 12,
	               .tm_mday = day,
	               .tm_hour = hour,
	               .tm_min = min,
	               .tm_isdst = -1};
	return mktime(&t);
}

/* The label of a month back, as the page writes it: 2026-03. */
static const char *
month_label(int back, char *out, size_t n)
{
	time_t t = local_moment(back, 15, 12, 0);
	struct tm tm;
	localtime_r(&t, &tm);
	snprintf(out, n, "%04d-%02d", tm.tm_year + 1900, tm.tm_mon + 1);
	return out;
}

/* The label of a quarter back: 2026 K4 (sv) or 2026 Q4 (en). */
static const char *
quarter_label(int back, int english, char *out, size_t n)
{
	time_t t = local_moment(3 * back, 15, 12, 0);
	struct tm tm;
	localtime_r(&t, &tm);
	snprintf(out, n, "%04d %c%d", tm.tm_year + 1900, english ? 'Q' : 'K', tm.tm_mon / 3 + 1);
	return out;
}

/* Stores a case of a department that arrived at a given moment; with an
 * outcome, decided at another. */
static void
add_case(const char *dept, const char *type, time_t created, const char *outcome, time_t decided)
{
	char sql[1024];
	int n = ++serial;
	snprintf(sql, sizeof(sql),
	         "INSERT INTO cases (diarienummer, department_id, year, serial, type, status, "
	         "title, payload, created, updated) SELECT '%s-1990-%04d', id, 1990, %d, '%s', "
	         "'%s', 'Statistikprov', '{}', %lld, %lld FROM departments WHERE code = '%s'",
	         dept, n, n, type, outcome ? "beslutad" : "inkommen", (long long)created,
	         (long long)created, dept);
	int ok = h_sql(sql, NULL) == 0;
	if (outcome) {
		snprintf(sql, sizeof(sql),
		         "INSERT INTO case_decisions (case_id, outcome, reasoning, decided_by, "
		         "decided_on, reference, at) SELECT id, '%s', 'Prov', 'Provare', "
		         "'1990-01-01', 'D 1', %lld FROM cases WHERE diarienummer = '%s-1990-%04d'",
		         outcome, (long long)decided, dept, n);
		ok = ok && h_sql(sql, NULL) == 0;
	}
	if (!ok)
		h_note("could not store case %s-1990-%04d", dept, n);
}

/* The texts of the cells of one row (its header is label) of a chart's
 * table, joined by '|', tags dropped; "" when there is no such row. */
static const char *
row_of(const struct hresp *r, const char *chart, const char *label, char *out, size_t n)
{
	char start[96], th[96];
	snprintf(start, sizeof(start), "<figure class=\"chart\" id=\"%s\">", chart);
	snprintf(th, sizeof(th), "<th scope=\"row\">%s</th>", label);
	out[0] = 0;
	const char *f = r->body.p ? strstr(r->body.p, start) : NULL;
	const char *end = f ? strstr(f, "</figure>") : NULL;
	const char *p = f ? strstr(f, th) : NULL;
	if (!p || p > end)
		return out;
	p += strlen(th);
	const char *e = strstr(p, "</tr>");
	size_t k = 0;
	int in_tag = 0, cell = 0;
	for (; p < e && k + 2 < n; p++) {
		if (strncmp(p, "<td>", 4) == 0 && cell++)
			out[k++] = '|';
		if (*p == '<')
			in_tag = 1;
		else if (*p == '>')
			in_tag = 0;
		else if (!in_tag)
			out[k++] = *p;
	}
	out[k] = 0;
	return out;
}

/* How often needle occurs inside one chart's figure. */
static int
count_in(const struct hresp *r, const char *chart, const char *needle)
{
	char start[96];
	snprintf(start, sizeof(start), "<figure class=\"chart\" id=\"%s\">", chart);
	const char *f = r->body.p ? strstr(r->body.p, start) : NULL;
	if (!f)
		return -1;
	const char *end = strstr(f, "</figure>");
	int n = 0;
	for (const char *p = f; (p = strstr(p, needle)) != NULL && p < end; p += strlen(needle))
		n++;
	return n;
}

/* Whether one chart's figure holds needle. */
static int
chart_has(const struct hresp *r, const char *chart, const char *needle)
{
	return count_in(r, chart, needle) > 0;
}

/* Checks one row of a chart's table. */
static void
expect_row(const struct hresp *r, const char *chart, const char *label, const char *want)
{
	char got[256];
	row_of(r, chart, label, got, sizeof(got));
	h_check(strcmp(got, want) == 0, "%s, %s: %s (got '%s')", chart, label, want, got);
}

/* The statistics workbook as its reader sees it: a line per row that has
 * a value, "sheet|cell|cell…", numbers as integers, an empty cell as
 * nothing, read by Debian's python3-openpyxl. Returns the HTTP status. */
static long
workbook_lines(struct hclient *c, const char *path, char *out, size_t n)
{
	struct hresp r = {0};
	h_get(c, path, &r);
	long status = r.status;
	char ctype[128];
	out[0] = 0;
	const char *ct = hresp_header(&r, "Content-Type", ctype, sizeof(ctype));
	if (status != 200 || !ct || !strstr(ct, "spreadsheetml")) {
		hresp_free(&r);
		return status == 200 ? -1 : status;
	}
	char file[4200];
	snprintf(file, sizeof(file), "%s/statistik.xlsx", H.dir);
	FILE *f = fopen(file, "wb");
	if (f) {
		fwrite(r.body.p, 1, r.body.n, f);
		fclose(f);
	}
	hresp_free(&r);
	static const char reader[] =
	        "import sys, openpyxl\n"
	        "wb = openpyxl.load_workbook(sys.argv[1])\n"
	        "for ws in wb.worksheets:\n"
	        "    for row in ws.iter_rows(values_only=True):\n"
	        "        if any(v is not None for v in row):\n"
	        "            cells = ['' if v is None else str(int(v))\n"
	        "                     if isinstance(v, (int, float)) else str(v) for v in row]\n"
	        "            print('|'.join([ws.title] + cells))\n";
	char script[4200], cmd[8600];
	snprintf(script, sizeof(script), "%s/read_xlsx.py", H.dir);
	f = fopen(script, "w");
	if (f) {
		fputs(reader, f);
		fclose(f);
	}
	snprintf(cmd, sizeof(cmd), "%s '%s' '%s' 2>&1",
	         access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3", script,
	         file);
	FILE *p = popen(cmd, "r");
	size_t k = 0;
	if (p) {
		k = fread(out, 1, n - 1, p);
		pclose(p);
	}
	out[k] = 0;
	return status;
}

/* Whether the workbook's lines hold this one whole. */
static int
has_line(const char *lines, const char *line)
{
	size_t n = strlen(line);
	for (const char *p = lines; (p = strstr(p, line)) != NULL; p++)
		if ((p == lines || p[-1] == '\n') && (p[n] == '\n' || p[n] == 0))
			return 1;
	return 0;
}

/* Department STA: cases received over two years and more, none decided. */
static void
received(void)
{
	struct hclient *c = h_client();
	struct hresp r = {0};
	char l[32];
	h_check(h_login_as(c, "stat-a@example.se", "statistik-losenord-2026") == 303,
	        "the officer of STA signs in");
	add_case("STA", "arsuppdatering", now - 120, NULL, 0);
	add_case("STA", "arsuppdatering", now - 60, NULL, 0);
	add_case("STA", "registrering", local_moment(1, 15, 12, 0), NULL, 0);
	for (int i = 0; i < 3; i++)
		add_case("STA", "arsuppdatering", local_moment(5, 15, 12, i), NULL, 0);
	add_case("STA", "registrering", local_moment(5, 28, 23, 59), NULL, 0);
	/* 00:30 on the first, Stockholm time: the evening before in UTC */
	add_case("STA", "registrering", local_moment(10, 1, 0, 30), NULL, 0);
	add_case("STA", "arsuppdatering", local_moment(23, 1, 0, 5), NULL, 0);
	add_case("STA", "arsuppdatering", local_moment(24, 20, 12, 0), NULL, 0);

	h_get(c, "/handlaggning/statistik", &r);
	h_check(r.status == 200, "the statistics page answers 200 (%ld)", r.status);
	h_check(chart_has(&r, "inkomna", "<h2>Inkomna ärenden per månad</h2>"),
	        "the received chart has its title as a heading");
	h_check(chart_has(&r, "inkomna",
	                  "<thead><tr><th scope=\"col\">Månad</th><th scope=\"col\">Årlig "
	                  "uppdatering</th><th scope=\"col\">Föreningsregistrering</th>"
	                  "<th scope=\"col\">Totalt</th></tr></thead>"),
	        "its table has a column per type and a total");
	h_check(count_in(&r, "inkomna", "<th scope=\"row\">") == 24, "24 months in the table");
	char first[64];
	snprintf(first, sizeof(first), "<tbody>\n<tr><th scope=\"row\">%s</th>",
	         month_label(23, l, sizeof(l)));
	h_check(chart_has(&r, "inkomna", first), "the first row is 23 months back (%s)", l);
	expect_row(&r, "inkomna", month_label(0, l, sizeof(l)), "2|0|2");
	expect_row(&r, "inkomna", month_label(1, l, sizeof(l)), "0|1|1");
	expect_row(&r, "inkomna", month_label(5, l, sizeof(l)), "3|1|4");
	expect_row(&r, "inkomna", month_label(10, l, sizeof(l)), "0|1|1");
	expect_row(&r, "inkomna", month_label(11, l, sizeof(l)), "0|0|0");
	expect_row(&r, "inkomna", month_label(23, l, sizeof(l)), "1|0|1");
	expect_row(&r, "inkomna", month_label(24, l, sizeof(l)), "");
	h_check(count_in(&r, "inkomna", "class=\"chart-bar\"") == 6,
	        "a bar for each type and month with cases: 6 (%d)",
	        count_in(&r, "inkomna", "class=\"chart-bar\""));
	h_check(chart_has(&r, "inkomna", "role=\"img\" aria-labelledby=\"inkomna-namn\""),
	        "the drawing is an image named by its title");
	h_check(chart_has(&r, "beslut", "Inga beslut de senaste 24 månaderna."),
	        "no decisions: the decision chart says so");
	h_check(chart_has(&r, "handlaggningstid", "Inga beslut de senaste åtta kvartalen."),
	        "no decisions: the handling-time chart says so");
	h_check(hresp_has(&r, "<td>Årlig uppdatering</td><td>Inkommen</td><td>7</td>"),
	        "the table by type and status is still there");
	h_check(hresp_has(&r, "Öppna ärenden äldre än 30 dagar"), "and the open cases");
	hresp_free(&r);

	h_get(c, "/handlaggning/statistik?lang=en", &r);
	h_check(r.status == 200 && chart_has(&r, "inkomna", "<h2>Cases received per month</h2>") &&
	                chart_has(&r, "inkomna", "<th scope=\"col\">Yearly update</th>") &&
	                chart_has(&r, "inkomna", "<th scope=\"col\">Total</th>") &&
	                chart_has(&r, "beslut", "No decisions in the last 24 months."),
	        "in English too");
	expect_row(&r, "inkomna", month_label(5, l, sizeof(l)), "3|1|4");
	hresp_free(&r);

	/* the page links its tables as a workbook, a sheet per chart */
	h_get(c, "/handlaggning/statistik?lang=sv", &r);
	h_check(hresp_has(&r, "<a href=\"/handlaggning/statistik.xlsx\" download>"),
	        "the statistics page links the workbook");
	hresp_free(&r);
	static char wb[16384];
	long st = workbook_lines(c, "/handlaggning/statistik.xlsx", wb, sizeof(wb));
	h_check(st == 200, "the workbook answers 200 as a spreadsheet (%ld)", st);
	char line[256];
	snprintf(line, sizeof(line), "inkomna|%s|3|1|4", month_label(5, l, sizeof(l)));
	h_check(has_line(wb, "inkomna|Inkomna ärenden per månad|||") &&
	                has_line(wb, "inkomna|Månad|Årlig uppdatering|Föreningsregistrering|"
	                             "Totalt") &&
	                has_line(wb, line),
	        "its sheet of received cases has the title, the table's head and the same "
	        "numbers as the page (%s)",
	        line);
	snprintf(line, sizeof(line), "inkomna|%s|0|0|0", month_label(11, l, sizeof(l)));
	h_check(has_line(wb, line), "a month without cases is a row of zeros, as on the page");
	h_check(has_line(wb, "beslut|Beslut per månad och utfall") && !strstr(wb, "beslut|Månad|"),
	        "no decisions: the decision sheet has its title and no table");
	struct hclient *anon = h_client();
	st = workbook_lines(anon, "/handlaggning/statistik.xlsx", wb, sizeof(wb));
	h_check(st != 200 && st > 0, "someone not signed in gets no workbook (%ld)", st);
	h_client_free(anon);
	h_client_free(c);
}

/* Department STB: decisions this month, half a year back and out of the
 * period, with known handling times. */
static void
decided(void)
{
	struct hclient *c = h_client();
	struct hresp r = {0};
	char l[32];
	h_check(h_login_as(c, "stat-b@example.se", "statistik-losenord-2026") == 303,
	        "the officer of STB signs in");
	time_t at = now - 5;
	add_case("STB", "arsuppdatering", at - 2 * 86400, "bifall", at);
	add_case("STB", "arsuppdatering", at - 10 * 86400, "avslag", at);
	add_case("STB", "registrering", at - 30 * 86400, "bifall", at);
	time_t back6 = local_moment(6, 15, 12, 0);
	add_case("STB", "arsuppdatering", back6 - 5 * 86400, "delvis", back6);
	time_t back30 = local_moment(30, 15, 12, 0);
	add_case("STB", "arsuppdatering", back30 - 100 * 86400, "avslag", back30);

	h_get(c, "/handlaggning/statistik", &r);
	h_check(r.status == 200, "the statistics page answers 200 (%ld)", r.status);
	h_check(chart_has(&r, "beslut",
	                  "<thead><tr><th scope=\"col\">Månad</th><th scope=\"col\">Avslag</th>"
	                  "<th scope=\"col\">Bifall</th><th scope=\"col\">Delvis bifall</th>"
	                  "<th scope=\"col\">Totalt</th></tr></thead>"),
	        "the decision table has a column per outcome and a total");
	expect_row(&r, "beslut", month_label(0, l, sizeof(l)), "1|2|0|3");
	expect_row(&r, "beslut", month_label(6, l, sizeof(l)), "0|0|1|1");
	expect_row(&r, "beslut", month_label(7, l, sizeof(l)), "0|0|0|0");
	h_check(count_in(&r, "beslut", "class=\"chart-bar\"") == 3, "three bars of decisions (%d)",
	        count_in(&r, "beslut", "class=\"chart-bar\""));
	h_check(chart_has(&r, "handlaggningstid",
	                  "<thead><tr><th scope=\"col\">Kvartal</th><th scope=\"col\">Alla ärenden"
	                  "</th><th scope=\"col\">Årlig uppdatering</th><th scope=\"col\">"
	                  "Föreningsregistrering</th></tr></thead>"),
	        "the handling-time table has all cases and a column per type");
	h_check(count_in(&r, "handlaggningstid", "<th scope=\"row\">") == 8,
	        "eight quarters in the table");
	expect_row(&r, "handlaggningstid", quarter_label(0, 0, l, sizeof(l)), "10|6|30");
	expect_row(&r, "handlaggningstid", quarter_label(2, 0, l, sizeof(l)),
	           "5|5|–uppgift saknas");
	expect_row(&r, "handlaggningstid", quarter_label(1, 0, l, sizeof(l)),
	           "–uppgift saknas|–uppgift saknas|–uppgift saknas");
	h_check(count_in(&r, "handlaggningstid", "class=\"chart-point\"") == 5,
	        "a point for each known median: 5 (%d)",
	        count_in(&r, "handlaggningstid", "class=\"chart-point\""));
	h_check(chart_has(&r, "handlaggningstid", "<ul class=\"chart-legend\">"),
	        "the lines have a legend");
	h_check(hresp_has(&r, "10 dagar (5 beslutade ärenden)"),
	        "the overall median counts every decision: 10 days of 5");
	hresp_free(&r);

	h_get(c, "/handlaggning/statistik?lang=en", &r);
	expect_row(&r, "handlaggningstid", quarter_label(0, 1, l, sizeof(l)), "10|6|30");
	h_check(chart_has(&r, "handlaggningstid", "<h2>Handling time per quarter, median</h2>") &&
	                chart_has(&r, "beslut", "<th scope=\"col\">Partly granted</th>"),
	        "in English too");
	hresp_free(&r);

	/* the workbook in the language chosen (English since ?lang=en) */
	static char wb[16384];
	char line[256];
	long st = workbook_lines(c, "/handlaggning/statistik.xlsx", wb, sizeof(wb));
	snprintf(line, sizeof(line), "beslut|%s|1|2|0|3", month_label(0, l, sizeof(l)));
	h_check(st == 200 && has_line(wb, "beslut|Month|Refused|Granted|Partly granted|Total") &&
	                has_line(wb, line),
	        "the English workbook: the decisions' head and this month's 1, 2, 0 and 3 (%s)",
	        line);
	snprintf(line, sizeof(line), "handlaggningstid|%s|5|5|", quarter_label(2, 1, l, sizeof(l)));
	h_check(has_line(wb, line), "a median not known is an empty cell, not a zero (%s)", line);
	snprintf(line, sizeof(line), "handlaggningstid|%s|||", quarter_label(1, 1, l, sizeof(l)));
	h_check(has_line(wb, line), "a quarter without decisions: its label and empty cells");
	h_client_free(c);
}

int
main(void)
{
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	now = time(NULL);
	h_start();
	int ok = h_sql("INSERT INTO departments (code, name_sv, name_en) VALUES "
	               "('STA', 'Statistikprov A', 'Statistics test A'), "
	               "('STB', 'Statistikprov B', 'Statistics test B')",
	               NULL) == 0;
	ok = ok && h_user_add("stat-a@example.se", "Stina Statistik", "officer", "STA",
	                      "statistik-losenord-2026") == 0;
	ok = ok && h_user_add("stat-b@example.se", "Bo Beslut", "officer", "STB",
	                      "statistik-losenord-2026") == 0;
	h_check(ok, "two departments of the test's own, an officer each");
	received();
	decided();
	return h_finish();
}
