/* The invoice basis and the utilisation of venues (issue 11, point 9).
 * Bookings are made by SQL across two months in every state — confirmed,
 * pending, declined, cancelled in time, cancelled late, youth at 0 kr —
 * and the basis per association and month must be right to the öre on
 * the page, in the CSV (read by Python's csv) and in the XLSX (read by
 * openpyxl), equal to the database's own sums; an officer sees only their
 * department's venues, an administrator every one's or one chosen. The
 * caretaker's report of a booking not used is made on the booking's page
 * and refused for a time to come, a booking not confirmed and another
 * department's. The utilisation of a venue open ten hours a day, seven
 * days, is worked out by hand: 14 hours booked of 70 is 20 %, and with a
 * closed day 14 of 60; the workbook's weeks and hours agree. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct hclient *officer, *rep, *other_rep, *culture, *admin;
static char assoc[32], other_assoc[32], name_a[256], name_b[256], orgnr_a[32], orgnr_b[32];
static char fri[256], kultur[256], kultur_code[32];
static long hall, culture_hall, room;

/* The Unix seconds of a Stockholm time ("2025-03-04 10:00"), as date(1)
 * reckons it. */
static long long
stockholm(const char *when)
{
	char arg[96];
	snprintf(arg, sizeof(arg), "TZ=\"Europe/Stockholm\" %s", when);
	const char *argv[] = {"date", "-d", arg, "+%s", NULL};
	struct hstr out = {0}, err = {0};
	long long v = h_run(argv, NULL, &out, &err) == 0 && out.p ? strtoll(out.p, NULL, 10) : -1;
	hstr_free(&out);
	hstr_free(&err);
	return v;
}

/* Adds a venue of a department (by code) in an area (by slug, or NULL),
 * open 08:00–18:00 every day; its id. */
static long
venue_add(const char *name, const char *dept, const char *type, const char *area)
{
	char sql[1024], ar[128] = "NULL";
	if (area)
		snprintf(ar, sizeof(ar), "(SELECT id FROM areas WHERE slug = '%s')", area);
	snprintf(sql, sizeof(sql),
	         "INSERT INTO venues (department_id, type, name, sort_key, area_id, capacity, "
	         "created) VALUES ((SELECT id FROM departments WHERE code = '%s'), '%s', '%s', "
	         "lower('%s'), %s, 40, 0) RETURNING id",
	         dept, type, name, name, ar);
	long id = h_sql_number(sql);
	for (int d = 1; d <= 7; d++) {
		snprintf(sql, sizeof(sql),
		         "INSERT INTO venue_hours (venue_id, weekday, opens, closes) VALUES (%ld, "
		         "%d, "
		         "480, 1080)",
		         id, d);
		h_sql(sql, NULL);
	}
	return id;
}

/* Adds a booking from a Stockholm time for so many minutes, with its
 * hold when it holds its time; its id. */
static long
booking_add(long venue, const char *association, const char *when, int minutes, const char *status,
            long price, int late, int youth)
{
	char sql[1024];
	long long s = stockholm(when), e = s + minutes * 60LL;
	snprintf(sql, sizeof(sql),
	         "INSERT INTO bookings (venue_id, association_id, starts, ends, status, category, "
	         "price, activity, participants, youth, late, at) VALUES (%ld, %s, %lld, %lld, "
	         "'%s', "
	         "'%s', %ld, 'Träning', 12, %d, %d, 0) RETURNING id",
	         venue, association, s, e, status, youth ? "ungdom" : "forening", price, youth,
	         late);
	long id = h_sql_number(sql);
	if (strcmp(status, "confirmed") == 0 || strcmp(status, "pending") == 0) {
		snprintf(sql, sizeof(sql),
		         "INSERT INTO venue_holds (booking_id, leaf_id, starts, ends) VALUES (%ld, "
		         "%ld, "
		         "%lld, %lld)",
		         id, venue, s, e);
		h_sql(sql, NULL);
	}
	return id;
}

static long
post_status(struct hclient *c, const char *path)
{
	struct hstr f = {0};
	struct hresp r;
	h_form_add(&f, "csrf", h_csrf(c));
	h_post(c, path, f.p, &r);
	hstr_free(&f);
	long st = r.status;
	hresp_free(&r);
	return st;
}

/* Runs a Python reader on a downloaded body; its output into out. */
static void
python(const char *script, const char *kind, const struct hresp *r, char *out, size_t n)
{
	char file[300], path[300], cmd[1000];
	snprintf(file, sizeof(file), "%s/download.%s", H.dir, kind);
	snprintf(path, sizeof(path), "%s/reader.py", H.dir);
	FILE *f = fopen(file, "wb");
	if (f) {
		fwrite(r->body.p, 1, r->body.n, f);
		fclose(f);
	}
	h_write_file(path, script);
	snprintf(cmd, sizeof(cmd), "/usr/bin/python3 '%s' %s '%s' 2>&1", path, kind, file);
	FILE *p = popen(cmd, "r");
	size_t k = 0;
	if (p) {
		k = fread(out, 1, n - 1, p);
		pclose(p);
	}
	out[k] = 0;
}

/* Reads an invoice basis file back: "head|…", a line per row with hours
 * in hundredths and the amount in öre, then "sum|N". */
static const char invoice_reader[] =
        "import sys, csv, re\n"
        "kind, path = sys.argv[1], sys.argv[2]\n"
        "rows = []\n"
        "if kind == 'csv':\n"
        "    with open(path, newline='', encoding='utf-8') as f:\n"
        "        rd = list(csv.reader(f))\n"
        "    print('head|' + ','.join(rd[0]))\n"
        "    for row in rd[1:]:\n"
        "        for v in row[5:7]:\n"
        "            assert re.fullmatch(r'\\d+\\.\\d\\d', v), v\n"
        "        h = [int(v.replace('.', '')) for v in row[5:7]]\n"
        "        rows.append(row[:4] + [int(row[4])] + h)\n"
        "else:\n"
        "    import openpyxl\n"
        "    ws = openpyxl.load_workbook(path).worksheets[0]\n"
        "    it = ws.iter_rows(values_only=True)\n"
        "    print('head|' + ','.join(next(it)))\n"
        "    for row in it:\n"
        "        rows.append(list(row[:4]) + [int(row[4]), round(row[5] * 100), "
        "round(row[6] * 100)])\n"
        "for row in rows:\n"
        "    print('row|' + '|'.join(str(v) for v in row))\n"
        "print('sum|%d' % sum(row[6] for row in rows))\n";

/* The database's own sum of what a department (code, or NULL for all) is
 * to be charged for bookings starting in [from, to). */
static long
charged(const char *dept, const char *from, const char *to)
{
	char q[1024], where[128] = "";
	if (dept)
		snprintf(where, sizeof(where), " AND d.code = '%s'", dept);
	snprintf(
	        q, sizeof(q),
	        "SELECT coalesce(sum(b.price), 0) FROM bookings b JOIN venues v ON v.id = "
	        "b.venue_id JOIN departments d ON d.id = v.department_id WHERE b.starts >= %lld "
	        "AND "
	        "b.starts < %lld AND (b.status = 'confirmed' OR (b.status = 'cancelled' AND b.late "
	        "= 1))%s",
	        stockholm(from), stockholm(to), where);
	return h_sql_number(q);
}

/* Fetches the basis's CSV and XLSX and checks both hold exactly the lines
 * want and sum to sum öre. */
static void
files_say(struct hclient *c, const char *query, const char *want, long sum)
{
	static const char head[] =
	        "head|manad,forvaltning,forening,organisationsnummer,bokningar,timmar,belopp_kr\n";
	const char *kinds[] = {"csv", "xlsx"};
	for (int i = 0; i < 2; i++) {
		char path[256], out[4096], expect[4096];
		struct hresp r;
		snprintf(path, sizeof(path), "/handlaggning/lokaler/fakturaunderlag.%s?%s",
		         kinds[i], query);
		h_get(c, path, &r);
		h_check(r.status == 200, "%s answers 200 (got %ld)", path, r.status);
		python(invoice_reader, kinds[i], &r, out, sizeof(out));
		snprintf(expect, sizeof(expect), "%s%ssum|%ld\n", head, want, sum);
		h_check(strcmp(out, expect) == 0, "%s reads back as\n%s(got)\n%s", path, expect,
		        out);
		hresp_free(&r);
	}
}

static void
setup(void)
{
	h_parties(&officer, &rep, &other_rep, &culture, assoc);
	admin = h_client();
	h_check(h_login(admin, "admin") == 303, "an administrator signs in");
	h_sql_line("SELECT association_id FROM user_roles WHERE role = 'representative' AND "
	           "user_id = (SELECT id FROM users WHERE email = 'annan@example.se') AND "
	           "association_id IS NOT NULL",
	           other_assoc, sizeof(other_assoc));
	char q[256];
	snprintf(q, sizeof(q), "SELECT name FROM associations WHERE id = %s", assoc);
	h_sql_line(q, name_a, sizeof(name_a));
	snprintf(q, sizeof(q), "SELECT coalesce(orgnr, '') FROM associations WHERE id = %s", assoc);
	h_sql_line(q, orgnr_a, sizeof(orgnr_a));
	snprintf(q, sizeof(q), "SELECT name FROM associations WHERE id = %s", other_assoc);
	h_sql_line(q, name_b, sizeof(name_b));
	snprintf(q, sizeof(q), "SELECT coalesce(orgnr, '') FROM associations WHERE id = %s",
	         other_assoc);
	h_sql_line(q, orgnr_b, sizeof(orgnr_b));
	h_sql_line("SELECT name_sv FROM departments WHERE code = 'FRI'", fri, sizeof(fri));
	h_sql_line("SELECT d.code FROM user_roles r JOIN users u ON u.id = r.user_id JOIN "
	           "departments d ON d.id = r.department_id WHERE u.email = 'kultur@example.se'",
	           kultur_code, sizeof(kultur_code));
	snprintf(q, sizeof(q), "SELECT name_sv FROM departments WHERE code = '%s'", kultur_code);
	h_sql_line(q, kultur, sizeof(kultur));
	h_sql("INSERT INTO areas (slug, name) VALUES ('provomradet', 'Provområdet')", NULL);
	hall = venue_add("Fakturahallen", "FRI", "idrottshall", NULL);
	culture_hall = venue_add("Kultursalen", kultur_code, "samlingssal", NULL);
	room = venue_add("Provrummet", "FRI", "moteslokal", "provomradet");
	h_check(hall > 0 && culture_hall > 0 && room > 0 && other_assoc[0] && fri[0] && kultur[0],
	        "the venues, the other association and the departments are there");
}

/* March and April 2025 in every state a booking has. */
static void
invoice(void)
{
	booking_add(hall, assoc, "2025-03-04 10:00", 120, "confirmed", 30000, 0, 0);
	booking_add(hall, assoc, "2025-03-05 10:00", 90, "confirmed", 22550, 0, 0);
	booking_add(hall, assoc, "2025-03-06 10:00", 120, "cancelled", 30000, 1, 0);
	booking_add(hall, assoc, "2025-03-07 10:00", 120, "cancelled", 30000, 0, 0);
	booking_add(hall, assoc, "2025-03-08 10:00", 120, "pending", 30000, 0, 0);
	booking_add(hall, assoc, "2025-03-09 10:00", 120, "declined", 30000, 0, 0);
	booking_add(hall, other_assoc, "2025-03-04 14:00", 120, "confirmed", 0, 0, 1);
	/* 00:30 on 1 April in Stockholm is still 31 March in UTC */
	booking_add(hall, other_assoc, "2025-04-01 00:30", 60, "confirmed", 10000, 0, 0);
	booking_add(culture_hall, assoc, "2025-03-10 10:00", 120, "confirmed", 50000, 0, 0);

	long march = charged("FRI", "2025-03-01 00:00", "2025-04-01 00:00");
	h_check(march == 82550,
	        "the database charges the leisure department 825.50 kr for March "
	        "(got %ld öre)",
	        march);
	struct hresp r;
	h_get(officer, "/handlaggning/lokaler/fakturaunderlag?manad=2025-03", &r);
	h_check(r.status == 200 &&
	                hresp_has(&r, "<data id=\"summa\" value=\"82550\">825,50</data>"),
	        "the page's total for March is 825,50 kr, equal to the database's");
	h_check(hresp_has(&r, name_a) &&
	                hresp_has(&r, "<td class=\"num\">3</td><td class=\"num\">"
	                              "5,50</td>") &&
	                hresp_has(&r, "value=\"0\">0,00</data>"),
	        "one row per association: three bookings charged (two confirmed, one late "
	        "cancellation), 5,50 hours; the youth booking at 0,00 kr");
	h_check(!hresp_has(&r, "Kultursalen") && !hresp_has(&r, "500,00"),
	        "not the culture department's booking");
	h_check(hresp_has(&r, "fakturaunderlag.csv?manad=2025-03") &&
	                hresp_has(&r, "fakturaunderlag.xlsx?manad=2025-03"),
	        "the page links the CSV and the XLSX of the month");
	hresp_free(&r);

	char want[2048];
	snprintf(want, sizeof(want),
	         "row|2025-03|%s|%s|%s|3|550|82550\nrow|2025-03|%s|%s|%s|1|200|0\n", fri, name_a,
	         orgnr_a, fri, name_b, orgnr_b);
	if (strcmp(name_b, name_a) < 0) /* the rows come in the associations' order */
		snprintf(want, sizeof(want),
		         "row|2025-03|%s|%s|%s|1|200|0\nrow|2025-03|%s|%s|%s|3|550|82550\n", fri,
		         name_b, orgnr_b, fri, name_a, orgnr_a);
	files_say(officer, "manad=2025-03", want, march);

	long april = charged("FRI", "2025-04-01 00:00", "2025-05-01 00:00");
	snprintf(want, sizeof(want), "row|2025-04|%s|%s|%s|1|100|10000\n", fri, name_b, orgnr_b);
	h_check(april == 10000, "the booking at 00:30 on 1 April is April's (got %ld öre)", april);
	files_say(officer, "manad=2025-04", want, april);

	h_get(culture, "/handlaggning/lokaler/fakturaunderlag?manad=2025-03", &r);
	h_check(r.status == 200 && hresp_has(&r, "value=\"50000\">500,00</data>") &&
	                !hresp_has(&r, "825,50"),
	        "the culture officer sees only the culture department's 500,00 kr");
	hresp_free(&r);
	h_check(h_get_status(rep, "/handlaggning/lokaler/fakturaunderlag?manad=2025-03") != 200,
	        "a representative does not get the basis");

	long all = charged(NULL, "2025-03-01 00:00", "2025-04-01 00:00");
	h_get(admin, "/handlaggning/lokaler/fakturaunderlag?manad=2025-03", &r);
	char total[128];
	snprintf(total, sizeof(total), "<data id=\"summa\" value=\"%ld\">", all);
	h_check(r.status == 200 && all == 132550 && hresp_has(&r, total) && hresp_has(&r, kultur),
	        "an administrator sees every department's, 1 325,50 kr in all");
	hresp_free(&r);
	h_get(admin, "/handlaggning/lokaler/fakturaunderlag?manad=2025-03&forvaltning=FRI", &r);
	h_check(r.status == 200 && hresp_has(&r, "value=\"82550\">825,50</data>") &&
	                !hresp_has(&r, "value=\"50000\""),
	        "and the leisure department's alone when chosen");
	hresp_free(&r);
	snprintf(want, sizeof(want), "row|2025-03|%s|%s|%s|1|200|50000\n", kultur, name_a, orgnr_a);
	char query[128];
	snprintf(query, sizeof(query), "manad=2025-03&forvaltning=%s", kultur_code);
	files_say(admin, query, want, 50000);

	h_get(officer, "/handlaggning/lokaler/fakturaunderlag?manad=2025-03&lang=en", &r);
	h_check(r.status == 200 && hresp_has(&r, "Invoice basis for venue bookings") &&
	                hresp_has(&r, "<data id=\"summa\" value=\"82550\">825.50</data>"),
	        "in English the same total, written 825.50");
	hresp_free(&r);
	h_check(h_get_status(officer,
	                     "/handlaggning/lokaler/fakturaunderlag?manad=2025-03&lang=sv") == 200,
	        "and back in Swedish");
	h_get(officer, "/handlaggning/lokaler/fakturaunderlag?manad=2025-13", &r);
	h_check(r.status == 422, "a month that is none is refused (got %ld)", r.status);
	h_field_says(&r, "manad", "ÅÅÅÅ-MM");
	h_check(hresp_has(&r, "value=\"2025-13\""), "and what was typed is kept");
	hresp_free(&r);
	h_get(admin, "/handlaggning/lokaler/fakturaunderlag?manad=2025-03&forvaltning=NIX", &r);
	h_check(r.status == 422, "a department that is none is refused (got %ld)", r.status);
	h_field_says(&r, "forvaltning", "förvaltning i listan");
	hresp_free(&r);
	h_check(h_get_status(officer, "/handlaggning/lokaler/fakturaunderlag.csv?manad=x") == 404,
	        "and a file of a month that is none is not there");
}

/* Reads the utilisation workbook back: its sheets' rows, label first,
 * numbers with two decimals, an empty cell as "-". */
static const char usage_reader[] =
        "import sys, openpyxl\n"
        "wb = openpyxl.load_workbook(sys.argv[2])\n"
        "for ws in wb.worksheets:\n"
        "    for row in ws.iter_rows(min_row=4, values_only=True):\n"
        "        print(ws.title + '|' + '|'.join('-' if v is None else v if isinstance(v, str) "
        "else '%.2f' % v for v in row))\n";

/* The small case worked by hand: Provrummet is open 08–18 every day, 70
 * hours in week 10 of 2025; seven two-hour bookings, none on the
 * Wednesday, are 14 hours: 20 %. With the Wednesday closed, 14 of 60:
 * 23,33 %. */
static void
utilisation(void)
{
	static const char *const days[] = {"2025-03-03", "2025-03-04", "2025-03-06",
	                                   "2025-03-07", "2025-03-08", "2025-03-09"};
	char when[64];
	for (size_t i = 0; i < sizeof(days) / sizeof(*days); i++) {
		snprintf(when, sizeof(when), "%s 10:00", days[i]);
		booking_add(room, assoc, when, 120, "confirmed", 0, 0, 0);
	}
	long unused = booking_add(room, assoc, "2025-03-03 14:00", 120, "confirmed", 0, 0, 0);
	booking_add(room, assoc, "2025-03-05 10:00", 120, "cancelled", 0, 1, 0);
	booking_add(room, assoc, "2025-03-05 12:00", 120, "pending", 0, 0, 0);
	static const char page[] = "/handlaggning/lokaler/nyttjande?fran=2025-03-03&till=2025-03-09"
	                           "&omrade=provomradet";
	struct hresp r;
	h_get(officer, page, &r);
	h_check(r.status == 200 && hresp_has(&r, "<span id=\"andel\">20,00 %</span>") &&
	                hresp_has(&r, "70,00 timmar") && hresp_has(&r, "14,00 timmar"),
	        "14 hours booked of 70 bookable is 20,00 %% (pending and cancelled times are not "
	        "booked)");
	h_check(hresp_has(&r, "2025-W10") && hresp_has(&r, "Provrummet") &&
	                hresp_has(&r, "Måndagar 08–09: 0,00 %"),
	        "the week is charted, the venue named, and Monday 08–09 stands empty first");
	hresp_free(&r);

	char path[128];
	snprintf(path, sizeof(path), "/lokaler/bokningar/%ld", unused);
	h_get(officer, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "/ej-nyttjad\""),
	        "the booking's page offers its department's officer the not-used report");
	hresp_free(&r);
	h_get(rep, path, &r);
	h_check(r.status == 200 && !hresp_has(&r, "/ej-nyttjad\""), "but not the representative");
	hresp_free(&r);
	snprintf(path, sizeof(path), "/lokaler/bokningar/%ld/ej-nyttjad", unused);
	h_check(post_status(culture, path) == 404, "another department's officer gets 404");
	h_check(post_status(rep, path) != 303, "a representative cannot report it");
	h_check(post_status(officer, path) == 303, "the venue's officer reports it not used");
	char q[256];
	snprintf(q, sizeof(q), "SELECT not_used FROM bookings WHERE id = %ld", unused);
	h_check(h_sql_number(q) == 1, "it is marked");
	h_check(post_status(officer, path) == 409, "twice is refused (409)");
	snprintf(path, sizeof(path), "/lokaler/bokningar/%ld", unused);
	h_get(rep, path, &r);
	h_check(hresp_has(&r, "Inte nyttjad"), "the booking's page says it was not used");
	hresp_free(&r);

	char tomorrow[11], day[64];
	h_day(1, tomorrow);
	snprintf(day, sizeof(day), "%s 10:00", tomorrow);
	long future = booking_add(room, assoc, day, 60, "confirmed", 0, 0, 0);
	snprintf(path, sizeof(path), "/lokaler/bokningar/%ld/ej-nyttjad", future);
	h_check(post_status(officer, path) == 409, "a time to come cannot be reported (409)");
	long pending = h_sql_number("SELECT id FROM bookings WHERE status = 'pending' AND venue_id "
	                            "= (SELECT id FROM venues WHERE name = 'Provrummet')");
	snprintf(path, sizeof(path), "/lokaler/bokningar/%ld/ej-nyttjad", pending);
	h_check(post_status(officer, path) == 409, "nor a booking not confirmed (409)");
	snprintf(q, sizeof(q), "SELECT count(*) FROM bookings WHERE not_used = 1");
	h_check(h_sql_number(q) == 1, "nothing else is marked");

	snprintf(q, sizeof(q),
	         "INSERT INTO venue_closed (venue_id, day) VALUES (%ld, '2025-03-05')", room);
	h_sql(q, NULL);
	h_get(officer, page, &r);
	h_check(r.status == 200 && hresp_has(&r, "<span id=\"andel\">23,33 %</span>") &&
	                hresp_has(&r, "60,00 timmar"),
	        "with the Wednesday closed, 14 of 60 hours: 23,33 %%");
	h_check(hresp_has(&r, "1 bokningar, 2,00 timmar"),
	        "the booking not used is counted: one, two hours");
	hresp_free(&r);

	char xpath[256], out[8192];
	snprintf(xpath, sizeof(xpath),
	         "/handlaggning/lokaler/nyttjande.xlsx?fran=2025-03-03&till=2025-03-09"
	         "&omrade=provomradet");
	h_get(officer, xpath, &r);
	h_check(r.status == 200, "the workbook answers (got %ld)", r.status);
	python(usage_reader, "xlsx", &r, out, sizeof(out));
	hresp_free(&r);
	char line[256];
	snprintf(line, sizeof(line), "vecka|2025-W10|23.33\n");
	h_check(strstr(out, line) != NULL, "its week sheet says 23.33 %% (got\n%s)", out);
	h_check(strstr(out, "\nlokaler|Provrummet|23.33\n") != NULL, "and so does the venue's");
	/* Monday 10–11 booked whole, Wednesday closed (no value), Tuesday 14–15 empty */
	h_check(strstr(out, "\ntimmar|10–11|100.00|100.00|-|100.00|100.00|100.00|100.00\n") &&
	                strstr(out, "\ntimmar|14–15|100.00|0.00|-|0.00|0.00|0.00|0.00\n"),
	        "its hours sheet: 10–11 booked every open day, 14–15 on the Monday only, the "
	        "closed Wednesday without a value");
	h_check(strstr(out, "\nej-nyttjade|Provrummet|1.00\n") != NULL,
	        "and its not-used sheet counts the booking");

	h_get(culture, page, &r);
	h_check(r.status == 200 && !hresp_has(&r, "Provrummet") && hresp_has(&r, "<dd>0</dd>"),
	        "another department's officer does not see the venue");
	hresp_free(&r);
	h_get(admin,
	      "/handlaggning/lokaler/nyttjande?fran=2025-03-03&till=2025-03-09&omrade="
	      "provomradet&forvaltning=FRI&typ=moteslokal",
	      &r);
	h_check(r.status == 200 && hresp_has(&r, "<span id=\"andel\">23,33 %</span>"),
	        "an administrator sees it with the filters");
	hresp_free(&r);
	h_get(officer, "/handlaggning/lokaler/nyttjande?fran=2025-02-30&till=2025-03-09", &r);
	h_check(r.status == 422, "a day that is none is refused (got %ld)", r.status);
	h_field_says(&r, "fran", "datum som finns");
	hresp_free(&r);
	h_get(officer, "/handlaggning/lokaler/nyttjande?fran=2025-03-09&till=2025-03-03", &r);
	h_check(r.status == 422, "an end before the start is refused");
	h_field_says(&r, "till", "före startdagen");
	hresp_free(&r);
	h_get(officer, "/handlaggning/lokaler/nyttjande?fran=2024-01-01&till=2025-03-03", &r);
	h_check(r.status == 422, "more than a year is refused");
	h_field_says(&r, "till", "högst ett år");
	hresp_free(&r);
	h_get(officer, "/handlaggning/lokaler", &r);
	h_check(hresp_has(&r, "/handlaggning/lokaler/fakturaunderlag\"") &&
	                hresp_has(&r, "/handlaggning/lokaler/nyttjande\""),
	        "the venues' list links both");
	hresp_free(&r);
}

/* A split hall across the change to summer time (30 March 2025): its two
 * halves are the venues counted, each open 70 hours a week by the whole's
 * hours; the whole booked on Monday 31 March 10–11 (summer time) holds
 * both, half A booked on Monday 24 March 10–11 (winter time) holds one. */
static void
split_and_summer_time(void)
{
	h_sql("INSERT INTO areas (slug, name) VALUES ('sommaromradet', 'Sommarområdet')", NULL);
	long whole = venue_add("Sommarhallen", "FRI", "idrottshall", "sommaromradet");
	char q[512];
	long parts[2];
	for (int i = 0; i < 2; i++) {
		snprintf(q, sizeof(q),
		         "INSERT INTO venues (parent_id, department_id, type, name, sort_key, "
		         "area_id, "
		         "capacity, created) SELECT id, department_id, type, name || ' %c', "
		         "sort_key || "
		         "' %c', area_id, 20, 0 FROM venues WHERE id = %ld RETURNING id",
		         'A' + i, 'a' + i, whole);
		parts[i] = h_sql_number(q);
	}
	long b = booking_add(whole, assoc, "2025-03-31 10:00", 60, "confirmed", 0, 0, 0);
	long long s = stockholm("2025-03-31 10:00");
	snprintf(q, sizeof(q),
	         "DELETE FROM venue_holds WHERE booking_id = %ld; INSERT INTO venue_holds "
	         "(booking_id, "
	         "leaf_id, starts, ends) VALUES (%ld, %ld, %lld, %lld), (%ld, %ld, %lld, %lld)",
	         b, b, parts[0], s, s + 3600, b, parts[1], s, s + 3600);
	h_sql(q, NULL);
	booking_add(parts[0], assoc, "2025-03-24 10:00", 60, "confirmed", 0, 0, 0);
	snprintf(q, sizeof(q), "UPDATE bookings SET not_used = 1 WHERE id = %ld", b);
	h_sql(q, NULL);

	struct hresp r;
	h_get(officer,
	      "/handlaggning/lokaler/nyttjande.xlsx?fran=2025-03-24&till=2025-04-06"
	      "&omrade=sommaromradet",
	      &r);
	char out[8192];
	python(usage_reader, "xlsx", &r, out, sizeof(out));
	h_check(r.status == 200 && strstr(out, "vecka|2025-W13|0.71\n") &&
	                strstr(out, "vecka|2025-W14|1.43\n"),
	        "one hour of two halves' 140 in week 13, two in week 14 (got\n%s)", out);
	h_check(strstr(out, "\nlokaler|Sommarhallen – Sommarhallen B|0.71\n") &&
	                strstr(out, "\nlokaler|Sommarhallen – Sommarhallen A|1.43\n") &&
	                !strstr(out, "\nlokaler|Sommarhallen|"),
	        "the halves are counted, each under the whole's name, the least used first; the "
	        "whole itself is not a venue of its own there");
	h_check(strstr(out, "\ntimmar|09–10|0.00|") && strstr(out, "\ntimmar|10–11|75.00|"),
	        "both Mondays' bookings are at 10–11 local time, on both sides of the change: "
	        "three of four bookable hours");
	h_check(strstr(out, "\nej-nyttjade|Sommarhallen|1.00\n") != NULL,
	        "the whole's booking not used is listed under the whole, once");
	hresp_free(&r);
}

int
main(void)
{
	h_start();
	setup();
	invoice();
	utilisation();
	split_and_summer_time();
	return h_finish();
}
