/* The venues as open data (issue 11): /api/v1/lokaler and its filters,
 * each venue's fields (a split hall and its halves, prices inherited or
 * their own, hours to midnight), the bookings of a venue in a range with
 * Stockholm's offsets on both sides of the change to summer time, names
 * only where the association chose to be shown, a half showing the
 * whole's bookings and not its sibling's, cancelled and declined times
 * absent, every 400 and 404 as JSON, and /oppna-data/lokaler.csv read
 * back by Python's csv module, its prices right to the öre. */
#include "harness.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct hclient *anon;
static long assoc_shown, assoc_hidden;
static char shown_name[128], area_a[64], area_b[64];

/* Unix seconds of a UTC time: the oracle for the offsets the server
 * writes, worked out by hand from the rules (CET +01:00 until the last
 * Sunday of March, 29 March 2026, CEST +02:00 after). */
static long long
utc(int y, int mo, int d, int h, int mi)
{
	struct tm tm = {
	        .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi};
	return (long long)timegm(&tm);
}

/* The venues, prices, hours, associations and bookings of the test, with
 * ids of their own above the demo's, in the demo's leisure department and
 * two of its areas. */
static void
setup(void)
{
	assoc_shown = 9101;
	assoc_hidden = 9102;
	snprintf(shown_name, sizeof shown_name, "Provklubben Öster");
	h_check(h_sql("INSERT INTO associations (id, name, sort_key, form, created, updated) "
	              "VALUES (9101, 'Provklubben Öster', 'provklubben oster', 'informell', 0, 0), "
	              "(9102, 'Dolda sällskapet', 'dolda sallskapet', 'informell', 0, 0)",
	              NULL) == 0,
	        "the test's two associations are written");
	h_sql_line("SELECT slug FROM areas ORDER BY id LIMIT 1", area_a, sizeof area_a);
	h_sql_line("SELECT slug FROM areas ORDER BY id DESC LIMIT 1", area_b, sizeof area_b);
	long dept = h_sql_number("SELECT id FROM departments WHERE code = 'FRI'");
	h_check(dept > 0 && area_a[0] && strcmp(area_a, area_b) != 0,
	        "the demo has a leisure department and two areas");
	struct hstr sql = {0};
	hstr_printf(
	        &sql,
	        "INSERT INTO venues (id, parent_id, department_id, type, name, sort_key, address, "
	        "area_id, capacity, step_free, accessible_toilet, hearing_loop, lift, equipment, "
	        "approval, active, created) VALUES "
	        "(9001, NULL, %ld, 'idrottshall', 'Provhallen Öster', 'provhallen oster', "
	        "'Östra vägen 1', (SELECT id FROM areas WHERE slug = '%s'), 300, 1, 1, 0, 0, "
	        "'Korgar, \"mål\" och läktare', 1, 1, 0), "
	        "(9002, 9001, %ld, 'idrottshall', 'Provhallen Öster, halva \"A\"', 'provhallen "
	        "oster a', "
	        "'Östra vägen 1', (SELECT id FROM areas WHERE slug = '%s'), 150, 1, 1, 0, 0, '', "
	        "1, "
	        "1, 0), "
	        "(9003, 9001, %ld, 'idrottshall', 'Provhallen Öster halva B', 'provhallen oster "
	        "b', "
	        "'Östra vägen 1', (SELECT id FROM areas WHERE slug = '%s'), 150, 1, 1, 0, 0, '', "
	        "1, "
	        "1, 0), "
	        "(9004, NULL, %ld, 'moteslokal', 'Provrummet Väster', 'provrummet vaster', "
	        "'Provgatan 7', (SELECT id FROM areas WHERE slug = '%s'), 20, 0, 0, 1, 1, "
	        "'Projektor', 0, 1, 0), "
	        "(9005, NULL, %ld, 'moteslokal', 'Provhallen stängd', 'provhallen stangd', '', "
	        "NULL, 40, 1, 1, 1, 1, '', 1, 0, 0);\n"
	        "INSERT INTO venue_prices (venue_id, category, per_hour) VALUES "
	        "(9001, 'ordinarie', 45000), (9001, 'forening', 15075), (9001, 'ungdom', 0), "
	        "(9003, 'ordinarie', 12345), "
	        "(9004, 'ordinarie', 20001), (9004, 'forening', 5050), (9004, 'ungdom', 1);\n"
	        "INSERT INTO venue_hours (venue_id, weekday, opens, closes) VALUES "
	        "(9001, 1, 480, 1320), (9001, 2, 480, 1320), (9001, 3, 480, 1320), "
	        "(9001, 4, 480, 1320), (9001, 5, 480, 1320), (9001, 6, 540, 1020), "
	        "(9001, 7, 540, 1020), "
	        "(9004, 1, 480, 1320), (9004, 2, 480, 1320), (9004, 3, 480, 1320), "
	        "(9004, 4, 480, 1320), (9004, 5, 480, 1320), (9004, 6, 600, 1440)",
	        dept, area_a, dept, area_a, dept, area_a, dept, area_b, dept);
	h_check(h_sql(sql.p, NULL) == 0, "the test's venues, prices and hours are written");
	hstr_free(&sql);
	/* id, venue, starts, ends (UTC), status, association, show_name */
	const struct {
		int id, venue;
		long long starts, ends;
		const char *status;
		int hidden, show;
	} b[] = {
	        /* the whole hall, 18:00 on the Tuesday before the change (+01:00) */
	        {90001, 9001, utc(2026, 3, 24, 17, 0), utc(2026, 3, 24, 19, 0), "confirmed", 0, 1},
	        /* and 18:00 on the Tuesday after it (+02:00), a name not to show */
	        {90002, 9001, utc(2026, 3, 31, 16, 0), utc(2026, 3, 31, 18, 0), "pending", 1, 0},
	        /* half A, after that */
	        {90003, 9002, utc(2026, 3, 31, 18, 0), utc(2026, 3, 31, 19, 0), "confirmed", 0, 1},
	        /* half B, in the morning */
	        {90004, 9003, utc(2026, 3, 31, 7, 0), utc(2026, 3, 31, 8, 0), "confirmed", 0, 1},
	        /* cancelled and declined: hold nothing */
	        {90005, 9001, utc(2026, 3, 25, 17, 0), utc(2026, 3, 25, 19, 0), "cancelled", 0, 1},
	        {90006, 9001, utc(2026, 3, 26, 17, 0), utc(2026, 3, 26, 19, 0), "declined", 0, 1},
	        /* over the night into the first day, 23:00–01:00 local */
	        {90008, 9001, utc(2026, 3, 22, 22, 0), utc(2026, 3, 23, 0, 0), "confirmed", 0, 1},
	        /* the last day's evening, and the first minutes after it */
	        {90009, 9001, utc(2026, 4, 5, 18, 0), utc(2026, 4, 5, 20, 0), "confirmed", 0, 1},
	        {90010, 9001, utc(2026, 4, 5, 22, 30), utc(2026, 4, 5, 23, 30), "confirmed", 0, 1},
	        /* the room at 02:30 twice in the night summer time ends (25 October
	         * 2026, 03:00 +02:00 back to 02:00 +01:00), half an hour each: the
	         * first ends at the change, 02:00 +01:00 */
	        {90011, 9004, utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1, 0), "confirmed", 0, 0},
	        {90012, 9004, utc(2026, 10, 25, 1, 30), utc(2026, 10, 25, 2, 0), "confirmed", 0, 0},
	};
	struct hstr ins = {0};
	hstr_puts(&ins, "INSERT INTO bookings (id, venue_id, association_id, starts, ends, status, "
	                "category, price, activity, participants, show_name, at) VALUES ");
	for (size_t i = 0; i < sizeof b / sizeof *b; i++)
		hstr_printf(&ins,
		            "%s(%d, %d, %ld, %lld, %lld, '%s', 'forening', 0, 'Träning', 10, "
		            "%d, 0)",
		            i ? ", " : "", b[i].id, b[i].venue,
		            b[i].hidden ? assoc_hidden : assoc_shown, b[i].starts, b[i].ends,
		            b[i].status, b[i].show);
	h_check(h_sql(ins.p, NULL) == 0, "the test's bookings are written");
	hstr_free(&ins);
}

/* GETs path and parses the body; the status into *status, NULL when the
 * body is no JSON. */
static json_t *
get_json(const char *path, long *status, char *ctype, size_t nctype)
{
	struct hresp r = {0};
	h_get(anon, path, &r);
	*status = r.status;
	if (ctype && !hresp_header(&r, "Content-Type", ctype, nctype))
		ctype[0] = 0;
	json_t *j = r.body.p ? json_loads(r.body.p, 0, NULL) : NULL;
	hresp_free(&r);
	return j;
}

/* The ids of a list's items, comma-separated, into out. */
static const char *
ids_of(json_t *j, char *out, size_t n)
{
	size_t at = 0, i;
	json_t *item;
	out[0] = 0;
	json_array_foreach(json_object_get(j, "items"), i, item)
	{
		at += (size_t)snprintf(out + at, n - at, "%s%lld", at ? "," : "",
		                       (long long)json_integer_value(json_object_get(item, "id")));
		if (at >= n)
			break;
	}
	return out;
}

/* The venues a filter of /api/v1/lokaler lists, as ids; "400 name" when
 * the answer is a JSON 400 naming the parameter, "STATUS" otherwise. */
static const char *
listed(const char *query, char *out, size_t n)
{
	char path[256], ctype[64];
	long status;
	snprintf(path, sizeof path, "/api/v1/lokaler?%s", query);
	json_t *j = get_json(path, &status, ctype, sizeof ctype);
	if (status == 200 && j && strncmp(ctype, "application/json", 16) == 0 &&
	    json_integer_value(json_object_get(j, "total")) ==
	            (json_int_t)json_array_size(json_object_get(j, "items")))
		ids_of(j, out, n);
	else if (status == 400 && j && json_integer_value(json_object_get(j, "error")) == 400 &&
	         strncmp(ctype, "application/json", 16) == 0)
		snprintf(out, n, "400 %s", json_string_value(json_object_get(j, "parameter")));
	else
		snprintf(out, n, "%ld", status);
	json_decref(j);
	return out;
}

/* The venues the page /lokaler lists for a filter, as ids in its order;
 * "STATUS" when it does not answer 200. */
static const char *
page_listed(const char *query, char *out, size_t n)
{
	char path[256];
	struct hresp r = {0};
	snprintf(path, sizeof path, "/lokaler?%s", query);
	h_get(anon, path, &r);
	size_t at = 0;
	out[0] = 0;
	if (r.status != 200)
		snprintf(out, n, "%ld", r.status);
	static const char link[] = "<h2><a href=\"/lokaler/";
	for (const char *p = r.status == 200 ? r.body.p : NULL; p && (p = strstr(p, link));
	     p += sizeof link - 1)
		if (at < n)
			at += (size_t)snprintf(out + at, n - at, "%s%ld", at ? "," : "",
			                       strtol(p + sizeof link - 1, NULL, 10));
	hresp_free(&r);
	return out;
}

/* Each filter alone and together against the venues the test wrote; each
 * bad value a JSON 400 naming its parameter; no filter, every active venue. */
static void
filters(void)
{
	static const struct {
		const char *query, *want, *what;
	} cases[] = {
	        {"q=Prov", "9001,9002,9003,9004", "q matches the names, the inactive one not"},
	        {"q=provhallen", "9001,9002,9003", "q without regard to case"},
	        {"q=Provgatan", "9004", "q matches the address"},
	        {"q=Prov&typ=moteslokal", "9004", "typ"},
	        {"q=Prov&typ=idrottshall&kapacitet=150", "9001,9002,9003",
	         "kapacitet is the least"},
	        {"q=Prov&kapacitet=151", "9001", "kapacitet above the halves"},
	        {"q=Prov&stegfri=1&rwc=1", "9001,9002,9003", "stegfri and rwc"},
	        {"q=Prov&horslinga=1", "9004", "horslinga"},
	        {"q=Prov&hiss=1&stegfri=1", "", "hiss and stegfri together match none"},
	        {"kapacitet=tio", "400 kapacitet", "a capacity that is no number"},
	        {"kapacitet=0", "400 kapacitet", "a capacity below one"},
	        {"typ=slott", "400 typ", "an unknown type"},
	        {"omrade=atlantis", "400 omrade", "an unknown area"},
	        {"stegfri=ja", "400 stegfri", "a box that is not 1"},
	        {"rwc=2", "400 rwc", "rwc=2"},
	        {"horslinga=true", "400 horslinga", "horslinga=true"},
	        {"hiss=0", "400 hiss", "hiss=0"},
	};
	char got[256], page[256];
	int same = 0;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		h_check(strcmp(listed(cases[i].query, got, sizeof got), cases[i].want) == 0,
		        "/api/v1/lokaler?%s: %s (%s; got \"%s\")", cases[i].query, cases[i].want,
		        cases[i].what, got);
		page_listed(cases[i].query, page, sizeof page);
		same += strncmp(got, "400 ", 4) == 0 ? strcmp(page, "400") == 0
		                                     : strcmp(page, got) == 0;
	}
	h_check(same == (int)(sizeof cases / sizeof *cases),
	        "the page /lokaler lists the same venues for each filter, in the same order, and "
	        "refuses the same values (%d of %zu)",
	        same, sizeof cases / sizeof *cases);
	char q[256];
	snprintf(q, sizeof q, "q=%0201d", 0);
	h_check(strcmp(listed(q, got, sizeof got), "400 q") == 0,
	        "a search of 201 characters is a 400 naming q (%s)", got);
	snprintf(q, sizeof q, "q=Prov&omrade=%s", area_b);
	h_check(strcmp(listed(q, got, sizeof got), "9004") == 0, "omrade=%s lists the room (%s)",
	        area_b, got);
	long status;
	json_t *j = get_json("/api/v1/lokaler", &status, NULL, 0);
	long active = h_sql_number("SELECT count(*) FROM venues WHERE active = 1");
	h_check(status == 200 && json_integer_value(json_object_get(j, "total")) == active &&
	                (long)json_array_size(json_object_get(j, "items")) == active,
	        "without filters every active venue is listed (%ld)", active);
	json_decref(j);
}

/* The venue of a list by id. */
static json_t *
item(json_t *list, long id)
{
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(list, "items"), i, x)
	{
		if (json_integer_value(json_object_get(x, "id")) == id)
			return x;
	}
	return NULL;
}

/* A value at a path of keys ("a.b.c") as text: "" when absent, "null"
 * for null or below a null. */
static const char *
at(json_t *j, const char *path)
{
	char key[64];
	while (j && *path && !json_is_null(j)) {
		size_t n = strcspn(path, ".");
		snprintf(key, sizeof key, "%.*s", (int)n, path);
		j = json_object_get(j, key);
		path += n + (path[n] == '.');
	}
	if (json_is_null(j))
		return "null";
	if (json_is_true(j))
		return "true";
	if (json_is_false(j))
		return "false";
	if (json_is_integer(j)) {
		static char num[32];
		snprintf(num, sizeof num, "%lld", (long long)json_integer_value(j));
		return num;
	}
	return json_is_string(j) ? json_string_value(j) : "";
}

/* An array of integers as "a,b". */
static const char *
int_list(json_t *a, char *out, size_t n)
{
	size_t len = 0, i;
	json_t *x;
	out[0] = 0;
	json_array_foreach(a, i, x)
	{
		len += (size_t)snprintf(out + len, n - len, "%s%lld", i ? "," : "",
		                        (long long)json_integer_value(x));
		if (len >= n)
			break;
	}
	return out;
}

/* Every field of the four venues as a client reads it. */
static void
fields(void)
{
	long status;
	json_t *list = get_json("/api/v1/lokaler?q=Prov", &status, NULL, 0);
	json_t *hall = item(list, 9001), *half_a = item(list, 9002), *half_b = item(list, 9003),
	       *room = item(list, 9004);
	h_check(status == 200 && hall && half_a && half_b && room, "the four venues are listed");
	static const struct {
		long id;
		const char *path, *want;
	} want[] = {
	        {9001, "namn", "Provhallen Öster"},
	        {9001, "typ.kod", "idrottshall"},
	        {9001, "typ.namn_sv", "Idrottshall"},
	        {9001, "typ.namn_en", "Sports hall"},
	        {9001, "forvaltning.kod", "FRI"},
	        {9001, "adress", "Östra vägen 1"},
	        {9001, "kapacitet", "300"},
	        {9001, "tillganglighet.stegfri_entre", "true"},
	        {9001, "tillganglighet.rwc", "true"},
	        {9001, "tillganglighet.horslinga", "false"},
	        {9001, "tillganglighet.hiss", "false"},
	        {9001, "utrustning", "Korgar, \"mål\" och läktare"},
	        {9001, "del_av", "null"},
	        {9001, "pris_per_timme.ordinarie.ore", "45000"},
	        {9001, "pris_per_timme.ordinarie.kr", "450.00"},
	        {9001, "pris_per_timme.forening.ore", "15075"},
	        {9001, "pris_per_timme.forening.kr", "150.75"},
	        {9001, "pris_per_timme.ungdom.ore", "0"},
	        {9001, "pris_per_timme.ungdom.kr", "0.00"},
	        {9001, "oppettider.mandag.oppnar", "08:00"},
	        {9001, "oppettider.mandag.stanger", "22:00"},
	        {9001, "oppettider.sondag.oppnar", "09:00"},
	        {9001, "oppettider.sondag.stanger", "17:00"},
	        {9001, "kraver_godkannande", "true"},
	        {9001, "lankar.html", "/lokaler/9001"},
	        {9001, "lankar.ics", "/lokaler/9001/kalender.ics"},
	        {9001, "lankar.bokningar", "/api/v1/lokaler/9001/bokningar"},
	        /* a half without prices or hours of its own has the whole's */
	        {9002, "del_av", "9001"},
	        {9002, "kapacitet", "150"},
	        {9002, "pris_per_timme.forening.kr", "150.75"},
	        {9002, "oppettider.lordag.oppnar", "09:00"},
	        /* a half with a price of its own has only its own */
	        {9003, "pris_per_timme.ordinarie.ore", "12345"},
	        {9003, "pris_per_timme.ordinarie.kr", "123.45"},
	        {9003, "pris_per_timme.forening", "null"},
	        {9003, "pris_per_timme.ungdom", "null"},
	        {9003, "oppettider.fredag.stanger", "22:00"},
	        {9004, "typ.kod", "moteslokal"},
	        {9004, "omrade.slug", area_b},
	        {9004, "tillganglighet.horslinga", "true"},
	        {9004, "tillganglighet.hiss", "true"},
	        {9004, "pris_per_timme.ordinarie.kr", "200.01"},
	        {9004, "pris_per_timme.forening.kr", "50.50"},
	        {9004, "pris_per_timme.ungdom.kr", "0.01"},
	        {9004, "oppettider.lordag.oppnar", "10:00"},
	        {9004, "oppettider.lordag.stanger", "24:00"},
	        {9004, "oppettider.sondag", "null"},
	        {9004, "kraver_godkannande", "false"},
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		const char *got = at(item(list, want[i].id), want[i].path);
		h_check(strcmp(got, want[i].want) == 0, "venue %ld's %s is %s (got %s)", want[i].id,
		        want[i].path, want[i].want, got);
	}
	char parts[64];
	h_check(strcmp(int_list(json_object_get(hall, "delar"), parts, sizeof parts),
	               "9002,9003") == 0 &&
	                json_array_size(json_object_get(half_a, "delar")) == 0,
	        "the hall's parts are its halves, a half has none (%s)", parts);
	h_check(strcmp(at(hall, "omrade.slug"), area_a) == 0 && *at(hall, "omrade.namn") &&
	                strcmp(at(hall, "forvaltning.namn_sv"), "") != 0,
	        "the hall's area and department are named");
	json_decref(list);
}

/* The bookings of a venue in a range, as "id start end status venue
 * association" lines; "STATUS parameter" for an error. */
static const char *
bookings(const char *query, struct hstr *out)
{
	char path[256], ctype[64];
	long status;
	snprintf(path, sizeof path, "/api/v1/lokaler/%s", query);
	json_t *j = get_json(path, &status, ctype, sizeof ctype);
	out->n = 0;
	hstr_puts(out, "");
	if (status != 200 || !j || strncmp(ctype, "application/json", 16) != 0) {
		hstr_printf(out, "%ld %s", status, j ? at(j, "parameter") : "no JSON");
		json_decref(j);
		return out->p;
	}
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(j, "items"), i, x)
	{
		hstr_printf(out, "%s %s ", at(x, "id"), at(x, "borjar"));
		hstr_printf(out, "%s ", at(x, "slutar"));
		hstr_printf(out, "%s ", at(x, "status"));
		hstr_printf(out, "%s ", at(x, "lokal_id"));
		hstr_printf(out, "%s", at(x, "forening.id"));
		hstr_printf(out, "|%s\n", at(x, "forening.namn"));
	}
	if (json_integer_value(json_object_get(j, "total")) != (json_int_t)i)
		hstr_puts(out, "total differs\n");
	json_decref(j);
	return out->p;
}

/* The bookings of the hall, its halves and the room in ranges around the
 * change to summer time; the defaults; every 400 and 404. */
static void
booking_ranges(void)
{
	struct hstr got = {0}, want = {0};
	char a[32], line[256];
	snprintf(a, sizeof a, "%ld", assoc_shown);
	const char *rows[] = {
	        "90008 2026-03-22T23:00:00+01:00 2026-03-23T01:00:00+01:00 confirmed 9001 ",
	        "90001 2026-03-24T18:00:00+01:00 2026-03-24T20:00:00+01:00 confirmed 9001 ",
	        "90004 2026-03-31T09:00:00+02:00 2026-03-31T10:00:00+02:00 confirmed 9003 ",
	        "90002 2026-03-31T18:00:00+02:00 2026-03-31T20:00:00+02:00 pending 9001 null|null",
	        "90003 2026-03-31T20:00:00+02:00 2026-03-31T21:00:00+02:00 confirmed 9002 ",
	        "90009 2026-04-05T20:00:00+02:00 2026-04-05T22:00:00+02:00 confirmed 9001 ",
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		if (strstr(rows[i], "null|null"))
			hstr_printf(&want, "%s\n", rows[i]);
		else
			hstr_printf(&want, "%s%s|%s\n", rows[i], a, shown_name);
	}
	bookings("9001/bokningar?fran=2026-03-23&till=2026-04-05", &got);
	h_check(strcmp(got.p, want.p) == 0,
	        "the whole hall's two weeks: its own and its halves' bookings, by start, with "
	        "+01:00 before 29 March and +02:00 after, the name only where shown, the night "
	        "before the first day and the evening of the last (till is inclusive), neither "
	        "the cancelled nor the declined one nor the hour after the last day");
	h_note("got:\n%s", got.p);
	struct hresp raw = {0};
	h_get(anon, "/api/v1/lokaler/9001/bokningar?fran=2026-03-23&till=2026-04-05", &raw);
	h_check(raw.status == 200 && hresp_has(&raw, "Provklubben") && !hresp_has(&raw, "Dolda") &&
	                !hresp_has(&raw, "9102"),
	        "the association that chose not to be shown is named nowhere, nor its id");
	hresp_free(&raw);
	/* half A: the whole's and its own, not its sibling's */
	struct hstr half = {0};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		if (strstr(rows[i], " 9003 "))
			continue;
		if (strstr(rows[i], "null|null"))
			hstr_printf(&half, "%s\n", rows[i]);
		else
			hstr_printf(&half, "%s%s|%s\n", rows[i], a, shown_name);
	}
	bookings("9002/bokningar?fran=2026-03-23&till=2026-04-05", &got);
	h_check(strcmp(got.p, half.p) == 0,
	        "half A shows the whole hall's bookings and its own, not half B's");
	h_note("got:\n%s", got.p);
	bookings("9004/bokningar?fran=2026-03-23&till=2026-04-05", &got);
	h_check(strcmp(got.p, "") == 0, "the room has none of the hall's bookings");
	bookings("9004/bokningar?fran=2026-10-25&till=2026-10-25", &got);
	h_check(strcmp(got.p,
	               "90011 2026-10-25T02:30:00+02:00 2026-10-25T02:00:00+01:00 confirmed 9004 "
	               "null|null\n"
	               "90012 2026-10-25T02:30:00+01:00 2026-10-25T03:00:00+01:00 confirmed 9004 "
	               "null|null\n") == 0,
	        "the night summer time ends, 02:30 comes twice and the offset tells which "
	        "(got %s)",
	        got.p);
	bookings("9001/bokningar?fran=2026-03-24&till=2026-03-24", &got);
	snprintf(line, sizeof line, "%s%s|%s\n", rows[1], a, shown_name);
	h_check(strcmp(got.p, line) == 0, "a range of one day is that day (got %s)", got.p);
	bookings("9001/bokningar?fran=2026-04-06", &got);
	h_check(strncmp(got.p, "90010 2026-04-06T00:30:00+02:00", 31) == 0,
	        "fran alone is that day and the six after it (got %s)", got.p);

	/* the default: this week, Monday to Sunday, local time */
	char today[11], monday[11], sunday[11];
	h_day(0, today);
	struct tm tm = {0};
	sscanf(today, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	time_t noon = timegm(&tm);
	gmtime_r(&noon, &tm);
	int back = (tm.tm_wday + 6) % 7;
	time_t mon = noon - (time_t)back * 86400, sun = mon + 6 * 86400;
	strftime(monday, sizeof monday, "%Y-%m-%d", gmtime_r(&mon, &tm));
	strftime(sunday, sizeof sunday, "%Y-%m-%d", gmtime_r(&sun, &tm));
	long status;
	json_t *j = get_json("/api/v1/lokaler/9001/bokningar", &status, NULL, 0);
	h_check(status == 200 && strcmp(at(j, "fran"), monday) == 0 &&
	                strcmp(at(j, "till"), sunday) == 0,
	        "without a range it is this week, %s to %s (got %s to %s)", monday, sunday,
	        at(j, "fran"), at(j, "till"));
	json_decref(j);

	static const struct {
		const char *query, *want, *what;
	} bad[] = {
	        {"9001/bokningar?fran=2026-02-30&till=2026-03-05", "400 fran",
	         "a day that is none"},
	        {"9001/bokningar?fran=2026-03-01&till=31/3", "400 till", "a date not YYYY-MM-DD"},
	        {"9001/bokningar?fran=idag", "400 fran", "a word"},
	        {"9001/bokningar?fran=2026-03-10&till=2026-03-09", "400 till", "till before fran"},
	        {"9001/bokningar?fran=2026-01-01&till=2027-01-02", "400 till", "367 days"},
	        {"99999/bokningar?fran=2026-03-23&till=2026-03-29", "404 ", "an unknown venue"},
	        {"9005/bokningar?fran=2026-03-23&till=2026-03-29", "404 ", "an inactive venue"},
	        {"hallen/bokningar", "404 ", "no number"},
	        {"99999/bokningar?fran=nej", "404 ", "an unknown venue before a bad date"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		h_check(strcmp(bookings(bad[i].query, &got), bad[i].want) == 0,
		        "/api/v1/lokaler/%s: %s as JSON (%s; got %s)", bad[i].query, bad[i].want,
		        bad[i].what, got.p);
	bookings("9001/bokningar?fran=2026-01-01&till=2027-01-01", &got);
	h_check(strncmp(got.p, "4", 1) != 0, "366 days is not too long");
	hstr_free(&got);
	hstr_free(&want);
	hstr_free(&half);
}

/* The open data file as a spreadsheet or a script reads it. */
static void
csv(void)
{
	struct hresp r = {0};
	char ctype[64] = "", disp[128] = "";
	h_get(anon, "/oppna-data/lokaler.csv", &r);
	hresp_header(&r, "Content-Type", ctype, sizeof ctype);
	hresp_header(&r, "Content-Disposition", disp, sizeof disp);
	h_check(r.status == 200 && strcmp(ctype, "text/csv; charset=utf-8") == 0 &&
	                strstr(disp, "lokaler.csv"),
	        "/oppna-data/lokaler.csv is text/csv; charset=utf-8, a download (%s)", ctype);
	const char *file = h_path("lokaler.csv");
	FILE *f = fopen(file, "wb");
	if (f) {
		fwrite(r.body.p ? r.body.p : "", 1, r.body.n, f);
		fclose(f);
	}
	hresp_free(&r);
	static const char checker[] =
	        "import csv, sys, decimal\n"
	        "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
	        "    r = csv.DictReader(f)\n"
	        "    assert r.fieldnames == ['id', 'namn', 'typ', 'forvaltning', 'adress', "
	        "'omrade', 'kapacitet', 'stegfri_entre', 'rwc', 'horslinga', 'hiss', "
	        "'pris_ordinarie_kr', 'pris_forening_kr', 'pris_ungdom_kr', "
	        "'kraver_godkannande', 'del_av'], r.fieldnames\n"
	        "    rows = list(r)\n"
	        "print('rows', len(rows))\n"
	        "def ore(s):\n"
	        "    if s == '':\n"
	        "        return '-'\n"
	        "    assert '.' in s and len(s.split('.')[1]) == 2, s\n"
	        "    return str(int(decimal.Decimal(s) * 100))\n"
	        "for row in rows:\n"
	        "    if int(row['id']) < 9001:\n"
	        "        continue\n"
	        "    print('|'.join([row['id'], row['namn'], row['typ'], row['adress'], "
	        "row['kapacitet'], row['stegfri_entre'] + row['rwc'] + row['horslinga'] + "
	        "row['hiss'], ore(row['pris_ordinarie_kr']), ore(row['pris_forening_kr']), "
	        "ore(row['pris_ungdom_kr']), row['kraver_godkannande'], row['del_av'], "
	        "str(bool(row['omrade'])), str(bool(row['forvaltning']))]))\n";
	const char *py = h_path("check.py");
	h_write_file(py, checker);
	const char *argv[] = {"/usr/bin/python3", py, file, NULL};
	struct hstr out = {0}, err = {0};
	int rc = h_run(argv, "", &out, &err);
	char want[1024];
	long active = h_sql_number("SELECT count(*) FROM venues WHERE active = 1");
	snprintf(want, sizeof want,
	         "rows %ld\n"
	         "9001|Provhallen Öster|idrottshall|Östra vägen 1|300|1100|45000|15075|0|1||True|"
	         "True\n"
	         "9002|Provhallen Öster, halva \"A\"|idrottshall|Östra vägen "
	         "1|150|1100|45000|15075|0|"
	         "1|9001|True|True\n"
	         "9003|Provhallen Öster halva B|idrottshall|Östra vägen 1|150|1100|12345|-|-|1|"
	         "9001|True|True\n"
	         "9004|Provrummet Väster|moteslokal|Provgatan 7|20|0011|20001|5050|1|0||True|"
	         "True\n",
	         active);
	h_check(rc == 0 && out.p && strcmp(out.p, want) == 0,
	        "Python's csv module reads the header, one row per active venue (not the inactive "
	        "one), and every price to the öre, a category not let empty");
	h_note("python: %s%s", out.p ? out.p : "", err.p ? err.p : "");
	/* a name's comma and quotes survive the quoting */
	const char *eq[] = {"/usr/bin/python3", "-c",
	                    "import csv,sys\n"
	                    "for row in csv.reader(open(sys.argv[1], newline='', "
	                    "encoding='utf-8')):\n"
	                    "    if row[0] == '9002': print(row[1], len(row))\n",
	                    file, NULL};
	hstr_free(&out);
	hstr_free(&err);
	rc = h_run(eq, "", &out, &err);
	h_check(rc == 0 && out.p && strcmp(out.p, "Provhallen Öster, halva \"A\" 16\n") == 0,
	        "half A's name, with its comma and quotes, reads back in a row of sixteen fields "
	        "(%s)",
	        out.p ? out.p : "");
	hstr_free(&out);
	hstr_free(&err);
}

int
main(void)
{
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	h_start();
	anon = h_client();
	setup();
	filters();
	fields();
	booking_ranges();
	csv();
	h_client_free(anon);
	return h_finish();
}
