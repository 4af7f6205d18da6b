/* `samverka demo` with its history: two years of the leisure department's
 * cases that look like a real department's (arrivals by season, weekday and
 * hour, handling times, every status and outcome, many associations and
 * officers), numbered in the order they arrived, with real submitted data;
 * a second run adds nothing; and every case whose status allows a decision
 * is decided through the officer's form, each answering with a redirect,
 * never a 500. */
#include "harness.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The leisure department's officers in the demo; Hamid's password is the
 * one the demo prints, his colleagues' are documented in src/demo/demo.c. */
static const struct {
	const char *email, *password;
} OFFICERS[] = {
        {"handlaggare@demo.samverka.se", NULL},
        {"lena.lindqvist@demo.samverka.se", "demo-lindqvist-2026"},
        {"johan.ekstrom@demo.samverka.se", "demo-ekstrom-2026"},
        {"amira.haddad@demo.samverka.se", "demo-haddad-2026"},
};
enum { NOFFICERS = sizeof(OFFICERS) / sizeof(OFFICERS[0]) };

static const char *const STATUSES[] = {"inkommen", "handlaggning", "komplettering",
                                       "beslutad", "avslutad",     "aterkallad"};
static const char *const STATUS_NAMES[] = {"Inkommen", "Under handläggning", "Komplettering begärd",
                                           "Beslutad", "Avslutad",           "Återkallad"};

static struct hclient *anon;
static char today[16];

/* The rows of a query, each split at '|' into at most max columns (the
 * last one keeps the rest of the line). Free rows with free_rows. */
struct rows {
	char **col; /* n rows of w columns */
	int n, w;
	struct hstr text;
};

static int
query(const char *sql, int w, struct rows *out)
{
	memset(out, 0, sizeof(*out));
	out->w = w;
	if (h_sql(sql, &out->text) != 0)
		return -1;
	int cap = 0;
	for (char *line = out->text.p; line && *line;) {
		char *end = strchr(line, '\n');
		if (end)
			*end = 0;
		if (out->n == cap) {
			cap = cap ? cap * 2 : 256;
			out->col = realloc(out->col, (size_t)cap * (size_t)w * sizeof(char *));
		}
		char **c = &out->col[(size_t)out->n * (size_t)w];
		for (int i = 0; i < w; i++) {
			c[i] = line;
			char *bar = i + 1 < w ? strchr(line, '|') : NULL;
			if (bar) {
				*bar = 0;
				line = bar + 1;
			} else {
				line = line + strlen(line);
			}
		}
		out->n++;
		line = end ? end + 1 : NULL;
	}
	return 0;
}

static const char *
cell(const struct rows *r, int row, int col)
{
	return r->col[(size_t)row * (size_t)r->w + (size_t)col];
}

static void
free_rows(struct rows *r)
{
	free(r->col);
	hstr_free(&r->text);
}

static long
count(const char *sql)
{
	char v[64];
	return atol(h_sql_line(sql, v, sizeof(v)));
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* --- what the demo made ------------------------------------------------- */

/* Many cases, over two years, as they arrive at a real department. */
static void
arrivals(void)
{
	struct rows r;
	query("SELECT created FROM cases", 1, &r);
	h_check(r.n >= 200, "the demo made at least 200 cases (%d)", r.n);
	time_t now = time(NULL), first = now, last = 0;
	int months[30 * 12] = {0}, years[30] = {0}, by_month[12] = {0}, weekdays = 0, office = 0;
	for (int i = 0; i < r.n; i++) {
		time_t t = (time_t)atol(cell(&r, i, 0));
		struct tm tm;
		localtime_r(&t, &tm);
		int y = tm.tm_year + 1900 - 2000;
		if (y >= 0 && y < 30) {
			months[y * 12 + tm.tm_mon] = 1;
			years[y] = 1;
		}
		by_month[tm.tm_mon]++;
		weekdays += tm.tm_wday >= 1 && tm.tm_wday <= 5;
		office += tm.tm_hour >= 8 && tm.tm_hour < 17;
		if (t < first)
			first = t;
		if (t > last)
			last = t;
	}
	int nmonths = 0, nyears = 0;
	for (int i = 0; i < 30 * 12; i++)
		nmonths += months[i];
	for (int i = 0; i < 30; i++)
		nyears += years[i];
	h_check(nmonths >= 20 && nyears >= 2, "they arrived in %d distinct months of %d years",
	        nmonths, nyears);
	double span = (double)(last - first) / 86400;
	h_check(span > 600 && span <= 731 && last <= now,
	        "from about two years ago until now (%.0f days, the last %ld s ago)", span,
	        (long)(now - last));
	int spring = by_month[2] + by_month[3] + by_month[4];
	int july = by_month[6], december = by_month[11];
	h_check(spring > r.n / 3 && july * 4 < by_month[3] && december * 3 < by_month[3],
	        "most in March–May (%d of %d), few in July (%d) and December (%d)", spring, r.n,
	        july, december);
	h_check(weekdays * 10 >= r.n * 8 && office * 10 >= r.n * 5,
	        "mostly on weekdays (%d of %d) and in office hours (%d)", weekdays, r.n, office);
	free_rows(&r);

	long assocs = count("SELECT count(DISTINCT association_id) FROM cases");
	h_check(assocs >= 30, "from %ld distinct associations", assocs);
	long applicants = count("SELECT count(DISTINCT applicant_id) FROM cases");
	long users = count("SELECT count(*) FROM users");
	h_check(applicants >= 20 && applicants * 3 < count("SELECT count(*) FROM cases") &&
	                users <= 90,
	        "sent by %ld applicants (not one per case; %ld users in all)", applicants, users);
}

/* Every status and outcome; several officers assign and decide; handling
 * takes days to weeks, some much longer. */
static void
outcomes(void)
{
	int all = 1;
	for (size_t i = 0; i < sizeof(STATUSES) / sizeof(STATUSES[0]); i++) {
		char q[160];
		snprintf(q, sizeof(q), "SELECT count(*) FROM cases WHERE status = '%s'",
		         STATUSES[i]);
		long n = count(q);
		h_note("%s: %ld", STATUSES[i], n);
		all &= n > 0;
	}
	h_check(all, "every status is present");
	long granted = count("SELECT count(*) FROM case_decisions WHERE outcome = 'bifall'");
	long partly = count("SELECT count(*) FROM case_decisions WHERE outcome = 'delvis'");
	long refused = count("SELECT count(*) FROM case_decisions WHERE outcome = 'avslag'");
	long withdrawn = count("SELECT count(*) FROM cases WHERE status = 'aterkallad'");
	h_check(partly > 0 && refused > 0 && granted > 4 * (partly + refused) && withdrawn > 0,
	        "most granted (%ld), some refused (%ld), a few partly granted (%ld), some "
	        "withdrawn (%ld)",
	        granted, refused, partly, withdrawn);
	h_check(count("SELECT count(*) FROM cases c WHERE (c.status IN ('beslutad', 'avslutad')) "
	              "<> EXISTS (SELECT 1 FROM case_decisions d WHERE d.case_id = c.id)") == 0,
	        "exactly the decided and closed cases have a decision");
	long deciders = count("SELECT count(DISTINCT decided_by_id) FROM case_decisions");
	long assigned = count("SELECT count(DISTINCT officer_id) FROM cases");
	h_check(deciders >= 3 && assigned >= 3, "%ld officers decide and %ld are assigned cases",
	        deciders, assigned);
	h_check(count("SELECT count(*) FROM case_decisions WHERE decided_on = '' OR reference = '' "
	              "OR reasoning = '' OR decided_by = ''") == 0 &&
	                count("SELECT count(*) FROM case_decisions WHERE reference LIKE "
	                      "'Delegationsbeslut FRI %'") > 0 &&
	                count("SELECT count(*) FROM case_decisions WHERE reference LIKE 'FRI "
	                      "____-__-__ § %'") > 0,
	        "decisions name their date, decider, reasoning and reference (delegation or the "
	        "committee's minutes)");

	struct rows r;
	query("SELECT d.at - c.created FROM cases c JOIN case_decisions d ON d.case_id = c.id", 1,
	      &r);
	long *days = calloc((size_t)r.n + 1, sizeof(long));
	for (int i = 0; i < r.n; i++)
		days[i] = atol(cell(&r, i, 0)) / 86400;
	qsort(days, (size_t)r.n, sizeof(long), cmp_long);
	long median = r.n ? days[r.n / 2] : -1, longest = r.n ? days[r.n - 1] : -1;
	h_check(r.n && days[0] >= 0 && median >= 1 && median <= 30 && longest > 30,
	        "handling takes days to weeks (median %ld days), some much longer (%ld)", median,
	        longest);
	free(days);
	free_rows(&r);
}

/* Gap-free numbers per year, in the order the cases arrived; a trail that
 * starts when the case arrived and runs forward, never past now. */
static void
numbers_and_trails(void)
{
	struct rows r;
	query("SELECT year, serial, created FROM cases ORDER BY year, serial", 3, &r);
	int ok = 1, year = 0, expect = 0;
	long prev = 0;
	for (int i = 0; i < r.n && ok; i++) {
		int y = atoi(cell(&r, i, 0)), s = atoi(cell(&r, i, 1));
		long at = atol(cell(&r, i, 2));
		if (y != year)
			year = y, expect = 1, prev = 0;
		else
			expect++;
		ok = s == expect && at >= prev;
		if (!ok)
			h_note("year %d: serial %d (expected %d) at %ld after %ld", y, s, expect,
			       at, prev);
		prev = at;
	}
	h_check(r.n && ok, "every year's numbers run 1, 2, 3 … without gaps, in arrival order");
	free_rows(&r);

	query("SELECT e.case_id, e.at, c.created, e.kind FROM case_events e JOIN cases c ON "
	      "c.id = e.case_id ORDER BY e.case_id, e.id",
	      4, &r);
	long now = (long)time(NULL), bad = 0, cases = 0, last_case = -1, last_at = 0;
	for (int i = 0; i < r.n; i++) {
		long id = atol(cell(&r, i, 0)), at = atol(cell(&r, i, 1));
		long created = atol(cell(&r, i, 2));
		if (id != last_case) {
			cases++;
			bad += strcmp(cell(&r, i, 3), "skapad") != 0 || at != created;
		} else {
			bad += at < last_at;
		}
		bad += at > now;
		last_case = id;
		last_at = at;
	}
	h_check(cases == count("SELECT count(*) FROM cases") && bad == 0,
	        "every trail starts with its arrival and runs forward to now at the latest (%ld "
	        "cases, %ld out of order)",
	        cases, bad);
	free_rows(&r);
	h_check(count("SELECT count(*) FROM cases c WHERE c.status <> 'inkommen' AND "
	              "c.status <> 'aterkallad' AND c.officer_id IS NULL") == 0 &&
	                count("SELECT count(*) FROM cases c WHERE c.updated < c.created") == 0,
	        "every case taken up has its officer");
}

/* Yearly updates carry the board, members and contact details; a
 * registration carries the whole association, and is in the register only
 * once granted. */
static void
payloads(void)
{
	struct rows reg;
	query("SELECT coalesce(orgnr, ''), name, active FROM associations", 3, &reg);
	struct rows r;
	query("SELECT c.diarienummer, c.type, coalesce(c.association_id, 0), "
	      "coalesce((SELECT d.outcome FROM case_decisions d WHERE d.case_id = c.id), ''), "
	      "c.payload FROM cases c ORDER BY c.id",
	      5, &r);
	int updates = 0, bad_updates = 0, regs = 0, bad_regs = 0, dup_orgnr = 0;
	char seen[256][12];
	int nseen = 0;
	for (int i = 0; i < r.n; i++) {
		const char *dnr = cell(&r, i, 0), *type = cell(&r, i, 1);
		long assoc = atol(cell(&r, i, 2));
		const char *outcome = cell(&r, i, 3);
		json_t *p = json_loads(cell(&r, i, 4), 0, NULL);
		if (strcmp(type, "arsuppdatering") == 0) {
			updates++;
			json_t *board = json_object_get(p, "styrelse");
			json_t *members = json_object_get(p, "medlemmar");
			int ok = assoc > 0 && json_is_string(board) &&
			         strchr(json_string_value(board), '\n') &&
			         json_is_integer(members) && json_integer_value(members) > 0 &&
			         json_is_string(json_object_get(p, "epost")) &&
			         json_is_string(json_object_get(p, "telefon")) &&
			         json_is_string(json_object_get(p, "webbplats"));
			if (!ok) {
				bad_updates++;
				h_note("%s: %s", dnr, cell(&r, i, 4));
			}
		} else if (strcmp(type, "registrering") == 0) {
			/* the season's applications are season()'s */
			regs++;
			static const char *const strings[] = {
			        "namn",      "form",    "organisationsnummer",
			        "andamal",   "epost",   "telefon",
			        "webbplats", "grundad", "medlemmar"};
			int ok = json_is_object(p);
			for (size_t k = 0; ok && k < sizeof(strings) / sizeof(strings[0]); k++)
				ok = json_is_string(json_object_get(p, strings[k]));
			const char *name = ok ? json_string_value(json_object_get(p, "namn")) : "";
			const char *form = ok ? json_string_value(json_object_get(p, "form")) : "";
			const char *orgnr =
			        ok ? json_string_value(json_object_get(p, "organisationsnummer"))
			           : "";
			ok = ok && json_array_size(json_object_get(p, "omrade")) > 0 &&
			     json_is_integer(json_array_get(json_object_get(p, "omrade"), 0)) &&
			     json_array_size(json_object_get(p, "malgrupp")) > 0 &&
			     json_is_boolean(json_object_get(p, "offentlig")) &&
			     json_array_size(json_object_get(p, "styrelse")) > 0 &&
			     json_is_string(json_array_get(json_object_get(p, "styrelse"), 0)) &&
			     atoi(json_string_value(json_object_get(p, "grundad"))) > 1900 &&
			     atoi(json_string_value(json_object_get(p, "medlemmar"))) > 0;
			/* a valid organisationsnummer, or none for an informal network */
			if (ok && *orgnr) {
				char nine[10], want[12];
				snprintf(nine, sizeof(nine), "%.6s%.3s", orgnr, orgnr + 7);
				h_orgnr(nine, want);
				ok = strlen(orgnr) == 11 && strcmp(orgnr, want) == 0 &&
				     orgnr[2] >= '2';
				for (int k = 0; k < nseen; k++)
					dup_orgnr += strcmp(seen[k], orgnr) == 0;
				if (nseen < 256)
					snprintf(seen[nseen++], 12, "%s", orgnr);
			} else if (ok) {
				ok = strcmp(form, "informell") == 0;
			}
			/* in the register (active) once granted; else not at all */
			int granted = *outcome && strcmp(outcome, "avslag") != 0, found = 0;
			for (int k = 0; ok && k < reg.n; k++)
				if (*orgnr ? strcmp(cell(&reg, k, 0), orgnr) == 0
				           : strcmp(cell(&reg, k, 1), name) == 0)
					found += atoi(cell(&reg, k, 2)) ? 1 : 100;
			ok = ok && (granted ? assoc > 0 && found == 1 : assoc == 0 && found == 0);
			if (!ok) {
				bad_regs++;
				h_note("%s (%s, in the register %d): %s", dnr, outcome, found,
				       cell(&r, i, 4));
			}
		}
		json_decref(p);
	}
	h_check(updates > 100 && bad_updates == 0,
	        "all %d yearly updates carry board, members and contact details", updates);
	h_check(regs > 10 && bad_regs == 0 && dup_orgnr == 0,
	        "all %d registrations carry the association's data with a valid, unused "
	        "organisationsnummer (or none, for a network), and only the granted ones are in "
	        "the register",
	        regs);
	free_rows(&r);
	free_rows(&reg);
}

/* A second run finds the cases and adds nothing. */
static void
second_run(void)
{
	static const char *const tables[] = {
	        "cases",       "case_events",    "case_messages", "case_decisions", "users",
	        "user_roles",  "associations",   "case_serials",  "venues",         "bookings",
	        "venue_holds", "booking_series", "venue_closed"};
	enum { NTABLES = sizeof(tables) / sizeof(tables[0]) };
	long before[NTABLES], after[NTABLES];
	char q[96];
	for (int i = 0; i < NTABLES; i++) {
		snprintf(q, sizeof(q), "SELECT count(*) FROM %s", tables[i]);
		before[i] = count(q);
	}
	struct hstr out = {0}, err = {0};
	const char *argv[] = {"samverka", "demo", "--db", H.db_url, NULL};
	int rc = h_run(argv, NULL, &out, &err);
	int same = 1;
	for (int i = 0; i < NTABLES; i++) {
		snprintf(q, sizeof(q), "SELECT count(*) FROM %s", tables[i]);
		after[i] = count(q);
		if (after[i] != before[i]) {
			same = 0;
			h_note("%s: %ld, then %ld", tables[i], before[i], after[i]);
		}
	}
	h_check(rc == 0 && same, "a second `samverka demo` adds nothing (exit %d)", rc);
	hstr_free(&out);
	hstr_free(&err);
}

/* --- venues -------------------------------------------------------------- */

/* Whether a query's one number is n. */
static int
is(const char *sql, long n)
{
	long got = count(sql);
	if (got != n)
		h_note("%s: %ld, not %ld", sql, got, n);
	return got == n;
}

/* Two holds of one leaf that overlap (the database's promise). */
static const char OVERLAPS[] =
        "SELECT count(*) FROM venue_holds h JOIN venue_holds o ON o.leaf_id = h.leaf_id "
        "AND o.booking_id <> h.booking_id AND o.starts < h.ends AND o.ends > h.starts";
/* Bookings whose holds are not one per leaf of their venue while they
 * hold their time, and none after they are cancelled or declined. */
static const char WRONG_HOLDS[] =
        "SELECT count(*) FROM bookings b WHERE (SELECT count(*) FROM venue_holds h "
        "WHERE h.booking_id = b.id AND h.starts = b.starts AND h.ends = b.ends AND "
        "(h.leaf_id = b.venue_id AND NOT EXISTS (SELECT 1 FROM venues p WHERE p.parent_id = "
        "b.venue_id) OR h.leaf_id IN (SELECT p.id FROM venues p WHERE p.parent_id = b.venue_id))) "
        "<> CASE WHEN b.status IN ('pending', 'confirmed') THEN coalesce(nullif((SELECT count(*) "
        "FROM venues p WHERE p.parent_id = b.venue_id), 0), 1) ELSE 0 END";
/* Bookings not priced hours × their category's price per hour. */
static const char WRONG_PRICES[] =
        "SELECT count(*) FROM bookings b LEFT JOIN venue_prices p ON p.venue_id = b.venue_id "
        "AND p.category = b.category WHERE p.per_hour IS NULL "
        "OR b.price <> (b.ends - b.starts) * p.per_hour / 3600";
/* Youth-rate bookings of associations the register does not make
 * eligible under the venue's department's rule. */
static const char WRONG_YOUTH[] =
        "SELECT count(*) FROM bookings b JOIN venues v ON v.id = b.venue_id "
        "JOIN associations a ON a.id = b.association_id LEFT JOIN venue_youth_rules r "
        "ON r.department_id = v.department_id WHERE b.category = 'ungdom' AND (r.share_pct IS "
        "NULL OR a.members IS NULL OR a.youth_members * 100 < r.share_pct * a.members)";

/* Every booking lies in its venue's hours on an open day, local time. */
static void
in_hours(const char *what)
{
	struct rows r, h, c;
	query("SELECT b.venue_id, b.starts, b.ends FROM bookings b", 3, &r);
	query("SELECT venue_id, weekday, opens, closes FROM venue_hours", 4, &h);
	query("SELECT venue_id, day FROM venue_closed", 2, &c);
	int bad = 0;
	for (int i = 0; i < r.n; i++) {
		long v = atol(cell(&r, i, 0));
		time_t s = (time_t)atol(cell(&r, i, 1)), e = (time_t)atol(cell(&r, i, 2));
		struct tm ts, te;
		localtime_r(&s, &ts);
		localtime_r(&e, &te);
		char day[16];
		strftime(day, sizeof(day), "%Y-%m-%d", &ts);
		int wd = ts.tm_wday ? ts.tm_wday : 7, from = ts.tm_hour * 60 + ts.tm_min;
		int to = te.tm_mday == ts.tm_mday ? te.tm_hour * 60 + te.tm_min : 1440;
		int ok = 0;
		for (int k = 0; k < h.n && !ok; k++)
			ok = atol(cell(&h, k, 0)) == v && atoi(cell(&h, k, 1)) == wd &&
			     atoi(cell(&h, k, 2)) <= from && to <= atoi(cell(&h, k, 3));
		for (int k = 0; k < c.n && ok; k++)
			ok = !(atol(cell(&c, k, 0)) == v && strcmp(cell(&c, k, 1), day) == 0);
		if (!ok && bad++ < 3)
			h_note("booking of venue %ld on %s %02d:%02d–%02d:%02d is outside its "
			       "hours or on "
			       "a closed day",
			       v, day, from / 60, from % 60, to / 60, to % 60);
	}
	h_check(r.n > 0 && bad == 0, "%s: all %d bookings lie in their venue's hours, on open days",
	        what, r.n);
	free_rows(&r);
	free_rows(&h);
	free_rows(&c);
}

/* The demo's venues and their school year, as a visitor and an officer
 * would find them. */
static void
venues(void)
{
	h_check(count("SELECT count(*) FROM venues") >= 25 &&
	                is("SELECT count(DISTINCT type) FROM venues", 5) &&
	                count("SELECT count(*) FROM venues v JOIN departments d ON "
	                      "d.id = v.department_id WHERE d.code = 'KUL'") >= 3 &&
	                count("SELECT count(DISTINCT area_id) FROM venues") >= 15,
	        "the demo has Malmö-like venues of every type in many areas, a few the culture "
	        "department's (%ld)",
	        count("SELECT count(*) FROM venues"));
	h_check(is("SELECT count(*) FROM venues p JOIN venues w ON w.id = p.parent_id "
	           "WHERE w.name = 'Baltiska hallen' AND p.name IN ('Baltiska hallen A', "
	           "'Baltiska hallen B')",
	           2) && is("SELECT count(*) FROM venues p JOIN venues w ON w.id = p.parent_id "
	                    "WHERE w.name = 'Baltiska hallen'",
	                    2),
	        "Baltiska hallen is split in two halves, A and B");
	h_check(count("SELECT count(*) FROM bookings b JOIN venues v ON v.id = b.venue_id WHERE "
	              "v.name = 'Baltiska hallen' AND b.status = 'confirmed' AND (SELECT count(*) "
	              "FROM venue_holds h WHERE h.booking_id = b.id) = 2") > 10 &&
	                count("SELECT count(*) FROM bookings b JOIN venues v ON v.id = b.venue_id "
	                      "WHERE v.name = 'Baltiska hallen A' AND b.status = 'confirmed'") >
	                        10 &&
	                count("SELECT count(*) FROM bookings a JOIN venues va ON va.id = "
	                      "a.venue_id "
	                      "JOIN bookings b ON b.starts = a.starts JOIN venues vb ON "
	                      "vb.id = b.venue_id WHERE va.name = 'Baltiska hallen A' AND vb.name "
	                      "= "
	                      "'Baltiska hallen B' AND a.status = 'confirmed' AND "
	                      "b.status = 'confirmed'") > 10,
	        "the whole hall is booked (holding both halves) and each half on its own, both "
	        "halves at once on Tuesdays");
	h_check(is("SELECT count(*) FROM venue_hours h JOIN venues v ON v.id = h.venue_id WHERE "
	           "v.type = 'gymnastiksal' AND h.weekday <= 5 AND h.opens <> 17 * 60",
	           0) && is("SELECT count(*) FROM venue_hours h JOIN venues v ON v.id = h.venue_id "
	                    "WHERE v.name = 'Baltiska hallen' AND (h.weekday <= 5 AND (h.opens, "
	                    "h.closes) = (480, 1320) OR h.weekday > 5 AND (h.opens, h.closes) = "
	                    "(540, 1080))",
	                    7),
	        "school gyms open at 17:00 on weekdays; Baltiska hallen 08–22, weekends 09–18");
	h_check(count("SELECT count(*) FROM venue_closed c JOIN venues v ON v.id = c.venue_id "
	              "WHERE v.name = 'Baltiska hallen' AND c.reason IN ('Julafton', 'Nyårsdagen', "
	              "'Trettondedag jul', 'Långfredagen', 'Annandag påsk')") >= 5,
	        "venues are closed on the season's public holidays");
	h_check(is("SELECT count(*) FROM venue_prices p JOIN venues v ON v.id = p.venue_id WHERE "
	           "v.name = 'Baltiska hallen' AND (p.category, p.per_hour) IN (('ordinarie', "
	           "45000), ('forening', 15000), ('ungdom', 0))",
	           3) && count("SELECT count(*) FROM venue_prices p JOIN venues v ON v.id = "
	                       "p.venue_id WHERE v.type = 'moteslokal' AND p.category = 'forening' "
	                       "AND p.per_hour >= 15000") == 0,
	        "a hall costs 450 kr an hour, 150 for an association and nothing for youth; "
	        "meeting rooms less");
	h_check(count("SELECT count(*) FROM venues WHERE approval = 1") > 0 &&
	                count("SELECT count(*) FROM venues WHERE approval = 0") > 0,
	        "some venues need approval, some confirm at once");

	/* the season */
	h_check(count("SELECT count(*) FROM booking_series") >= 40 &&
	                is("SELECT count(*) FROM booking_series s WHERE (SELECT count(*) FROM "
	                   "bookings b WHERE b.series_id = s.id) < 10",
	                   0),
	        "weekly series for both terms, each with its occurrences (%ld series)",
	        count("SELECT count(*) FROM booking_series"));
	struct rows r;
	query("SELECT b.starts, b.ends, s.weekday, s.starts_min, s.ends_min, s.first_day, "
	      "s.last_day FROM bookings b JOIN booking_series s ON s.id = b.series_id AND "
	      "s.venue_id = b.venue_id AND s.association_id = b.association_id",
	      7, &r);
	int off = 0;
	for (int i = 0; i < r.n; i++) {
		time_t st = (time_t)atol(cell(&r, i, 0)), en = (time_t)atol(cell(&r, i, 1));
		struct tm a, b;
		localtime_r(&st, &a);
		localtime_r(&en, &b);
		char day[16];
		strftime(day, sizeof(day), "%Y-%m-%d", &a);
		off += (a.tm_wday ? a.tm_wday : 7) != atoi(cell(&r, i, 2)) ||
		       a.tm_hour * 60 + a.tm_min != atoi(cell(&r, i, 3)) ||
		       b.tm_hour * 60 + b.tm_min != atoi(cell(&r, i, 4)) ||
		       strcmp(day, cell(&r, i, 5)) < 0 || strcmp(day, cell(&r, i, 6)) > 0;
	}
	h_check(r.n > 400 && off == 0 &&
	                is("SELECT count(*) FROM bookings WHERE series_id IS NOT NULL", r.n),
	        "each of %d occurrences is its series' venue's and association's, on its weekday "
	        "and times in Stockholm time, within its term (%d not)",
	        r.n, off);
	free_rows(&r);
	h_check(count("SELECT count(*) FROM bookings WHERE status = 'pending' AND case_id IS "
	              "NULL") > 3 &&
	                is("SELECT count(*) FROM bookings b JOIN venues v ON v.id = b.venue_id "
	                   "WHERE b.status = 'pending' AND v.approval = 0",
	                   0),
	        "pending requests wait for a case, only at venues that need approval (%ld)",
	        count("SELECT count(*) FROM bookings WHERE status = 'pending'"));
	h_check(count("SELECT count(*) FROM bookings WHERE status = 'cancelled' AND late = 1 AND "
	              "cancelled_at > starts - 72 * 3600") > 0 &&
	                count("SELECT count(*) FROM bookings WHERE status = 'cancelled' AND late = "
	                      "0 "
	                      "AND cancelled_at <= starts - 24 * 3600") > 0 &&
	                count("SELECT count(*) FROM bookings WHERE status = 'declined'") > 0,
	        "some bookings are cancelled in good time, some late, some declined");
	h_check(is(OVERLAPS, 0), "no two holds of one leaf overlap");
	h_check(is(WRONG_HOLDS, 0), "each booking holds every leaf of its venue while pending or "
	                            "confirmed, none after");
	h_check(is(WRONG_PRICES, 0), "each price is hours × the category's price per hour, in öre");
	h_check(count("SELECT count(*) FROM bookings WHERE category = 'ungdom'") > 0 &&
	                is(WRONG_YOUTH, 0) &&
	                is("SELECT count(*) FROM venue_youth_rules r JOIN departments d ON "
	                   "d.id = r.department_id WHERE d.code = 'FRI' AND r.share_pct = 60",
	                   1),
	        "nolltaxa only for associations the register makes eligible (60 %% aged 7–25)");
	h_check(count("SELECT count(*) FROM associations WHERE members > 0 AND "
	              "youth_members * 100 >= 60 * members") > 10 &&
	                count("SELECT count(*) FROM associations WHERE members > 0 AND "
	                      "youth_members * 100 < 60 * members") > 10,
	        "some associations' youth members are above the threshold, some below");
	in_hours("the demo");
}

/* `samverka demo --venues N --bookings M`: N venues and M bookings in
 * all, none overlapping, each in its venue's hours and priced right. */
static void
scale(void)
{
	struct hstr out = {0}, err = {0};
	const char *argv[] = {"samverka", "demo",       "--db",  H.db_url, "--venues",
	                      "60",       "--bookings", "20000", NULL};
	int rc = h_run(argv, NULL, &out, &err);
	h_check(rc == 0 && is("SELECT count(*) FROM venues", 60) &&
	                is("SELECT count(*) FROM bookings", 20000),
	        "--venues 60 --bookings 20000 makes 60 venues and 20 000 bookings (exit %d)", rc);
	h_check(count("SELECT count(*) FROM venues WHERE parent_id IS NOT NULL") > 4,
	        "some generated halls are split");
	h_check(is(OVERLAPS, 0), "still no two holds of one leaf overlap");
	h_check(is(WRONG_HOLDS, 0) && is(WRONG_PRICES, 0) && is(WRONG_YOUTH, 0),
	        "the generated bookings hold their leaves and are priced right");
	in_hours("with the benchmark's bookings");
	/* the ids the load gave leave the next booking its own (PostgreSQL's
	 * identity moved past them) */
	int added = h_sql("INSERT INTO bookings (venue_id, association_id, starts, ends, status, "
	                  "category, price, activity, participants, at) SELECT min(v.id), "
	                  "min(a.id), 4102444800, 4102448400, 'cancelled', 'forening', 0, 'Prov', "
	                  "1, 0 FROM venues v, associations a",
	                  NULL) == 0;
	h_check(added && is("SELECT count(*) FROM bookings", 20001) &&
	                h_sql("DELETE FROM bookings WHERE starts = 4102444800", NULL) == 0,
	        "a booking written after the load gets an id of its own");
	struct hresp r;
	h_get(anon, "/healthz", &r);
	h_check(r.status == 200, "the server still answers");
	hresp_free(&r);
	hstr_free(&out);
	hstr_free(&err);
}

/* --- the season in progress ------------------------------------------ */

/* The POSTed form's answer's status, and its Location into loc. */
static long
post_form(struct hclient *c, const char *path, const char *const *kv, char *loc, size_t n)
{
	struct hstr f = {0};
	struct hresp r;
	h_form_add(&f, "csrf", h_csrf(c));
	for (int i = 0; kv[i]; i += 2)
		h_form_add(&f, kv[i], kv[i + 1]);
	h_post(c, path, f.p, &r);
	long st = r.status;
	if (!hresp_header(&r, "Location", loc, n))
		*loc = 0;
	hresp_free(&r);
	hstr_free(&f);
	return st;
}

/* The demo's next season takes applications, and some have come: two of
 * them want one hall at one time, which the officer's grid shows. Then
 * the officer allocates each venue's first wish in priority order and
 * decides the season from the grid: every application is decided, the
 * allocated times are booked, and no hold overlaps another. */
static void
season(struct hclient *officer)
{
	char q[512], id[32], name[128];
	h_sql_line("SELECT id FROM venue_seasons WHERE status = 'open' ORDER BY id LIMIT 1", id,
	           sizeof(id));
	snprintf(q, sizeof(q), "SELECT name FROM venue_seasons WHERE id = %ld", atol(id));
	h_sql_line(q, name, sizeof(name));
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM venue_seasons WHERE id = %ld AND deadline >= '%s' AND "
	         "first_day > deadline",
	         atol(id), today);
	h_check(atol(id) > 0 && is(q, 1), "the demo has a season open for applications (%s)", name);
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM season_applications p JOIN cases c ON c.id = p.case_id "
	         "WHERE p.season_id = %ld AND c.type = 'sasongsansokan' AND c.status = "
	         "'inkommen' AND c.applicant_id IS NOT NULL",
	         atol(id));
	long apps = count(q);
	h_check(apps >= 4, "several associations' representatives have applied, undecided (%ld)",
	        apps);
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM season_wishes a JOIN season_wishes b ON a.venue_id = "
	         "b.venue_id AND a.weekday = b.weekday AND a.starts_min < b.ends_min AND "
	         "b.starts_min < a.ends_min AND a.case_id < b.case_id JOIN season_applications p "
	         "ON p.case_id = a.case_id WHERE p.season_id = %ld",
	         atol(id));
	h_check(count(q) >= 1, "two applications want one hall at one time");

	struct hresp r;
	h_get(anon, "/lokaler/sasonger", &r);
	h_check(r.status == 200 && hresp_has(&r, name), "/lokaler/sasonger lists the season");
	hresp_free(&r);
	char path[96];
	snprintf(path, sizeof(path), "/handlaggning/lokaler/sasonger/%ld", atol(id));
	h_get(officer, path, &r);
	int listed = 1;
	struct rows d;
	snprintf(q, sizeof(q),
	         "SELECT c.diarienummer FROM cases c JOIN season_applications p ON p.case_id = "
	         "c.id WHERE p.season_id = %ld",
	         atol(id));
	query(q, 1, &d);
	for (int i = 0; i < d.n; i++)
		listed &= hresp_has(&r, cell(&d, i, 0));
	free_rows(&d);
	h_check(r.status == 200 && listed &&
	                hresp_count(&r, "<strong class=\"conflict\">Krock</strong>") >= 2 &&
	                hresp_has(&r, "Krock: "),
	        "the officer's grid lists every application and marks the conflicts (%ld)",
	        r.status);

	/* each venue's form: its first box is the wish the rule puts first */
	char prefix[128];
	snprintf(prefix, sizeof(prefix), "action=\"%s/lokaler/", path);
	int forms = 0, saved = 0;
	for (const char *at = strstr(r.body.p, prefix); at; at = strstr(at + 1, prefix)) {
		char action[128], box[64], loc[256];
		const char *box_at = strstr(at, "name=\"tilldela-");
		if (!h_between(at, "action=\"", "\"", action, sizeof(action)) || !box_at ||
		    !h_between(box_at, "name=\"", "\"", box, sizeof(box)))
			continue;
		forms++;
		saved += post_form(officer, action, (const char *[]){box, "1", NULL}, loc,
		                   sizeof(loc)) == 303;
	}
	hresp_free(&r);
	h_check(forms >= 4 && saved == forms, "each venue's first wish allocated (%d of %d)", saved,
	        forms);
	char loc[256], reference[64], decide[128];
	snprintf(reference, sizeof(reference), "FRI %s § 3", today);
	snprintf(decide, sizeof(decide), "%s/beslut", path);
	long st = post_form(officer, decide,
	                    (const char *[]){"motivering", "Fördelat efter nämndens regler.",
	                                     "beslutsfattare", "Hamid Handläggare", "datum", today,
	                                     "referens", reference, NULL},
	                    loc, sizeof(loc));
	snprintf(q, sizeof(q), "beslutad=%ld&kvar=0", apps);
	h_check(st == 303 && strstr(loc, q),
	        "the officer decides the season from its grid (%ld, %s)", st, loc);
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM venue_seasons s WHERE s.id = %ld AND s.status = 'decided' "
	         "AND "
	         "NOT EXISTS (SELECT 1 FROM season_applications p JOIN cases c ON c.id = p.case_id "
	         "WHERE p.season_id = s.id AND c.status <> 'beslutad')",
	         atol(id));
	h_check(is(q, 1), "every application and the season are decided");
	snprintf(
	        q, sizeof(q),
	        "SELECT count(*) FROM season_wishes w JOIN season_applications p ON p.case_id = "
	        "w.case_id WHERE p.season_id = %ld AND w.allocated = 1 AND (w.series_id IS NULL OR "
	        "(SELECT count(*) FROM bookings b WHERE b.series_id = w.series_id AND b.status = "
	        "'confirmed') < 20)",
	        atol(id));
	h_check(is(q, 0), "each allocated time is booked for the school year's weeks");
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM case_decisions d JOIN season_applications p "
	         "ON p.case_id = d.case_id WHERE p.season_id = %ld AND d.outcome = 'avslag'",
	         atol(id));
	h_check(count(q) >= 1, "an application that lost a conflict is refused");
	h_check(is(OVERLAPS, 0), "and no two holds of one leaf overlap");
}

/* --- what people see ---------------------------------------------------- */

static void
pages(struct hclient *officer)
{
	struct hresp r;
	struct hclient *rep = h_client();
	h_check(h_login(rep, "representative") == 303, "the demo representative signs in");
	h_get(rep, "/mina-sidor", &r);
	int all = r.status == 200;
	for (size_t i = 0; i < sizeof(STATUS_NAMES) / sizeof(STATUS_NAMES[0]); i++) {
		char td[64];
		snprintf(td, sizeof(td), "<td>%s</td>", STATUS_NAMES[i]);
		if (!hresp_has(&r, td)) {
			all = 0;
			h_note("no case %s", STATUS_NAMES[i]);
		}
	}
	h_check(all, "Mina sidor shows her cases in every status");
	hresp_free(&r);
	h_client_free(rep);

	h_get(anon, "/diarium", &r);
	h_check(r.status == 200 && hresp_count(&r, "<tr><td>FRI-") == 50 &&
	                hresp_has(&r, "rel=\"next\""),
	        "the diary's first page lists 50 cases and leads to older ones");
	hresp_free(&r);
	long pages = (count("SELECT count(*) FROM cases") + 49) / 50;
	char path[64], first[64];
	snprintf(path, sizeof(path), "/diarium?sida=%ld", pages);
	h_sql_line("SELECT diarienummer FROM cases ORDER BY created, id LIMIT 1", first,
	           sizeof(first));
	h_get(anon, path, &r);
	h_check(r.status == 200 && *first && hresp_has(&r, first),
	        "its last page (%ld) ends with the oldest case, %s", pages, first);
	hresp_free(&r);

	h_get(officer, "/handlaggning", &r);
	h_check(r.status == 200 && hresp_has(&r, "/arenden/FRI-"),
	        "the officer's inbox lists cases");
	hresp_free(&r);
	h_get(officer, "/handlaggning/statistik", &r);
	h_check(r.status == 200, "the statistics page answers (%ld)", r.status);
	hresp_free(&r);
}

/* --- deciding everything that can be decided ---------------------------- */

/* The officer's decision form as a person fills it in. */
static long
decide(struct hclient *c, const char *dnr, const char *decider)
{
	char path[96];
	struct hstr f = {0};
	struct hresp r;
	snprintf(path, sizeof(path), "/arenden/%s/beslut", dnr);
	h_form_add(&f, "csrf", h_csrf(c));
	h_form_add(&f, "utfall", "bifall");
	h_form_add(&f, "motivering", "Uppgifterna är kompletta och stämmer med protokollet.");
	h_form_add(&f, "beslutsfattare", decider);
	h_form_add(&f, "datum", today);
	h_form_add(&f, "referens", "Delegationsbeslut FRI 2026:901");
	h_post(c, path, f.p, &r);
	long st = r.status;
	hresp_free(&r);
	hstr_free(&f);
	return st;
}

/* Every received case and every case being handled, decided by an officer
 * who is no party to it (the demo has one officer on an association's
 * board); then the register holds what each granted yearly update sent. */
static void
decide_all(struct hclient *const *officers, const long *ids, char names[][96])
{
	struct rows parties;
	query("SELECT user_id, association_id FROM user_roles WHERE role = 'representative'", 2,
	      &parties);
	struct rows r;
	query("SELECT diarienummer, type, coalesce(association_id, 0), coalesce(applicant_id, 0), "
	      "coalesce(officer_id, 0) FROM cases WHERE status IN ('inkommen', 'handlaggning') "
	      "ORDER BY id",
	      5, &r);
	h_check(r.n >= 2, "%d cases can be decided", r.n);
	int decided = 0;
	for (int i = 0; i < r.n; i++) {
		const char *dnr = cell(&r, i, 0), *type = cell(&r, i, 1);
		long assoc = atol(cell(&r, i, 2)), applicant = atol(cell(&r, i, 3));
		long assigned = atol(cell(&r, i, 4));
		/* the officer it is assigned to, or else the first who can */
		int o = -1;
		for (int pass = 0; pass < 2 && o < 0; pass++)
			for (int k = 0; k < NOFFICERS && o < 0; k++) {
				int party = ids[k] == applicant;
				for (int j = 0; j < parties.n && !party; j++)
					party = atol(cell(&parties, j, 0)) == ids[k] &&
					        atol(cell(&parties, j, 1)) == assoc;
				if (!party && (pass == 1 || ids[k] == assigned))
					o = k;
			}
		if (o < 0) {
			h_check(0, "%s: some officer is no party to it", dnr);
			continue;
		}
		/* A registration's association is in the register only once
		 * granted: on this branch granting one whose association is not
		 * there yet records the decision and no more; registration
		 * grants from payload land with the e-service platform. */
		long st = decide(officers[o], dnr, names[o]);
		decided += st == 303;
		h_check(st == 303, "%s (%s) is decided by %s: %ld", dnr, type, names[o], st);
	}
	h_check(count("SELECT count(*) FROM cases WHERE status IN ('inkommen', 'handlaggning')") ==
	                0,
	        "no case is left to decide (%d decided)", decided);
	free_rows(&r);
	free_rows(&parties);

	/* what each association's last decided update sent is now in the register */
	query("SELECT c.association_id, c.diarienummer, c.payload, coalesce(a.members, 0), "
	      "a.email, a.phone, a.website FROM cases c JOIN case_decisions d ON d.case_id = c.id "
	      "JOIN associations a ON a.id = c.association_id WHERE c.type = 'arsuppdatering' "
	      "AND d.reference = 'Delegationsbeslut FRI 2026:901' ORDER BY d.at DESC, c.id DESC",
	      7, &r);
	int applied = 0, checked = 0;
	for (int i = 0; i < r.n; i++) {
		int later = 0;
		for (int k = 0; k < i && !later; k++)
			later = strcmp(cell(&r, k, 0), cell(&r, i, 0)) == 0;
		if (later)
			continue;
		json_t *p = json_loads(cell(&r, i, 2), 0, NULL);
		checked++;
		if (json_integer_value(json_object_get(p, "medlemmar")) == atol(cell(&r, i, 3)) &&
		    strcmp(json_string_value(json_object_get(p, "epost")), cell(&r, i, 4)) == 0 &&
		    strcmp(json_string_value(json_object_get(p, "telefon")), cell(&r, i, 5)) == 0 &&
		    strcmp(json_string_value(json_object_get(p, "webbplats")), cell(&r, i, 6)) == 0)
			applied++;
		else
			h_note("%s: the register has %s, %s, %s, %s", cell(&r, i, 1),
			       cell(&r, i, 3), cell(&r, i, 4), cell(&r, i, 5), cell(&r, i, 6));
		json_decref(p);
	}
	free_rows(&r);
	h_check(checked > 0 && applied == checked,
	        "the register holds what the last granted update of each of %d associations sent "
	        "(%d do)",
	        checked, applied);
}

int
main(void)
{
	h_demo_history();
	h_start();
	anon = h_client();
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);

	arrivals();
	outcomes();
	numbers_and_trails();
	payloads();
	second_run();
	/* bookings are in Stockholm time, as the pages show them */
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	venues();
	scale();

	struct hclient *officers[NOFFICERS];
	long ids[NOFFICERS];
	char names[NOFFICERS][96];
	int in = 1;
	for (int i = 0; i < NOFFICERS; i++) {
		char q[200], row[200];
		officers[i] = h_client();
		const char *pw =
		        OFFICERS[i].password ? OFFICERS[i].password : h_user("officer")->password;
		in &= h_login_as(officers[i], OFFICERS[i].email, pw) == 303;
		snprintf(q, sizeof(q), "SELECT id, name FROM users WHERE email = '%s'",
		         OFFICERS[i].email);
		h_sql_line(q, row, sizeof(row));
		ids[i] = atol(row);
		snprintf(names[i], sizeof(names[i]), "%s",
		         strchr(row, '|') ? strchr(row, '|') + 1 : "");
	}
	h_check(in, "the department's %d officers sign in", NOFFICERS);
	pages(officers[0]);
	/* the season's applications are decided together, from its grid */
	season(officers[0]);
	decide_all(officers, ids, names);

	for (int i = 0; i < NOFFICERS; i++)
		h_client_free(officers[i]);
	h_client_free(anon);
	return h_finish();
}
