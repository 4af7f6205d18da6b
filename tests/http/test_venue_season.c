/* Seasonal allocation (issue 11, point 4): the leisure department's
 * officer makes a season; four associations apply for weekly times, two
 * of them on a whole hall and its half at once, one with youth activity
 * the register confirms; the grid shows the conflicts and the priority
 * order with its reasons and refuses to allocate two conflicting wishes;
 * deciding books exactly the allocated times, week by week, skipping the
 * closed day and a time someone else holds, and decides each case with
 * the right outcome. Every bad application is refused beside its field
 * with nothing written; another department's officer and another
 * association's representative find nothing (404). */
#include "harness.h"

#include <curl/curl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct hclient *officer, *rep, *other, *culture, *visitor;
static char assoc[32];
static long hall, half_a, half_b, room, kultur_room, season, late_season;
/* the four applicants: middle (the demo's own), youth, big, small */
static long mid, youth, big, small;
static char first[11], last[11], tue[4][11], thu[4][11];

/* A day n days after day, into out. */
static const char *
plus(const char *day, int n, char out[11])
{
	struct tm tm = {0};
	sscanf(day, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += n;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	mktime(&tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
	return out;
}

static long number(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static long
number(const char *fmt, ...)
{
	char q[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(q, sizeof q, fmt, ap);
	va_end(ap);
	return h_sql_number(q);
}

static void sql(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void
sql(const char *fmt, ...)
{
	char q[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(q, sizeof q, fmt, ap);
	va_end(ap);
	h_sql(q, NULL);
}

/* A venue of a department by SQL, open 08–22 every day but Sunday for a
 * meeting room; its id. */
static long
venue(const char *dept, const char *name, const char *type, long parent, int capacity)
{
	sql("INSERT INTO venues (parent_id, department_id, type, name, sort_key, address, "
	    "capacity, created) VALUES (%s, (SELECT id FROM departments WHERE code = '%s'), '%s', "
	    "'%s', lower('%s'), 'Testgatan 1', %d, 0)",
	    parent ? "NULL" : "NULL", dept, type, name, name, capacity);
	long id = number("SELECT id FROM venues WHERE name = '%s'", name);
	if (parent)
		sql("UPDATE venues SET parent_id = %ld WHERE id = %ld", parent, id);
	else {
		for (int d = 1; d <= (strcmp(type, "moteslokal") == 0 ? 6 : 7); d++)
			sql("INSERT INTO venue_hours VALUES (%ld, %d, 480, 1320)", id, d);
		sql("INSERT INTO venue_prices VALUES (%ld, 'ordinarie', 40000), (%ld, 'forening', "
		    "5000), (%ld, 'ungdom', 0)",
		    id, id, id);
	}
	return id;
}

/* POSTs a form as c to path: name, value pairs, NULL-ended; the status. */
static long
post(struct hclient *c, const char *path, const char *const *kv, struct hresp *r)
{
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(c));
	for (int i = 0; kv && kv[i]; i += 2)
		if (kv[i + 1])
			h_form_add(&f, kv[i], kv[i + 1]);
	h_post(c, path, f.p, r);
	hstr_free(&f);
	return r->status;
}

static long
post_status(struct hclient *c, const char *path, const char *const *kv)
{
	struct hresp r;
	long st = post(c, path, kv, &r);
	hresp_free(&r);
	return st;
}

/* An application for the season as the representative: one or two
 * wished times (venue, weekday, from, to). */
static long
apply(long season_id, long association, long v1, const char *d1, const char *f1, const char *t1,
      long v2, const char *d2, const char *f2, const char *t2, int youth_activity, struct hresp *r)
{
	char path[64], a[32], l1[32], l2[32];
	snprintf(path, sizeof path, "/lokaler/sasonger/%ld/ansok", season_id);
	snprintf(a, sizeof a, "%ld", association);
	snprintf(l1, sizeof l1, "%ld", v1);
	snprintf(l2, sizeof l2, "%ld", v2);
	const char *kv[] = {"forening",  a,    "lokal-1",   v1 ? l1 : NULL,
	                    "dag-1",     d1,   "fran-1",    f1,
	                    "till-1",    t1,   "lokal-2",   v2 ? l2 : NULL,
	                    "dag-2",     d2,   "fran-2",    f2,
	                    "till-2",    t2,   "aktivitet", "Träning",
	                    "deltagare", "20", "ungdom",    youth_activity ? "1" : NULL,
	                    NULL};
	return post(rep, path, kv, r);
}

static long
applications(void)
{
	return number(
	        "SELECT (SELECT count(*) FROM season_applications) + (SELECT count(*) FROM "
	        "season_wishes) + (SELECT count(*) FROM cases WHERE type = 'sasongsansokan')");
}

/* The officer's season form: a bad one refused beside its field, then
 * the season made; a second, past its deadline, by SQL. */
static void
seasons(void)
{
	struct hresp r;
	char today[11], yesterday[11];
	h_day(0, today);
	h_day(-1, yesterday);
	const char *bad[] = {"namn",  "Hösten", "forsta", first,  "sista", today,
	                     "ansok", today,    "status", "open", NULL};
	h_check(post(officer, "/handlaggning/lokaler/sasonger", bad, &r) == 422,
	        "a season ending before it starts is refused (422)");
	h_field_says(&r, "sista", "före den första");
	h_check(hresp_has(&r, "value=\"Hösten\""), "what was typed is kept");
	hresp_free(&r);
	h_check(number("SELECT count(*) FROM venue_seasons") == 0, "and no season is written");
	const char *good[] = {"namn",  "Testsäsongen", "forsta", first,  "sista", last,
	                      "ansok", today,          "status", "open", NULL};
	h_check(post(officer, "/handlaggning/lokaler/sasonger", good, &r) == 303,
	        "the officer makes a season (303)");
	hresp_free(&r);
	season = number("SELECT id FROM venue_seasons WHERE name = 'Testsäsongen'");
	sql("INSERT INTO venue_seasons (department_id, name, first_day, last_day, deadline, "
	    "status, "
	    "created) VALUES ((SELECT id FROM departments WHERE code = 'FRI'), 'Sena säsongen', "
	    "'%s', '%s', '%s', 'open', 0)",
	    first, last, yesterday);
	late_season = number("SELECT id FROM venue_seasons WHERE name = 'Sena säsongen'");
	h_get(visitor, "/lokaler/sasonger", &r);
	h_check(r.status == 200 && hresp_has(&r, "Testsäsongen") && !hresp_has(&r, "Sena säsongen"),
	        "/lokaler/sasonger lists the open season, not the one past its deadline");
	hresp_free(&r);
	char path[96];
	snprintf(path, sizeof path, "/handlaggning/lokaler/sasonger/%ld/andra", season);
	h_check(h_get_status(culture, path) == 404 && h_get_status(officer, path) == 200,
	        "the season's form: the culture officer 404, the leisure officer 200");
}

/* Every bad application: 422, the reason beside its field, nothing
 * written. */
static void
refusals(void)
{
	struct hresp r;
	long before = applications();
	struct {
		const char *field, *words;
		long venue;
		const char *day, *from, *to;
		long venue2;
	} bad[] = {
	        {"till-1", "efter starttiden", hall, "2", "20:00", "18:00", 0},
	        {"fran-1", "kan bokas tisdagar 08:00–22:00", hall, "2", "07:00", "09:00", 0},
	        {"dag-1", "stängd söndagar", room, "7", "10:00", "12:00", 0},
	        {"lokal-1", "förvaltningens lokaler", kultur_room, "2", "18:00", "20:00", 0},
	        {"lokal-1", "minst en önskad tid", 0, "2", "18:00", "20:00", 0},
	        {"dag-2", "Fyll i lokal, veckodag och tider", hall, "2", "18:00", "20:00", room},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		apply(season, mid, bad[i].venue, bad[i].day, bad[i].from, bad[i].to, bad[i].venue2,
		      NULL, NULL, NULL, 0, &r);
		h_check(r.status == 422, "%s: refused with 422 (got %ld)", bad[i].words, r.status);
		h_field_says(&r, bad[i].field, bad[i].words);
		h_check(hresp_has(&r, "value=\"Träning\""), "what was typed is kept");
		hresp_free(&r);
	}
	apply(late_season, mid, hall, "2", "18:00", "20:00", 0, NULL, NULL, NULL, 0, &r);
	h_check(r.status == 422 && hresp_has(&r, "tar inte emot ansökningar"),
	        "past the deadline: refused (422), saying so (got %ld)", r.status);
	hresp_free(&r);
	char path[64];
	snprintf(path, sizeof path, "/lokaler/sasonger/%ld/ansok", season);
	h_check(post_status(other, path,
	                    (const char *[]){"forening", assoc, "lokal-1", "1", "aktivitet", "X",
	                                     "deltagare", "2", NULL}) == 422,
	        "another association's representative cannot apply for it");
	h_check(applications() == before, "and nothing is written");
}

/* The four applications, each a case with its diarienummer; a duplicate
 * refused. */
static void
applying(void)
{
	struct hresp r;
	apply(season, mid, hall, "2", "18:00", "20:00", room, "4", "17:00", "19:00", 0, &r);
	char loc[256];
	h_check(r.status == 303 && hresp_header(&r, "Location", loc, sizeof loc) &&
	                strstr(loc, "/arenden/FRI-"),
	        "the middle association applies for the whole hall and the room: a case (%ld)",
	        r.status);
	hresp_free(&r);
	h_check(apply(season, youth, half_a, "2", "18:00", "20:00", 0, NULL, NULL, NULL, 1, &r) ==
	                303,
	        "the youth club applies for half A at the same time, youth activity");
	hresp_free(&r);
	h_check(apply(season, big, half_b, "2", "19:00", "21:00", 0, NULL, NULL, NULL, 0, &r) ==
	                303,
	        "the big association applies for half B");
	hresp_free(&r);
	h_check(apply(season, small, room, "4", "18:00", "20:00", 0, NULL, NULL, NULL, 0, &r) ==
	                303,
	        "the small association applies for the room on Thursday");
	hresp_free(&r);
	long before = applications();
	apply(season, mid, room, "3", "18:00", "20:00", 0, NULL, NULL, NULL, 0, &r);
	h_check(r.status == 422, "a second application of one association is refused (422)");
	h_field_says(&r, "forening", "redan ansökt");
	hresp_free(&r);
	h_check(applications() == before, "and nothing is written");
	h_check(number("SELECT count(*) FROM cases c JOIN season_applications p ON p.case_id = "
	               "c.id "
	               "WHERE c.type = 'sasongsansokan' AND c.diarienummer LIKE 'FRI-%%' AND "
	               "p.season_id = %ld",
	               season) == 4,
	        "four cases with diarienummer in the leisure department");
}

/* The association's case's diarienummer. */
static const char *
dnr_of(long association, char out[64])
{
	char q[256];
	snprintf(
	        q, sizeof q,
	        "SELECT c.diarienummer FROM cases c JOIN season_applications p ON p.case_id = c.id "
	        "WHERE p.association_id = %ld",
	        association);
	return h_sql_line(q, out, 64);
}

/* A wish's id: the association's wish at pos. */
static long
wish(long association, int pos)
{
	return number("SELECT w.id FROM season_wishes w JOIN season_applications p ON p.case_id = "
	              "w.case_id WHERE p.association_id = %ld AND w.pos = %d",
	              association, pos);
}

/* Whether a, b and c stand in that order in the text. */
static int
in_order(const char *text, const char *a, const char *b, const char *c, const char *d)
{
	const char *pa = strstr(text, a), *pb = strstr(text, b), *pc = strstr(text, c),
	           *pd = strstr(text, d);
	return pa && pb && pc && pd && pa < pb && pb < pc && pc < pd;
}

static void
grid(void)
{
	char path[96];
	snprintf(path, sizeof path, "/handlaggning/lokaler/sasonger/%ld", season);
	struct hresp r;
	h_get(officer, path, &r);
	h_check(r.status == 200, "the officer's grid (200)");
	char prio[8192];
	h_check(h_between(r.body.p, "id=\"prioritetsordning\"", "</table>", prio, sizeof prio) &&
	                in_order(prio, "Ungdomsklubben Test", "Storföreningen Test",
	                         "Mellanföreningen Test", "Lillföreningen Test"),
	        "the priority order: the youth club, then by members 200, 100, 20");
	h_check(hresp_has(&r, "Ungdomsverksamhet, ungdomsförening enligt registret (30 av 40 "
	                      "medlemmar 7–25 år, gränsen 50 %): går först") &&
	                hresp_has(&r, "Inte ungdomsverksamhet; 200 medlemmar enligt registret"),
	        "each with the rule's reason");
	h_check(hresp_has(&r, "Krock: 1. Ungdomsklubben Test, Testhallen A 18:00–20:00; 2. "
	                      "Storföreningen Test, Testhallen B 19:00–21:00"),
	        "the whole hall's wish conflicts with both halves', in text");
	h_check(hresp_has(&r, "Krock: 3. Mellanföreningen Test, Testhallen 18:00–20:00") &&
	                hresp_count(&r, "<strong class=\"conflict\">Krock</strong>") >= 6,
	        "the halves' conflict with the whole, and the cells mark the conflicts");
	char cell[4096];
	h_check(h_between(r.body.p, "<th scope=\"row\">19:00–20:00</th>", "</tr>", cell,
	                  sizeof cell) &&
	                strstr(cell, "Ungdomsklubben Test") &&
	                strstr(cell, "Storföreningen Test") &&
	                strstr(cell, "Mellanföreningen Test"),
	        "the Tuesday 19–20 cell lists the three wishes there");
	h_check(hresp_count(&r, "Krock: 3. Mellanföreningen Test, Testhallen 18:00–20:00</td>") ==
	                2,
	        "the two halves do not conflict with each other, only with the whole");
	hresp_free(&r);
	char en[128];
	snprintf(en, sizeof en, "%s?lang=en", path);
	h_get(officer, en, &r);
	h_check(r.status == 200 &&
	                hresp_has(&r,
	                          "Conflict: 1. Ungdomsklubben Test, Testhallen A 18:00–20:00") &&
	                hresp_has(&r, "Youth activity, a youth association in the register (30 of "
	                              "40 members aged 7–25, the threshold 50 %): first") &&
	                hresp_has(&r, "<th scope=\"col\">Tuesday</th>"),
	        "the grid in English");
	hresp_free(&r);
	snprintf(en, sizeof en, "%s?lang=sv", path);
	h_check(h_get_status(officer, en) == 200, "and back in Swedish");
	h_check(h_get_status(culture, path) == 404,
	        "the culture officer gets 404 on the leisure season's grid");
	h_check(h_get_status(rep, path) == 403 || h_get_status(rep, path) == 404,
	        "a representative does not get the grid");
}

/* Two conflicting wishes ticked: refused beside the later one, nothing
 * marked; then the allocation that holds. */
static void
allocating(void)
{
	char path[128], a[32], b[32], c[32];
	snprintf(path, sizeof path, "/handlaggning/lokaler/sasonger/%ld/lokaler/%ld", season, hall);
	snprintf(a, sizeof a, "tilldela-%ld", wish(mid, 1));
	snprintf(b, sizeof b, "tilldela-%ld", wish(youth, 1));
	snprintf(c, sizeof c, "tilldela-%ld", wish(big, 1));
	struct hresp r;
	post(officer, path, (const char *[]){a, "1", b, "1", NULL}, &r);
	h_check(r.status == 422, "the whole hall and its half allocated at once: refused (422)");
	h_field_says(&r, a, "Krockar med 1. Ungdomsklubben Test");
	hresp_free(&r);
	h_check(number("SELECT count(*) FROM season_wishes WHERE allocated = 1") == 0,
	        "and nothing is marked");
	h_check(post_status(culture, path, (const char *[]){b, "1", NULL}) == 404,
	        "the culture officer cannot allocate (404)");
	char dnr[64];
	long decisions = number("SELECT count(*) FROM case_decisions");
	h_check(h_decide(officer, dnr_of(small, dnr), "bifall") == 422 &&
	                number("SELECT count(*) FROM case_decisions") == decisions &&
	                number("SELECT count(*) FROM booking_series") == 0,
	        "granting on the case page with no time allocated is refused, nothing written");
	h_check(post_status(officer, path, (const char *[]){b, "1", c, "1", NULL}) == 303,
	        "both halves allocated (303)");
	snprintf(path, sizeof path, "/handlaggning/lokaler/sasonger/%ld/lokaler/%ld", season, room);
	snprintf(a, sizeof a, "tilldela-%ld", wish(mid, 2));
	h_check(post_status(officer, path, (const char *[]){a, "1", NULL}) == 303,
	        "the room allocated to the middle association, before the small one");
	h_check(number("SELECT count(*) FROM season_wishes WHERE allocated = 1") == 3,
	        "three wishes marked");
}

/* The bookings of an association's case on a day. */
static long
booked_on(long association, const char *day)
{
	return number("SELECT count(*) FROM bookings b JOIN season_applications p ON p.case_id = "
	              "b.case_id WHERE p.association_id = %ld AND b.status = 'confirmed' AND "
	              "b.starts >= %ld AND b.starts < %ld",
	              association, h_local_at(day, 0, 0), h_local_at(day, 23, 59));
}

static long
booked(long association)
{
	return number("SELECT count(*) FROM bookings b JOIN season_applications p ON p.case_id = "
	              "b.case_id WHERE p.association_id = %ld",
	              association);
}

static const char *
outcome(long association, char out[64])
{
	char q[256];
	snprintf(q, sizeof q,
	         "SELECT d.outcome FROM case_decisions d JOIN season_applications p ON p.case_id = "
	         "d.case_id WHERE p.association_id = %ld",
	         association);
	return h_sql_line(q, out, 64);
}

static void
deciding(void)
{
	char path[96], today[11];
	h_day(0, today);
	snprintf(path, sizeof path, "/handlaggning/lokaler/sasonger/%ld/beslut", season);
	const char *kv[] = {"motivering",
	                    "Fördelat efter nämndens prioriteringsregler.",
	                    "beslutsfattare",
	                    "Hamid, enligt delegation",
	                    "datum",
	                    today,
	                    "referens",
	                    "FRI 2026 § 7",
	                    NULL};
	long mails = number("SELECT count(*) FROM outbox");
	long decisions = number("SELECT count(*) FROM case_decisions");
	long bookings = number("SELECT count(*) FROM bookings");
	h_check(post_status(culture, path, kv) == 404 &&
	                number("SELECT count(*) FROM case_decisions") == decisions,
	        "the culture officer cannot decide the season (404), nothing decided");
	struct hresp r;
	post(officer, path, (const char *[]){"datum", today, NULL}, &r);
	h_check(r.status == 422, "deciding without the decision's fields is refused (422)");
	h_field_says(&r, "referens", "delegationsbeslutet");
	hresp_free(&r);
	h_check(number("SELECT count(*) FROM case_decisions") == decisions &&
	                number("SELECT count(*) FROM bookings") == bookings,
	        "and nothing is decided or booked");
	post(officer, path, kv, &r);
	char loc[256];
	h_check(r.status == 303 && hresp_header(&r, "Location", loc, sizeof loc) &&
	                strstr(loc, "beslutad=4&kvar=0"),
	        "the officer decides the allocation: four applications decided (%ld)", r.status);
	hresp_free(&r);
	/* half A: every Tuesday but the closed one; half B also not the week
	   someone else holds 19–21; the room every Thursday */
	int ok_youth = 1, ok_big = 1, ok_mid = 1;
	for (int w = 0; w < 4; w++) {
		ok_youth &= booked_on(youth, tue[w]) == (w == 2 ? 0 : 1);
		ok_big &= booked_on(big, tue[w]) == (w == 1 || w == 2 ? 0 : 1);
		ok_mid &= booked_on(mid, thu[w]) == 1;
	}
	h_check(ok_youth && booked(youth) == 3,
	        "the youth club: one booking each Tuesday but the closed day (%ld)", booked(youth));
	h_check(ok_big && booked(big) == 2,
	        "half B: one each Tuesday but the closed day and the week already booked (%ld)",
	        booked(big));
	h_check(ok_mid && booked(mid) == 4 && booked(small) == 0,
	        "the room: every Thursday for the middle association, none for the small one");
	h_check(number("SELECT count(*) FROM booking_series") == 3 &&
	                number("SELECT count(*) FROM season_wishes WHERE series_id IS NOT NULL") ==
	                        3,
	        "a series per allocated wish");
	h_check(number("SELECT count(*) FROM bookings b JOIN season_applications p ON p.case_id = "
	               "b.case_id WHERE p.association_id = %ld AND b.category = 'ungdom' AND "
	               "b.price = 0",
	               youth) == 3 &&
	                number("SELECT count(*) FROM bookings b JOIN season_applications p ON "
	                       "p.case_id = b.case_id WHERE p.association_id = %ld AND b.category "
	                       "= "
	                       "'forening' AND b.price = 10000",
	                       mid) == 4,
	        "priced by category: nolltaxa for the youth club, 2 h × 50 kr for the room");
	char o[4][64];
	h_check(strcmp(outcome(youth, o[0]), "bifall") == 0 &&
	                strcmp(outcome(big, o[1]), "bifall") == 0 &&
	                strcmp(outcome(mid, o[2]), "delvis") == 0 &&
	                strcmp(outcome(small, o[3]), "avslag") == 0,
	        "outcomes: bifall, bifall, delvis, avslag (%s %s %s %s)", o[0], o[1], o[2], o[3]);
	char q[512], reasoning[1024];
	snprintf(q, sizeof q,
	         "SELECT replace(d.reasoning, %s(10), ' ') FROM case_decisions d JOIN "
	         "season_applications p ON p.case_id = d.case_id WHERE p.association_id = %ld",
	         H.pg ? "chr" : "char", big);
	h_sql_line(q, reasoning, sizeof reasoning);
	char skipped[64], closed[64];
	snprintf(skipped, sizeof skipped, "%s (redan bokad av någon annan)", tue[1]);
	snprintf(closed, sizeof closed, "%s (stängt: Testdagen)", tue[2]);
	snprintf(q, sizeof q,
	         "SELECT replace(d.reasoning, %s(10), ' ') FROM case_decisions d JOIN "
	         "season_applications p ON p.case_id = d.case_id WHERE p.association_id = %ld",
	         H.pg ? "chr" : "char", mid);
	char mixed[1024];
	h_sql_line(q, mixed, sizeof mixed);
	h_check(strstr(mixed, "Tilldelade tider: - Testrummet, torsdagar 17:00–19:00: 4 "
	                      "tillfällen.") &&
	                strstr(mixed, "Tider som inte tilldelades: - Testhallen, tisdagar "
	                              "18:00–20:00."),
	        "a partly granted decision gives the time given and the one not (%s)", mixed);
	h_check(strstr(reasoning, "Fördelat efter nämndens") &&
	                strstr(reasoning, "Testhallen B, tisdagar 19:00–21:00: 2 tillfällen") &&
	                strstr(reasoning, skipped) && strstr(reasoning, closed),
	        "the reasoning gives the times and lists the weeks skipped (%s)", reasoning);
	h_check(number("SELECT count(*) FROM venue_holds a JOIN venue_holds b ON a.leaf_id = "
	               "b.leaf_id AND a.booking_id < b.booking_id AND a.starts < b.ends AND "
	               "b.starts < a.ends") == 0,
	        "no two holds of one leaf overlap");
	char dnr[64], page[96];
	dnr_of(youth, dnr);
	h_check(number("SELECT count(*) FROM outbox") >= mails + 4 &&
	                number("SELECT count(*) FROM outbox WHERE to_addr = "
	                       "'forening@demo.samverka.se' AND subject = 'Ditt ärende %s: "
	                       "Beslutad'",
	                       dnr) == 1,
	        "a mail for each decision in the outbox, the applicant's saying it is decided");
	h_check(number("SELECT count(*) FROM venue_seasons WHERE id = %ld AND status = 'decided'",
	               season) == 1,
	        "the season is decided");
	snprintf(page, sizeof page, "/arenden/%s", dnr);
	h_get(rep, page, &r);
	h_check(r.status == 200 && hresp_has(&r, "Tilldelad") &&
	                hresp_has(&r, "Bokade tillfällen: 3") && hresp_has(&r, "Bifall"),
	        "the applicant sees the decision and the times on the case page");
	hresp_free(&r);
	h_check(h_get_status(other, page) == 404,
	        "another association's representative gets 404 on the application");
	bookings = number("SELECT count(*) FROM bookings");
	post(officer, path, kv, &r);
	h_check(r.status == 422 && hresp_has(&r, "redan beslutad") &&
	                number("SELECT count(*) FROM bookings") == bookings,
	        "deciding again is refused, nothing booked twice");
	hresp_free(&r);
	snprintf(path, sizeof path, "/handlaggning/lokaler/sasonger/%ld/andra", season);
	const char *reopen[] = {"namn",  "Testsäsongen", "forsta", first,  "sista", last,
	                        "ansok", today,          "status", "open", NULL};
	post(officer, path, reopen, &r);
	h_check(r.status == 422 && hresp_has(&r, "beslutad och ändras inte") &&
	                number("SELECT count(*) FROM venue_seasons WHERE id = %ld AND status = "
	                       "'decided'",
	                       season) == 1,
	        "a decided season is not opened again");
	hresp_free(&r);
}

int
main(void)
{
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	curl_global_init(CURL_GLOBAL_ALL);
	h_start();
	h_parties(&officer, &rep, &other, &culture, assoc);
	visitor = h_client();
	hall = venue("FRI", "Testhallen", "idrottshall", 0, 300);
	half_a = venue("FRI", "Testhallen A", "idrottshall", hall, 150);
	half_b = venue("FRI", "Testhallen B", "idrottshall", hall, 150);
	room = venue("FRI", "Testrummet", "moteslokal", 0, 30);
	kultur_room = venue("KUL", "Kulturrummet", "moteslokal", 0, 30);
	sql("INSERT INTO venue_youth_rules VALUES ((SELECT id FROM departments WHERE code = "
	    "'FRI'), "
	    "50)");
	/* the demo representative speaks for three more associations */
	mid = atol(assoc);
	long ids[3];
	for (int i = 0; i < 3; i++) {
		ids[i] = number("SELECT min(id) FROM associations WHERE id NOT IN (SELECT "
		                "association_id FROM user_roles WHERE association_id IS NOT NULL)");
		sql("INSERT INTO user_roles (user_id, role, association_id) SELECT id, "
		    "'representative', %ld FROM users WHERE email = 'forening@demo.samverka.se'",
		    ids[i]);
	}
	youth = ids[0];
	big = ids[1];
	small = ids[2];
	const char *names[] = {"Mellanföreningen Test", "Ungdomsklubben Test",
	                       "Storföreningen Test", "Lillföreningen Test"};
	long who[] = {mid, youth, big, small}, members[] = {100, 40, 200, 20},
	     young[] = {10, 30, 0, 2};
	for (int i = 0; i < 4; i++)
		sql("UPDATE associations SET name = '%s', members = %ld, youth_members = %ld WHERE "
		    "id = %ld",
		    names[i], members[i], young[i], who[i]);
	/* the season: four weeks from a Monday at least two weeks ahead */
	char d[11];
	h_day(14, d);
	struct tm tm = {0};
	sscanf(d, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	mktime(&tm);
	plus(d, (8 - tm.tm_wday) % 7, first);
	plus(first, 27, last);
	for (int w = 0; w < 4; w++) {
		plus(first, 7 * w + 1, tue[w]);
		plus(first, 7 * w + 3, thu[w]);
	}
	sql("INSERT INTO venue_closed VALUES (%ld, '%s', 'Testdagen')", hall, tue[2]);
	/* someone else holds half B 19–21 on the second Tuesday */
	sql("INSERT INTO bookings (venue_id, association_id, starts, ends, status, category, "
	    "price, "
	    "activity, participants, at) VALUES (%ld, (SELECT max(id) FROM associations), %ld, "
	    "%ld, "
	    "'confirmed', 'forening', 0, 'Annan bokning', 5, 0)",
	    half_b, h_local_at(tue[1], 19, 0), h_local_at(tue[1], 21, 0));
	sql("INSERT INTO venue_holds (booking_id, leaf_id, starts, ends) SELECT id, venue_id, "
	    "starts, ends FROM bookings WHERE activity = 'Annan bokning'");
	seasons();
	refusals();
	applying();
	grid();
	allocating();
	deciding();
	return h_finish();
}
