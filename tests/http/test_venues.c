/* Venue booking (issue 11): the venues and a venue's week; booking one
 * time and a weekly series, with the price shown before sending; every
 * bad input refused beside its field with nothing written; a request
 * that needs approval as a case its department decides time by time;
 * nolltaxa from the register's figures; cancellation with the late rule;
 * who may see and do what; and never double-booked — a thousand attempts
 * at one time, and the whole hall against its half. Venues are made here
 * by SQL, as the administration will make them. */
#include "harness.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct hclient *officer, *rep, *other, *culture, *visitor;
static char assoc[32];
static long hall, half_a, half_b, room;
static char tue[11], tue2[11], closed_day[11];

/* The day n weeks after the first Tuesday at least ten days ahead, in
 * Stockholm, as the server reckons days. */
static const char *
tuesday(int weeks, char out[11])
{
	time_t t = time(NULL) + 10 * 86400;
	struct tm tm;
	localtime_r(&t, &tm);
	int ahead = (2 - tm.tm_wday + 7) % 7 + 7 * weeks;
	t += (time_t)ahead * 86400;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
	return out;
}

/* A venue of the leisure department by SQL; its id. */
static long
venue(const char *name, const char *type, long parent, int capacity, int approval)
{
	char q[1024];
	snprintf(q, sizeof(q),
	         "INSERT INTO venues (parent_id, department_id, type, name, sort_key, address, "
	         "area_id, capacity, step_free, approval, cancel_hours, created) VALUES (%s, "
	         "(SELECT id FROM departments WHERE code = 'FRI'), '%s', '%s', lower('%s'), "
	         "'Testgatan 1', (SELECT min(id) FROM areas), %d, 1, %d, 48, 0)",
	         "NULL", type, name, name, capacity, approval);
	h_sql(q, NULL);
	snprintf(q, sizeof(q), "SELECT id FROM venues WHERE name = '%s'", name);
	long id = h_sql_number(q);
	if (parent) {
		snprintf(q, sizeof(q), "UPDATE venues SET parent_id = %ld WHERE id = %ld", parent,
		         id);
		h_sql(q, NULL);
	}
	return id;
}

/* Opening hours 08–22 every day, and prices per hour in öre. */
static void
hours_and_prices(long id, long ordinary, long association, long youth)
{
	char q[512];
	for (int d = 1; d <= 7; d++) {
		snprintf(q, sizeof(q), "INSERT INTO venue_hours VALUES (%ld, %d, 480, 1320)", id,
		         d);
		h_sql(q, NULL);
	}
	snprintf(q, sizeof(q),
	         "INSERT INTO venue_prices VALUES (%ld, 'ordinarie', %ld), (%ld, 'forening', %ld), "
	         "(%ld, 'ungdom', %ld)",
	         id, ordinary, id, association, id, youth);
	h_sql(q, NULL);
}

static long
bookings(const char *where)
{
	char q[512];
	snprintf(q, sizeof(q), "SELECT count(*) FROM bookings WHERE %s", where);
	return h_sql_number(q);
}

/* POSTs the booking form of a venue as c: name, value pairs, NULL-ended. */
static long
book(struct hclient *c, long venue_id, const char *const *kv, struct hresp *r)
{
	char path[64];
	snprintf(path, sizeof(path), "/lokaler/%ld/boka", venue_id);
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(c));
	for (int i = 0; kv && kv[i]; i += 2)
		h_form_add(&f, kv[i], kv[i + 1]);
	h_post(c, path, f.p, r);
	hstr_free(&f);
	return r->status;
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

/* The list, its filters, a week, and what a bad filter or week gets. */
static void
finding(void)
{
	struct hresp r;
	h_get(visitor, "/lokaler", &r);
	h_check(r.status == 200 && hresp_has(&r, "Testhallen") && hresp_has(&r, "Testrummet"),
	        "/lokaler lists the venues");
	hresp_free(&r);
	h_get(visitor, "/lokaler?typ=moteslokal&kapacitet=10", &r);
	h_check(r.status == 200 && hresp_has(&r, "Testrummet") && !hresp_has(&r, "Testhallen"),
	        "filtered by type and capacity, only the meeting room");
	hresp_free(&r);
	h_get(visitor, "/lokaler?stegfri=1&q=hallen%20a", &r);
	h_check(r.status == 200 && hresp_has(&r, "Testhallen A") && !hresp_has(&r, "Testrummet"),
	        "a search for a name with the step-free filter finds the half hall");
	hresp_free(&r);
	h_check(h_get_status(visitor, "/lokaler?kapacitet=tio") == 400 &&
	                h_get_status(visitor, "/lokaler?typ=slott") == 400,
	        "a capacity that is no number and an unknown type are refused (400)");
	char path[96];
	snprintf(path, sizeof(path), "/lokaler/%ld?lang=en", hall);
	h_get(visitor, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "<caption id=\"vecka-tabell\">Booked and free") &&
	                hresp_has(&r, "Price per hour"),
	        "the hall's week, in English");
	hresp_free(&r);
	h_check(h_get_status(visitor, "/lokaler/999999") == 404, "an unknown venue is 404");
	snprintf(path, sizeof(path), "/lokaler/%ld?vecka=2026-W60", hall);
	h_check(h_get_status(visitor, path) == 400, "a week that does not exist is refused (400)");
}

/* Every bad input: refused beside its field (422), what was typed kept,
 * nothing written. */
static void
refusals(void)
{
	struct hresp r;
	char past[11], far[11];
	h_day(-2, past);
	h_day(800, far);
	struct {
		const char *field, *words, *dag, *fran, *till, *upprepa, *deltagare;
	} bad[] = {
	        {"till", "efter starttiden", tue, "20:00", "18:00", NULL, "10"},
	        {"fran", "kan bokas tisdagar 08:00–22:00", tue, "07:00", "09:00", NULL, "10"},
	        {"fran", "TT:MM", tue, "25:00", "26:00", NULL, "10"},
	        {"dag", "redan varit", past, "18:00", "20:00", NULL, "10"},
	        {"dag", "stängd den dagen: Testdagen", closed_day, "18:00", "20:00", NULL, "10"},
	        {"upprepa", "högst ett år", tue, "18:00", "20:00", far, "10"},
	        {"upprepa", "före den första", tue2, "18:00", "20:00", tue, "10"},
	        {"deltagare", "högst 300 personer", tue, "18:00", "20:00", NULL, "301"},
	};
	long before = bookings("1 = 1");
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		const char *kv[] = {"forening",  assoc,          "dag",       bad[i].dag,
		                    "fran",      bad[i].fran,    "till",      bad[i].till,
		                    "aktivitet", "Basket",       "deltagare", bad[i].deltagare,
		                    "upprepa",   bad[i].upprepa, NULL};
		if (!bad[i].upprepa)
			kv[12] = NULL;
		book(rep, hall, kv, &r);
		h_check(r.status == 422, "%s: refused with 422 (got %ld)", bad[i].words, r.status);
		h_field_says(&r, bad[i].field, bad[i].words);
		char kept[64];
		snprintf(kept, sizeof(kept), "value=\"%s\"", bad[i].fran);
		h_check(hresp_has(&r, kept) && hresp_has(&r, "value=\"Basket\""),
		        "what was typed is kept");
		hresp_free(&r);
	}
	h_check(bookings("1 = 1") == before, "and nothing is written");
	const char *kv[] = {"forening", assoc,       "dag",    tue,         "fran", "18:00", "till",
	                    "20:00",    "aktivitet", "Basket", "deltagare", "10",   NULL};
	h_check(book(rep, 999999, kv, &r) == 404, "booking an unknown venue is 404");
	hresp_free(&r);
	h_check(book(other, hall,
	             (const char *[]){"forening", assoc, "dag", tue, "fran", "18:00", "till",
	                              "20:00", "aktivitet", "Basket", "deltagare", "10", "skicka",
	                              "1", NULL},
	             &r) == 422 &&
	                bookings("1 = 1") == before,
	        "another association's representative cannot book for it");
	hresp_free(&r);
}

/* A single time: the preview with its price writes nothing; Skicka books
 * it at once (the hall confirms without approval); both halves are held;
 * the half cannot be had then, the whole neither. */
static void
single(void)
{
	struct hresp r;
	const char *kv[] = {"forening",  assoc,  "dag",   tue,         "fran",
	                    "18:00",     "till", "20:00", "aktivitet", "Basket för juniorer",
	                    "deltagare", "24",   "visa",  "1",         NULL};
	h_check(book(rep, hall, kv, &r) == 200 && hresp_has(&r, "Stämmer bokningen?") &&
	                hresp_has(&r, "300 kr") && bookings("1 = 1") == 0,
	        "the preview shows 300 kr (two hours at 150 kr) and books nothing");
	hresp_free(&r);
	const char *send[] = {"forening",  assoc,  "dag",   tue,         "fran",
	                      "18:00",     "till", "20:00", "aktivitet", "Basket för juniorer",
	                      "deltagare", "24",   "visa",  "1",         "skicka",
	                      "1",         NULL};
	char loc[256];
	h_check(book(rep, hall, send, &r) == 303 &&
	                hresp_header(&r, "Location", loc, sizeof(loc)) &&
	                strncmp(loc, "/mina-sidor/bokningar", 21) == 0,
	        "Boka books it and leads to the bookings on Mina sidor");
	hresp_free(&r);
	char q[256];
	snprintf(q, sizeof(q),
	         "venue_id = %ld AND status = 'confirmed' AND price = 30000 AND category = "
	         "'forening'",
	         hall);
	h_check(bookings(q) == 1, "one confirmed booking of the hall at 30 000 öre");
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM venue_holds WHERE leaf_id IN (%ld, %ld) AND booking_id = "
	         "(SELECT max(id) FROM bookings)",
	         half_a, half_b);
	h_check(h_sql_number(q) == 2, "the whole hall holds both its halves");
	const char *half[] = {"forening",  assoc,  "dag",   tue,         "fran",
	                      "19:00",     "till", "21:00", "aktivitet", "Innebandy",
	                      "deltagare", "10",   NULL};
	h_check(book(rep, half_a, half, &r) == 422, "the half at an overlapping time is refused");
	h_field_says(&r, "fran", "redan bokad");
	hresp_free(&r);
	h_get(rep, "/mina-sidor/bokningar", &r);
	h_check(r.status == 200 && hresp_has(&r, "Testhallen") && hresp_has(&r, "Bekräftad"),
	        "Mina sidor lists the booking as confirmed");
	hresp_free(&r);
	char path[96], week[16];
	struct tm tm = {0};
	sscanf(tue, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	mktime(&tm);
	strftime(week, sizeof(week), "%G-W%V", &tm);
	snprintf(path, sizeof(path), "/lokaler/%ld?vecka=%s", half_b, week);
	h_get(visitor, path, &r);
	/* the visitor chose English above */
	h_check(r.status == 200 && hresp_has(&r, "<td class=\"booked\">18:00–20:00") &&
	                hresp_has(&r, "18:00–20:00 booked: "),
	        "the other half's week (%s) shows the whole hall's booking, with the name it chose "
	        "to "
	        "show (%ld)",
	        path, r.status);
	hresp_free(&r);
}

/* The free-time search: the hall booked 18–20 has 17–18 and 20–22 left,
 * as has its half; the meeting room the whole evening; three hours find
 * only the room; a closed day finds none of them; bad values are refused
 * beside their fields. */
static void
free_times(void)
{
	struct hresp r;
	char path[256];
	snprintf(path, sizeof(path), "/lokaler/lediga?dag=%s&fran=17:00&till=22:00&langd=60&q=test",
	         tue);
	h_get(rep, path, &r);
	h_check(r.status == 200 && hresp_count(&r, "<li>17:00–18:00 <a") == 3 &&
	                hresp_count(&r, "<li>20:00–22:00 <a") == 3 &&
	                hresp_has(&r, "<li>17:00–22:00 <a"),
	        "the hall and its halves have 17–18 and 20–22, the room 17–22");
	hresp_free(&r);
	snprintf(path, sizeof(path),
	         "/lokaler/lediga?dag=%s&fran=17:00&till=22:00&langd=180&q=test", tue);
	h_get(rep, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "Testrummet") && !hresp_has(&r, "Testhallen"),
	        "three hours: only the room");
	hresp_free(&r);
	snprintf(path, sizeof(path), "/lokaler/lediga?dag=%s&q=test&typ=idrottshall", closed_day);
	h_get(rep, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "Ingen lokal har en ledig tid"),
	        "on the closed day no hall is free");
	hresp_free(&r);
	h_get(rep, "/lokaler/lediga?dag=2026-02-30&fran=9&langd=5", &r);
	h_check(r.status == 422, "bad values are refused (422)");
	h_field_says(&r, "dag", "ÅÅÅÅ-MM-DD");
	h_field_says(&r, "fran", "TT:MM");
	h_field_says(&r, "langd", "mellan 15 och 1440");
	hresp_free(&r);
}

/* A weekly series the association chose to show is on its page in the
 * register, even right after the page was cached without it. */
static void
regular_times(void)
{
	struct hresp r;
	char page[64], last[11];
	snprintf(page, sizeof(page), "/foreningar/%s", assoc);
	h_get(visitor, page, &r);
	h_check(r.status == 200 && !hresp_has(&r, "Regular times"),
	        "the association's page has no regular times yet");
	hresp_free(&r);
	tuesday(2, last);
	const char *send[] = {"forening",  assoc,    "dag",       tue,       "fran",
	                      "08:00",     "till",   "09:00",     "upprepa", last,
	                      "aktivitet", "Schack", "deltagare", "8",       "visa",
	                      "1",         "skicka", "1",         NULL};
	h_check(book(rep, half_b, send, &r) == 303, "a weekly series shown by name is booked");
	hresp_free(&r);
	h_get(visitor, page, &r);
	h_check(r.status == 200 && hresp_has(&r, "Regular times") &&
	                hresp_has(&r, "Tuesdays 08:00–09:00, <a href=\"/lokaler/"),
	        "the association's page shows it: Tuesdays 08:00–09:00 at the half hall");
	hresp_free(&r);
}

/* A weekly series on the meeting room, which needs approval: the preview
 * lists each time, a closed day skipped and a time another association
 * holds; Skicka makes a case in the leisure department whose times are
 * pending; another department's officer cannot decline them; the
 * officer declines one and grants the rest, which are then confirmed. */
static void
series(void)
{
	struct hresp r;
	char q[512], third[11], last[11];
	tuesday(2, third);
	tuesday(5, last);
	snprintf(q, sizeof(q),
	         "INSERT INTO bookings (venue_id, association_id, starts, ends, status, category, "
	         "price, activity, participants, at) SELECT %ld, (SELECT max(id) FROM "
	         "associations), starts, ends, 'confirmed', 'forening', 0, 'Annat', 5, 0 FROM "
	         "bookings WHERE id = (SELECT min(id) FROM bookings)",
	         room);
	/* another association's booking of the room in the third week, at
	 * 18–20: made from the first booking's time moved two weeks */
	h_sql(q, NULL);
	snprintf(q, sizeof(q),
	         "UPDATE bookings SET starts = starts + 14 * 86400, ends = ends + 14 * 86400 WHERE "
	         "id = (SELECT max(id) FROM bookings)");
	h_sql(q, NULL);
	snprintf(q, sizeof(q),
	         "INSERT INTO venue_holds SELECT id, venue_id, starts, ends FROM bookings WHERE id "
	         "= "
	         "(SELECT max(id) FROM bookings)");
	h_sql(q, NULL);
	const char *kv[] = {"forening",  assoc,    "dag",       tue,       "fran",
	                    "18:00",     "till",   "20:00",     "upprepa", last,
	                    "aktivitet", "Schack", "deltagare", "12",      NULL};
	h_check(book(rep, room, kv, &r) == 200 && hresp_has(&r, "Seriens tillfällen") &&
	                hresp_has(&r, "Stängt: Testdagen") && hresp_has(&r, "Redan bokad") &&
	                hresp_has(&r, "4 bokas"),
	        "the series' preview: six Tuesdays, a closed day and a taken time skipped, 4 "
	        "booked");
	hresp_free(&r);
	const char *send[] = {"forening",  assoc,   "dag",     tue,  "fran",      "18:00",
	                      "till",      "20:00", "upprepa", last, "aktivitet", "Schack",
	                      "deltagare", "12",    "skicka",  "1",  NULL};
	char loc[256];
	h_check(book(rep, room, send, &r) == 303 &&
	                hresp_header(&r, "Location", loc, sizeof(loc)) &&
	                strncmp(loc, "/arenden/FRI-", 13) == 0,
	        "Skicka förfrågan makes a case in the leisure department (%s)", loc);
	hresp_free(&r);
	char dnr[40];
	snprintf(dnr, sizeof(dnr), "%.*s", (int)strcspn(loc + 9, "?"), loc + 9);
	snprintf(q, sizeof(q), "venue_id = %ld AND status = 'pending' AND series_id IS NOT NULL",
	         room);
	char series_q[128];
	snprintf(series_q, sizeof(series_q),
	         "SELECT count(*) FROM booking_series WHERE venue_id = %ld", room);
	h_check(bookings(q) == 4 && h_sql_number(series_q) == 1,
	        "four pending times of one series");
	char path[128];
	snprintf(path, sizeof(path), "/arenden/%s", dnr);
	h_get(officer, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "Väntar på beslut") &&
	                hresp_has(&r, "Avslå den här tiden"),
	        "the officer sees the times, each with a button to decline it");
	hresp_free(&r);
	long first = h_sql_number("SELECT min(id) FROM bookings WHERE status = 'pending'");
	snprintf(path, sizeof(path), "/lokaler/bokningar/%ld/avsla", first);
	h_check(post_status(culture, path) == 404 && bookings("status = 'pending'") == 4,
	        "another department's officer gets 404 declining a time, nothing changed");
	long st = post_status(rep, path);
	h_check((st == 403 || st == 404) && bookings("status = 'pending'") == 4,
	        "the representative cannot decline either (%ld)", st);
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(officer));
	h_post(officer, path, f.p, &r);
	hstr_free(&f);
	h_check(r.status == 303 && hresp_header(&r, "Location", loc, sizeof(loc)) &&
	                strcmp(loc + 9, dnr) == 0 && bookings("status = 'declined'") == 1,
	        "the officer declines one time and is back on its case (%s)", loc);
	hresp_free(&r);
	snprintf(path, sizeof(path), "/lokaler/bokningar/%ld", first);
	h_get(rep, path, &r);
	h_check(r.status == 200 && hresp_has(&r, dnr), "the declined time's page names its case");
	hresp_free(&r);
	long st2 = h_decide(culture, dnr, "bifall");
	h_check(st2 == 404 && bookings("status = 'pending'") == 3,
	        "another department's officer cannot decide the request (%ld), nothing changed",
	        st2);
	h_check(h_decide(officer, dnr, "bifall") == 303, "and grants the request");
	snprintf(q, sizeof(q), "venue_id = %ld AND status = 'confirmed' AND series_id IS NOT NULL",
	         room);
	h_check(bookings(q) == 3 && bookings("status = 'pending'") == 0,
	        "the three times left are confirmed");
	snprintf(q, sizeof(q), "SELECT count(*) FROM venue_holds WHERE booking_id = %ld", first);
	h_check(h_sql_number(q) == 0, "and the declined time is free again");
}

/* A request withdrawn by its applicant lets its time go. */
static void
withdrawn(void)
{
	struct hresp r;
	char day[11], loc[256], dnr[40], path[96], q[256];
	tuesday(3, day);
	const char *send[] = {"forening",  assoc,  "dag",    day,         "fran",
	                      "09:00",     "till", "10:00",  "aktivitet", "Möte",
	                      "deltagare", "5",    "skicka", "1",         NULL};
	h_check(book(rep, room, send, &r) == 303 &&
	                hresp_header(&r, "Location", loc, sizeof(loc)) &&
	                strncmp(loc, "/arenden/", 9) == 0,
	        "a request for one time is sent");
	hresp_free(&r);
	snprintf(dnr, sizeof(dnr), "%.*s", (int)strcspn(loc + 9, "?"), loc + 9);
	snprintf(q, sizeof(q), "activity = 'Möte' AND status = 'pending'");
	h_check(bookings(q) == 1, "its time is pending");
	snprintf(path, sizeof(path), "/arenden/%s/aterkalla", dnr);
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(rep));
	h_form_add(&f, "bekrafta", "1");
	h_post(rep, path, f.p, &r);
	hstr_free(&f);
	h_check(r.status == 303, "the representative withdraws it (%ld)", r.status);
	hresp_free(&r);
	h_check(bookings("activity = 'Möte' AND status = 'declined'") == 1 &&
	                h_sql_number(
	                        "SELECT count(*) FROM venue_holds WHERE booking_id = (SELECT id "
	                        "FROM bookings WHERE activity = 'Möte')") == 0,
	        "withdrawn, the time is let go");
}

/* Nolltaxa follows the register: youth activity by an association whose
 * members are mostly young is free; below the threshold it costs the
 * association price, and the preview says why. */
static void
nolltaxa(void)
{
	struct hresp r;
	char q[256], day[11];
	tuesday(1, day);
	h_sql("INSERT INTO venue_youth_rules VALUES ((SELECT id FROM departments WHERE code = "
	      "'FRI'), 60)",
	      NULL);
	snprintf(q, sizeof(q),
	         "UPDATE associations SET members = 100, youth_members = 40 WHERE id = %s", assoc);
	h_sql(q, NULL);
	const char *kv[] = {"forening",  assoc,  "dag",    day,         "fran",
	                    "10:00",     "till", "11:30",  "aktivitet", "Ungdomsträning",
	                    "deltagare", "10",   "ungdom", "1",         NULL};
	h_check(book(rep, half_b, kv, &r) == 200 && hresp_has(&r, "Nolltaxa gäller inte") &&
	                hresp_has(&r, "40 av föreningens 100 medlemmar") && hresp_has(&r, "225 kr"),
	        "40 of 100 young members is below 60 %%: 225 kr (1.5 hours at 150 kr)");
	hresp_free(&r);
	snprintf(q, sizeof(q), "UPDATE associations SET youth_members = 60 WHERE id = %s", assoc);
	h_sql(q, NULL);
	h_check(book(rep, half_b, kv, &r) == 200 && hresp_has(&r, "Nolltaxa gäller:") &&
	                hresp_has(&r, "Ungdomsförening (nolltaxa)") && hresp_has(&r, "<dd>0 kr"),
	        "60 of 100 makes it a youth association: 0 kr");
	hresp_free(&r);
	const char *plain[] = {"forening",  assoc,  "dag",   day,         "fran",
	                       "10:00",     "till", "11:30", "aktivitet", "Styrelsemöte",
	                       "deltagare", "10",   NULL};
	h_check(book(rep, half_b, plain, &r) == 200 && hresp_has(&r, "225 kr"),
	        "an eligible association's activity that is not youth activity pays the price");
	hresp_free(&r);
}

/* Cancelling: the association's own booking, not another's; a time
 * cancelled long before is not charged, a late one stays charged. */
static void
cancelling(void)
{
	long id = h_sql_number("SELECT min(id) FROM bookings WHERE venue_id = (SELECT id FROM "
	                       "venues WHERE name = 'Testhallen')");
	char path[96], page[96], q[256];
	snprintf(page, sizeof(page), "/lokaler/bokningar/%ld", id);
	snprintf(path, sizeof(path), "/lokaler/bokningar/%ld/avboka", id);
	h_check(h_get_status(other, page) == 404 && post_status(other, path) == 404 &&
	                h_get_status(culture, page) == 404,
	        "another association's representative and another department's officer get 404");
	/* another association watches its half at a time the whole holds */
	char watch[96];
	struct hresp w;
	snprintf(watch, sizeof(watch), "/lokaler/%ld/bevaka", half_a);
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(other));
	h_form_add(&f, "dag", tue);
	h_form_add(&f, "fran", "21:00");
	h_form_add(&f, "till", "21:30");
	h_post(other, watch, f.p, &w);
	h_check(w.status == 422, "watching a time that is free is refused (%ld)", w.status);
	h_field_says(&w, "fran", "redan ledig");
	hresp_free(&w);
	hstr_free(&f);
	h_form_add(&f, "csrf", h_csrf(other));
	h_form_add(&f, "dag", tue);
	h_form_add(&f, "fran", "18:30");
	h_form_add(&f, "till", "19:30");
	h_post(other, watch, f.p, &w);
	hstr_free(&f);
	h_check(w.status == 303 && h_sql_number("SELECT count(*) FROM venue_watches") == 1,
	        "another association watches the half hall at 18:30–19:30, which the whole holds");
	hresp_free(&w);
	h_get(other, "/mina-sidor/bokningar", &w);
	h_check(hresp_has(&w, "Tider du bevakar") && hresp_has(&w, "Testhallen A"),
	        "the watch is listed on Mina sidor");
	hresp_free(&w);
	long mails = h_sql_number("SELECT count(*) FROM outbox WHERE to_addr = 'annan@example.se'");
	h_check(post_status(rep, path) == 303 && bookings("status = 'cancelled' AND late = 0") == 1,
	        "the representative cancels ten days ahead, not charged");
	h_check(h_sql_number("SELECT count(*) FROM outbox WHERE to_addr = 'annan@example.se' AND "
	                     "subject LIKE 'En tid är ledig: Testhallen A%'") == 1 &&
	                h_sql_number("SELECT count(*) FROM outbox WHERE to_addr = "
	                             "'annan@example.se'") == mails + 1 &&
	                h_sql_number("SELECT count(*) FROM venue_watches WHERE notified IS NOT "
	                             "NULL") == 1,
	        "the watcher is told once by mail that the half hall's time is free");
	snprintf(q, sizeof(q), "SELECT count(*) FROM venue_holds WHERE booking_id = %ld", id);
	h_check(h_sql_number(q) == 0, "and the time is free again");
	h_check(post_status(rep, path) == 409, "a cancelled booking cannot be cancelled again");
	/* a confirmed booking moved to tomorrow: within the venue's 48 hours */
	long late = h_sql_number("SELECT min(id) FROM bookings WHERE status = 'confirmed' AND "
	                         "series_id IS NOT NULL");
	snprintf(q, sizeof(q), "UPDATE bookings SET starts = %ld, ends = %ld WHERE id = %ld",
	         (long)time(NULL) + 86400, (long)time(NULL) + 86400 + 3600, late);
	h_sql(q, NULL);
	snprintf(page, sizeof(page), "/lokaler/bokningar/%ld", late);
	struct hresp r;
	h_get(rep, page, &r);
	h_check(r.status == 200 && hresp_has(&r, "debiteras den ändå"),
	        "a time tomorrow says a cancellation is charged anyway");
	hresp_free(&r);
	snprintf(path, sizeof(path), "/lokaler/bokningar/%ld/avboka", late);
	snprintf(q, sizeof(q), "id = %ld AND status = 'cancelled' AND late = 1 AND price > 0",
	         late);
	h_check(post_status(rep, path) == 303 && bookings(q) == 1,
	        "cancelled, it is marked late and keeps its price");
}

struct job {
	CURL *e;
	struct curl_slist *headers;
	char body[1024];
};

static size_t
drop(char *d, size_t size, size_t n, void *arg)
{
	(void)d;
	(void)arg;
	return size * n;
}

/* Sends n booking attempts at once (at most 100 connections), the i-th
 * for venue ids[i % nids]; the number answered 303. */
static int
at_once(int n, const long *ids, int nids, const char *day, int *refused)
{
	char sid[128], csrf[128], cookie[320];
	h_cookie(rep, "sid", sid, sizeof(sid));
	h_cookie(rep, "csrf", csrf, sizeof(csrf));
	snprintf(cookie, sizeof(cookie), "Cookie: sid=%s; csrf=%s", sid, csrf);
	struct job *jobs = calloc((size_t)n, sizeof(*jobs));
	CURLM *m = curl_multi_init();
	curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, 100L);
	for (int i = 0; i < n; i++) {
		struct job *j = &jobs[i];
		char url[128];
		snprintf(url, sizeof(url), "%.64s/lokaler/%ld/boka", H.base, ids[i % nids]);
		snprintf(
		        j->body, sizeof(j->body),
		        "csrf=%s&forening=%s&dag=%s&fran=12%%3A00&till=13%%3A00&aktivitet=Samma+tid"
		        "&deltagare=5&skicka=1",
		        csrf, assoc, day);
		j->e = curl_easy_init();
		j->headers = curl_slist_append(NULL, cookie);
		j->headers = curl_slist_append(j->headers, "Expect:");
		curl_easy_setopt(j->e, CURLOPT_URL, url);
		curl_easy_setopt(j->e, CURLOPT_HTTPHEADER, j->headers);
		curl_easy_setopt(j->e, CURLOPT_POSTFIELDS, j->body);
		curl_easy_setopt(j->e, CURLOPT_WRITEFUNCTION, drop);
		curl_easy_setopt(j->e, CURLOPT_TIMEOUT, 300L);
		curl_multi_add_handle(m, j->e);
	}
	int running = 1;
	while (running) {
		curl_multi_perform(m, &running);
		if (running)
			curl_multi_poll(m, NULL, 0, 1000, NULL);
	}
	int booked = 0;
	*refused = 0;
	for (int i = 0; i < n; i++) {
		long st = 0;
		curl_easy_getinfo(jobs[i].e, CURLINFO_RESPONSE_CODE, &st);
		booked += st == 303;
		*refused += st == 422 || st == 409;
		curl_multi_remove_handle(m, jobs[i].e);
		curl_easy_cleanup(jobs[i].e);
		curl_slist_free_all(jobs[i].headers);
	}
	curl_multi_cleanup(m);
	free(jobs);
	return booked;
}

/* A thousand attempts at one time of one venue make one booking; a
 * hundred at the whole hall and its half at once make one too. */
static void
never_twice(void)
{
	char day[11], q[256];
	tuesday(7, day);
	int refused;
	int booked = at_once(1000, &half_a, 1, day, &refused);
	snprintf(q, sizeof(q), "venue_id = %ld AND activity = 'Samma tid'", half_a);
	h_check(booked == 1 && refused == 999 && bookings(q) == 1,
	        "1 000 attempts at once at the same time: one booking, 999 refused (%d, %d, %ld)",
	        booked, refused, bookings(q));
	tuesday(8, day);
	long both[] = {hall, half_b};
	booked = at_once(100, both, 2, day, &refused);
	snprintf(q, sizeof(q), "activity = 'Samma tid' AND venue_id IN (%ld, %ld)", hall, half_b);
	h_check(booked == 1 && refused == 99 && bookings(q) == 1,
	        "the whole hall and its half attempted 100 times at once: one booking (%d, %d)",
	        booked, refused);
	h_check(h_sql_number("SELECT count(*) FROM venue_holds a JOIN venue_holds b ON a.leaf_id = "
	                     "b.leaf_id AND a.booking_id < b.booking_id AND a.starts < b.ends AND "
	                     "b.starts < a.ends") == 0,
	        "no two holds of one leaf overlap anywhere");
}

/* The week calendar on the Sundays the clocks change (23 and 25 hours):
 * a booking over the change and one in the evening keep their local
 * times, in the table and in the day's list. */
static void
daylight_saving_weeks(void)
{
	static const char *const sundays[][2] = {{"2027-03-28", "2027-W12"},
	                                         {"2027-10-31", "2027-W43"}};
	for (int i = 0; i < 2; i++) {
		char q[512], path[96];
		snprintf(q, sizeof(q),
		         "INSERT INTO bookings (venue_id, association_id, starts, ends, status, "
		         "category, price, activity, participants, show_name, at) VALUES "
		         "(%ld, %s, %ld, %ld, 'confirmed', 'forening', 0, 'Natt', 5, 1, 0), "
		         "(%ld, %s, %ld, %ld, 'confirmed', 'forening', 0, 'Kväll', 5, 1, 0)",
		         room, assoc, h_local_at(sundays[i][0], 1, 0),
		         h_local_at(sundays[i][0], 4, 0), room, assoc,
		         h_local_at(sundays[i][0], 18, 0), h_local_at(sundays[i][0], 19, 30));
		h_sql(q, NULL);
		snprintf(path, sizeof(path), "/lokaler/%ld?vecka=%s&lang=sv", room, sundays[i][1]);
		struct hresp r;
		h_get(visitor, path, &r);
		h_check(r.status == 200 && hresp_has(&r, "<td class=\"booked\">18:00–19:30") &&
		                hresp_has(&r, "01:00–04:00 bokad") &&
		                hresp_has(&r, "18:00–19:30 bokad"),
		        "the week of %s shows 01:00–04:00 over the change and 18:00–19:30 (%ld)",
		        sundays[i][0], r.status);
		hresp_free(&r);
	}
}

/* Another process's writes to what the venues are (their name, hours,
 * whether they are let) show at once on the list, the week calendar and
 * the free-time search, which read the venues from memory
 * (venues/directory.c): renamed, closed on a weekday, taken out of use
 * and back. */
static void
written_elsewhere(void)
{
	struct hresp r;
	char q[256], path[256], week[96];
	snprintf(q, sizeof(q), "UPDATE venues SET name = 'Testrummet Ljusgården' WHERE id = %ld",
	         room);
	h_sql(q, NULL);
	h_get(rep, "/lokaler?q=LJUSG%C3%85RDEN", &r);
	h_check(r.status == 200 && hresp_has(&r, "Testrummet Ljusgården"),
	        "the renamed room is found by its new name in capitals (Å too)");
	hresp_free(&r);
	snprintf(week, sizeof(week), "/lokaler/%ld", room);
	h_get(rep, week, &r);
	h_check(r.status == 200 && hresp_has(&r, "<h1>Testrummet Ljusgården</h1>"),
	        "its week calendar has the new name");
	hresp_free(&r);
	snprintf(q, sizeof(q), "DELETE FROM venue_hours WHERE venue_id = %ld AND weekday = 2",
	         room);
	h_sql(q, NULL);
	snprintf(path, sizeof(path),
	         "/lokaler/lediga?dag=%s&fran=17:00&till=22:00&langd=180&q=test", tue);
	h_get(rep, path, &r);
	h_check(r.status == 200 && !hresp_has(&r, "Testrummet"),
	        "without Tuesday's hours the room has no free Tuesday evening");
	hresp_free(&r);
	snprintf(q, sizeof(q), "INSERT INTO venue_hours VALUES (%ld, 2, 480, 1320)", room);
	h_sql(q, NULL);
	h_get(rep, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "Testrummet"), "with them back it has");
	hresp_free(&r);
	snprintf(q, sizeof(q), "UPDATE venues SET active = 0 WHERE id = %ld", room);
	h_sql(q, NULL);
	h_get(rep, week, &r);
	h_check(r.status == 404, "a room out of use has no calendar (%ld)", r.status);
	hresp_free(&r);
	h_get(rep, "/lokaler?q=test", &r);
	h_check(r.status == 200 && !hresp_has(&r, "Ljusgården") && hresp_has(&r, "Testhallen"),
	        "nor a place in the list");
	hresp_free(&r);
	snprintf(q, sizeof(q), "UPDATE venues SET active = 1, name = 'Testrummet' WHERE id = %ld",
	         room);
	h_sql(q, NULL);
	h_get(rep, week, &r);
	h_check(r.status == 200 && hresp_has(&r, "<h1>Testrummet</h1>"), "and it is back");
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
	hall = venue("Testhallen", "idrottshall", 0, 300, 0);
	half_a = venue("Testhallen A", "idrottshall", hall, 150, 0);
	half_b = venue("Testhallen B", "idrottshall", hall, 150, 0);
	room = venue("Testrummet", "moteslokal", 0, 20, 1);
	hours_and_prices(hall, 45000, 15000, 0);
	hours_and_prices(room, 20000, 5000, 0);
	tuesday(0, tue);
	tuesday(1, tue2);
	tuesday(4, closed_day);
	char q[256];
	snprintf(q, sizeof(q),
	         "INSERT INTO venue_closed VALUES (%ld, '%s', 'Testdagen'), (%ld, '%s', "
	         "'Testdagen')",
	         hall, closed_day, room, closed_day);
	h_sql(q, NULL);
	finding();
	refusals();
	single();
	free_times();
	regular_times();
	series();
	withdrawn();
	nolltaxa();
	cancelling();
	never_twice();
	daylight_saving_weeks();
	written_elsewhere();
	return h_finish();
}
