/* The calendar feeds of venue booking (issue 11, point 7): a venue's, an
 * association's and one booking's iCalendar, each parsed by Python's
 * icalendar (Debian's python3-icalendar), an independent parser. Times
 * stay at 18:00 Stockholm time on both sides of the daylight-saving
 * changes, read both through the IANA zone and through the VTIMEZONE the
 * feed carries; names only where the association chose to be shown, and
 * never a person's; a split hall's half shows the whole's bookings;
 * cancelled, declined and pending bookings only where they belong; one
 * booking's feed only for its association, its department and the
 * administrators. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct hclient *anon, *officer, *rep, *other_rep, *culture, *admin;
static char assoc[32], other_assoc[32], assoc_name[256], rep_name[256];
static long whole, half_a, half_b, room, old_hall;

/* Reads the file it is given with icalendar and prints the number of
 * parse errors, each VTIMEZONE's TZID and each event: UID, STATUS,
 * SEQUENCE, the start as local time and its zone's name, start and end
 * in UTC through that zone, the start in UTC through the feed's own
 * VTIMEZONE (what a program without the IANA zones reads), SUMMARY,
 * LOCATION and DESCRIPTION, separated by tabs. */
static const char parse_py[] =
        "import sys, datetime\n"
        "from icalendar import Calendar\n"
        "cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
        "print('errors', sum(len(c.errors) for c in cal.walk()))\n"
        "zones = cal.walk('VTIMEZONE')\n"
        "for z in zones: print('tz', z['TZID'])\n"
        "own = zones[0].to_tz() if zones else None\n"
        "utc = datetime.timezone.utc\n"
        "for e in cal.walk('VEVENT'):\n"
        "    s, t = e.decoded('DTSTART'), e.decoded('DTEND')\n"
        "    zone = getattr(s.tzinfo, 'zone', str(s.tzinfo))\n"
        "    mine = own.localize(s.replace(tzinfo=None)).astimezone(utc) if own else s\n"
        "    print('ev', e['UID'], e['STATUS'], e['SEQUENCE'], s.strftime('%Y-%m-%dT%H:%M'), "
        "zone, s.astimezone(utc).strftime('%H:%M'), t.astimezone(utc).strftime('%H:%M'), "
        "mine.strftime('%H:%M'), e['SUMMARY'], e['LOCATION'], e.get('DESCRIPTION', ''), "
        "sep='\\t')\n";

/* Prints the Tuesdays before and after the next spring and autumn change
 * (the last Sundays of March and October) that fall within a venue
 * feed's window, 30 days back to a year ahead: "spring BEFORE AFTER",
 * "autumn BEFORE AFTER". */
static const char changes_py[] =
        "import datetime as d\n"
        "now = d.date.today()\n"
        "def last_sunday(y, m):\n"
        "    x = d.date(y + m // 12, m % 12 + 1, 1) - d.timedelta(days=1)\n"
        "    return x - d.timedelta(days=(x.weekday() + 1) % 7)\n"
        "for name, m in (('spring', 3), ('autumn', 10)):\n"
        "    for y in (now.year - 1, now.year, now.year + 1):\n"
        "        s = last_sunday(y, m)\n"
        "        a, b = s - d.timedelta(days=5), s + d.timedelta(days=2)\n"
        "        if a >= now - d.timedelta(days=28) and b <= now + d.timedelta(days=360):\n"
        "            print(name, a, b)\n"
        "            break\n";

/* An event of a parsed feed, its fields as parse_py prints them. */
struct ev {
	char uid[128], status[16], seq[8], local[32], zone[64], utc_start[8], utc_end[8],
	        own_start[8], summary[256], location[256], description[256];
};

/* The Unix seconds of a Stockholm time ("2026-03-24 18:00") as date(1)
 * reckons it, -1 when it cannot. */
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

/* Adds a venue of the leisure department; its id. */
static long
venue_add(const char *name, long parent, int active)
{
	char sql[1024], par[32] = "NULL";
	if (parent)
		snprintf(par, sizeof(par), "%ld", parent);
	snprintf(sql, sizeof(sql),
	         "INSERT INTO venues (parent_id, department_id, type, name, sort_key, address, "
	         "capacity, active, created) VALUES (%s, (SELECT id FROM departments WHERE code = "
	         "'FRI'), 'idrottshall', '%s', lower('%s'), 'Idrottsvägen 1, 212 00 Malmö', 100, "
	         "%d, 0) RETURNING id",
	         par, name, name, active);
	return h_sql_number(sql);
}

/* Adds a booking from starts for two hours, booked by the demo
 * representative; its id. */
static long
booking_add(long venue, const char *association, long long starts, const char *status,
            int show_name)
{
	char sql[1024];
	snprintf(sql, sizeof(sql),
	         "INSERT INTO bookings (venue_id, association_id, booked_by, starts, ends, status, "
	         "category, price, activity, participants, show_name, at) VALUES (%ld, %s, (SELECT "
	         "id FROM users WHERE email = 'forening@demo.samverka.se'), %lld, %lld, '%s', "
	         "'forening', 0, 'Träning för juniorer', 20, %d, 0) RETURNING id",
	         venue, association, starts, starts + 7200, status, show_name);
	return h_sql_number(sql);
}

/* Whether every line of an iCalendar body ends with CRLF and is at most
 * 75 octets without it (RFC 5545 3.1). */
static int
lines_folded(const struct hresp *r)
{
	const char *p = r->body.p, *end = p + r->body.n;
	if (!p || !r->body.n)
		return 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl || nl == p || nl[-1] != '\r' || nl - 1 - p > 75)
			return 0;
		p = nl + 1;
	}
	return 1;
}

/* Fetches a feed as c and, when it is there (200), checks its headers and
 * lines and parses it with icalendar into parsed. The status. */
static long
feed(struct hclient *c, const char *path, struct hstr *parsed)
{
	struct hresp r = {0};
	h_get(c, path, &r);
	long status = r.status;
	if (status == 200) {
		char ctype[128], disp[256];
		h_check(hresp_header(&r, "Content-Type", ctype, sizeof(ctype)) &&
		                strcmp(ctype, "text/calendar; charset=utf-8") == 0 &&
		                hresp_header(&r, "Content-Disposition", disp, sizeof(disp)) &&
		                strstr(disp, "filename=\"") && strstr(disp, ".ics\""),
		        "%s: text/calendar; charset=utf-8 with a file name", path);
		h_check(strncmp(r.body.p, "BEGIN:VCALENDAR\r\n", 17) == 0 && lines_folded(&r),
		        "%s: a calendar of CRLF lines folded at 75 octets", path);
		h_check(!strstr(r.body.p, "forening@demo.samverka.se") &&
		                (!rep_name[0] || !strstr(r.body.p, rep_name)),
		        "%s: names no person who booked, neither by name nor by e-mail", path);
		const char *file = h_path("feed.ics");
		FILE *f = fopen(file, "wb");
		if (f) {
			fwrite(r.body.p, 1, r.body.n, f);
			fclose(f);
		}
		const char *argv[] = {"/usr/bin/python3", h_path("parse.py"), file, NULL};
		struct hstr err = {0};
		int rc = h_run(argv, NULL, parsed, &err);
		h_check(rc == 0 && parsed->p && strncmp(parsed->p, "errors 0\n", 9) == 0 &&
		                strstr(parsed->p, "\ntz Europe/Stockholm\n"),
		        "%s: icalendar parses it without error, with the zone Europe/Stockholm",
		        path);
		if (rc != 0)
			h_note("%s", err.p ? err.p : "");
		hstr_free(&err);
	}
	hresp_free(&r);
	return status;
}

/* The event of booking id in a parsed feed: 1 with e filled, 0 when the
 * feed has none. */
static int
event_of(const struct hstr *parsed, long id, struct ev *e)
{
	char key[64];
	snprintf(key, sizeof(key), "\nev\tbooking-%ld@", id);
	const char *p = parsed->p ? strstr(parsed->p, key) : NULL;
	memset(e, 0, sizeof(*e));
	if (!p)
		return 0;
	p += 4;
	char *fields[] = {e->uid,     e->status,    e->seq,        e->local,
	                  e->zone,    e->utc_start, e->utc_end,    e->own_start,
	                  e->summary, e->location,  e->description};
	size_t sizes[] = {sizeof e->uid,      sizeof e->status,     sizeof e->seq,
	                  sizeof e->local,    sizeof e->zone,       sizeof e->utc_start,
	                  sizeof e->utc_end,  sizeof e->own_start,  sizeof e->summary,
	                  sizeof e->location, sizeof e->description};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		size_t n = strcspn(p, i + 1 < sizeof fields / sizeof *fields ? "\t\n" : "\n");
		snprintf(fields[i], sizes[i], "%.*s", (int)n, p);
		p += n;
		if (*p == '\t')
			p++;
	}
	return 1;
}

/* Checks that booking id is in the parsed feed at 18:00–20:00 on day,
 * Stockholm time, with the zone's name, and at utc (HH:MM) in UTC both
 * through the IANA zone and through the feed's VTIMEZONE. */
static void
at_six(const char *what, const struct hstr *parsed, long id, const char *day, const char *utc,
       const char *utc_end)
{
	struct ev e;
	char local[32];
	snprintf(local, sizeof(local), "%sT18:00", day);
	int found = event_of(parsed, id, &e);
	h_check(found && strcmp(e.local, local) == 0 && strcmp(e.zone, "Europe/Stockholm") == 0 &&
	                strcmp(e.utc_start, utc) == 0 && strcmp(e.utc_end, utc_end) == 0 &&
	                strcmp(e.own_start, utc) == 0,
	        "%s: %s 18:00 Stockholm time is %s UTC, by the zone's name and by the feed's "
	        "VTIMEZONE (got %s %s, %s–%s UTC, %s by the VTIMEZONE)",
	        what, day, utc, found ? e.local : "nothing", found ? e.zone : "", e.utc_start,
	        e.utc_end, e.own_start);
}

static char spring[2][11], autumn[2][11];

/* The venues, a split hall among them, and the two associations. */
static void
setup(void)
{
	h_parties(&officer, &rep, &other_rep, &culture, assoc);
	anon = h_client();
	admin = h_client();
	h_check(h_login(admin, "admin") == 303, "an administrator signs in");
	h_sql_line(
	        "SELECT association_id FROM user_roles WHERE role = 'representative' AND user_id "
	        "= (SELECT id FROM users WHERE email = 'annan@example.se') AND association_id IS "
	        "NOT NULL",
	        other_assoc, sizeof(other_assoc));
	char q[256];
	snprintf(q, sizeof(q), "SELECT name FROM associations WHERE id = %s", assoc);
	h_sql_line(q, assoc_name, sizeof(assoc_name));
	h_sql_line("SELECT name FROM users WHERE email = 'forening@demo.samverka.se'", rep_name,
	           sizeof(rep_name));
	snprintf(q, sizeof(q),
	         "UPDATE associations SET public = 1, active = 1 WHERE id IN (%s, %s)", assoc,
	         other_assoc);
	h_sql(q, NULL);
	whole = venue_add("Testhallen", 0, 1);
	half_a = venue_add("Testhallen A", whole, 1);
	half_b = venue_add("Testhallen B", whole, 1);
	room = venue_add("Mötesrummet", 0, 1);
	old_hall = venue_add("Gamla hallen", 0, 0);
	h_check(*other_assoc && *assoc_name && *rep_name && whole > 0 && half_a > 0 && half_b > 0 &&
	                room > 0 && old_hall > 0,
	        "two associations, a hall split in two halves, a room and an inactive hall");
	h_write_file(h_path("parse.py"), parse_py);
	h_write_file(h_path("changes.py"), changes_py);
	const char *argv[] = {"/usr/bin/python3", h_path("changes.py"), NULL};
	struct hstr out = {0}, err = {0};
	h_run(argv, NULL, &out, &err);
	h_check(out.p && sscanf(out.p, "spring %10s %10s autumn %10s %10s", spring[0], spring[1],
	                        autumn[0], autumn[1]) == 4,
	        "the Tuesdays around the next changes of daylight-saving time: %s", out.p);
	hstr_free(&out);
	hstr_free(&err);
}

/* A time of day on a day, Stockholm time. */
static long long
on(const char *day, const char *hhmm)
{
	char when[32];
	snprintf(when, sizeof(when), "%s %s", day, hhmm);
	return stockholm(when);
}

static void
venue_feeds(void)
{
	long b_spring = booking_add(whole, assoc, on(spring[0], "18:00"), "confirmed", 1);
	long b_summer = booking_add(whole, assoc, on(spring[1], "18:00"), "pending", 1);
	long b_hidden = booking_add(half_a, other_assoc, on(autumn[0], "18:00"), "confirmed", 0);
	long b_winter = booking_add(half_a, assoc, on(autumn[1], "18:00"), "confirmed", 1);
	long b_cancelled = booking_add(half_a, other_assoc, on(autumn[0], "12:00"), "cancelled", 1);
	long b_declined = booking_add(half_a, assoc, on(autumn[1], "10:00"), "declined", 1);
	long b_other_half =
	        booking_add(half_b, other_assoc, on(autumn[1], "18:00"), "confirmed", 1);
	long b_room = booking_add(room, assoc, on(spring[0], "18:00"), "confirmed", 1);
	char path[128];
	struct hstr half = {0}, all = {0}, en = {0}, p = {0};
	struct ev e, f;

	snprintf(path, sizeof(path), "/lokaler/%ld/kalender.ics", half_a);
	h_check(feed(anon, path, &half) == 200, "a visitor gets the half hall's feed");
	at_six("spring, before the change", &half, b_spring, spring[0], "17:00", "19:00");
	at_six("spring, after the change", &half, b_summer, spring[1], "16:00", "18:00");
	at_six("autumn, before the change", &half, b_hidden, autumn[0], "16:00", "18:00");
	at_six("autumn, after the change", &half, b_winter, autumn[1], "17:00", "19:00");
	h_check(event_of(&half, b_spring, &e) && strcmp(e.summary, assoc_name) == 0 &&
	                strcmp(e.status, "CONFIRMED") == 0 && strcmp(e.seq, "1") == 0 &&
	                strcmp(e.location, "Testhallen, Idrottsvägen 1, 212 00 Malmö") == 0 &&
	                !*e.description,
	        "the whole hall's booking is in the half's feed: the association's name it chose "
	        "to show, CONFIRMED, SEQUENCE 1, the whole hall as LOCATION (got '%s', %s, %s, "
	        "'%s')",
	        e.summary, e.status, e.seq, e.location);
	h_check(event_of(&half, b_summer, &e) && strcmp(e.status, "TENTATIVE") == 0 &&
	                strcmp(e.seq, "0") == 0,
	        "a pending booking is TENTATIVE with SEQUENCE 0 (got %s %s)", e.status, e.seq);
	h_check(event_of(&half, b_hidden, &e) && strcmp(e.summary, "Bokad") == 0 &&
	                strcmp(e.location, "Testhallen A, Idrottsvägen 1, 212 00 Malmö") == 0,
	        "an association that chose not to be shown is 'Bokad' (got '%s')", e.summary);
	h_check(!event_of(&half, b_cancelled, &e) && !event_of(&half, b_declined, &e),
	        "cancelled and declined bookings are not in the feed");
	h_check(!event_of(&half, b_other_half, &e) && !event_of(&half, b_room, &e),
	        "the other half's and another venue's bookings are not in the half's feed");
	h_check(event_of(&half, b_spring, &e) && strncmp(e.uid, "booking-", 8) == 0 &&
	                strchr(e.uid, '@')[1] != 0,
	        "a booking's UID is booking-ID@ the server's host (%s)", e.uid);

	snprintf(path, sizeof(path), "/lokaler/%ld/kalender.ics", whole);
	h_check(feed(anon, path, &all) == 200, "a visitor gets the whole hall's feed");
	h_check(event_of(&all, b_hidden, &f) && event_of(&all, b_other_half, &f) &&
	                event_of(&all, b_winter, &f) && !event_of(&all, b_cancelled, &f),
	        "the whole hall's feed has both halves' bookings, cancelled ones left out");
	h_check(event_of(&half, b_spring, &e) && event_of(&all, b_spring, &f) &&
	                strcmp(e.uid, f.uid) == 0,
	        "a booking has the same UID in every feed (%s)", f.uid);

	snprintf(path, sizeof(path), "/lokaler/%ld/kalender.ics?lang=en", half_a);
	h_check(feed(anon, path, &en) == 200 && event_of(&en, b_hidden, &e) &&
	                strcmp(e.summary, "Booked") == 0,
	        "in English a hidden association is 'Booked' (got '%s')", e.summary);

	snprintf(path, sizeof(path), "/lokaler/%ld/kalender.ics", old_hall);
	h_check(feed(anon, path, &p) == 404, "an inactive venue has no feed (404)");
	h_check(feed(anon, "/lokaler/999999/kalender.ics", &p) == 404 &&
	                feed(anon, "/lokaler/x/kalender.ics", &p) == 404,
	        "an unknown venue has no feed (404)");

	long b_past = booking_add(room, assoc, (long long)time(NULL) - 60 * 86400, "confirmed", 1);
	hstr_free(&p);
	p = (struct hstr){0};
	snprintf(path, sizeof(path), "/lokaler/%ld/kalender.ics", room);
	h_check(feed(anon, path, &p) == 200 && event_of(&p, b_room, &e) &&
	                !event_of(&p, b_past, &e),
	        "a venue's feed goes 30 days back: a booking 60 days ago is not in it");

	/* a line longer than 75 octets, with letters of two octets, folded
	 * and read back whole */
	static const char long_name[] = "Föreningslokalen på Ärtholmsvägen i Västra hamnen, "
	                                "övre våningen, stora salen med kök och förråd";
	long big = venue_add(long_name, 0, 1);
	long b_big = booking_add(big, assoc, on(spring[1], "18:00"), "confirmed", 1);
	char where[256];
	snprintf(where, sizeof(where), "%s, Idrottsvägen 1, 212 00 Malmö", long_name);
	hstr_free(&p);
	p = (struct hstr){0};
	snprintf(path, sizeof(path), "/lokaler/%ld/kalender.ics", big);
	h_check(feed(anon, path, &p) == 200 && event_of(&p, b_big, &e) &&
	                strcmp(e.location, where) == 0,
	        "a LOCATION of %zu octets comes back whole after folding (got '%s')", strlen(where),
	        e.location);
	hstr_free(&half);
	hstr_free(&all);
	hstr_free(&en);
	hstr_free(&p);
}

static void
association_feeds(void)
{
	long shown = booking_add(room, assoc, on(autumn[0], "18:00"), "confirmed", 1);
	long hidden = booking_add(room, assoc, on(autumn[0], "10:00"), "confirmed", 0);
	long pending = booking_add(room, assoc, on(autumn[1], "10:00"), "pending", 1);
	long cancelled = booking_add(room, assoc, on(autumn[1], "12:00"), "cancelled", 1);
	long others = booking_add(room, other_assoc, on(autumn[1], "14:00"), "confirmed", 1);
	char path[128];
	struct hstr p = {0};
	struct ev e;
	snprintf(path, sizeof(path), "/foreningar/%s/kalender.ics", assoc);
	h_check(feed(anon, path, &p) == 200, "a visitor gets the association's feed");
	at_six("the association's feed", &p, shown, autumn[0], "16:00", "18:00");
	h_check(event_of(&p, shown, &e) && strcmp(e.summary, assoc_name) == 0 &&
	                strcmp(e.location, "Mötesrummet, Idrottsvägen 1, 212 00 Malmö") == 0 &&
	                strcmp(e.status, "CONFIRMED") == 0,
	        "its booking is named for it, at the venue's name and address (got '%s', '%s')",
	        e.summary, e.location);
	h_check(!event_of(&p, hidden, &e) && !event_of(&p, pending, &e) &&
	                !event_of(&p, cancelled, &e) && !event_of(&p, others, &e),
	        "only its confirmed bookings it chose to show: not a hidden, pending, cancelled "
	        "or another association's booking");
	hstr_free(&p);
	p = (struct hstr){0};
	h_check(feed(anon, "/foreningar/999999/kalender.ics", &p) == 404,
	        "an association that does not exist has no feed (404)");
	snprintf(path, sizeof(path), "UPDATE associations SET public = 0 WHERE id = %s",
	         other_assoc);
	h_sql(path, NULL);
	snprintf(path, sizeof(path), "/foreningar/%s/kalender.ics", other_assoc);
	h_check(feed(anon, path, &p) == 404, "an association that is not public has no feed (404)");
	snprintf(path, sizeof(path), "UPDATE associations SET public = 1 WHERE id = %s",
	         other_assoc);
	h_sql(path, NULL);
	hstr_free(&p);
}

/* One booking's feed, with the days the issue names, on both sides of
 * 2026's changes; who may have it. */
static void
booking_feeds(void)
{
	static const struct {
		const char *day, *utc, *utc_end;
	} days[] = {{"2026-03-24", "17:00", "19:00"},
	            {"2026-03-31", "16:00", "18:00"},
	            {"2026-10-20", "16:00", "18:00"},
	            {"2026-10-27", "17:00", "19:00"}};
	char path[128];
	long first = 0;
	for (size_t i = 0; i < sizeof days / sizeof *days; i++) {
		long id = booking_add(room, assoc, on(days[i].day, "18:00"), "confirmed", 0);
		if (!first)
			first = id;
		struct hstr p = {0};
		struct ev e;
		snprintf(path, sizeof(path), "/lokaler/bokningar/%ld/kalender.ics", id);
		h_check(feed(rep, path, &p) == 200, "the representative gets the booking's feed");
		at_six("one booking", &p, id, days[i].day, days[i].utc, days[i].utc_end);
		h_check(event_of(&p, id, &e) && strcmp(e.summary, assoc_name) == 0 &&
		                strcmp(e.description, "Träning för juniorer") == 0,
		        "its own booking names the association and the activity (got '%s', '%s')",
		        e.summary, e.description);
		hstr_free(&p);
	}
	struct hstr p = {0};
	snprintf(path, sizeof(path), "/lokaler/bokningar/%ld/kalender.ics", first);
	h_check(feed(other_rep, path, &p) == 404,
	        "another association's representative gets 404 for the booking's feed");
	h_check(feed(anon, path, &p) == 404, "a visitor gets 404 for the booking's feed");
	h_check(feed(culture, path, &p) == 404,
	        "an officer of another department gets 404 for the booking's feed");
	hstr_free(&p);
	p = (struct hstr){0};
	h_check(feed(officer, path, &p) == 200, "an officer of the venue's department gets it");
	hstr_free(&p);
	p = (struct hstr){0};
	h_check(feed(admin, path, &p) == 200, "an administrator gets it");
	hstr_free(&p);
	p = (struct hstr){0};
	h_check(feed(rep, "/lokaler/bokningar/999999/kalender.ics", &p) == 404,
	        "a booking that does not exist has no feed (404)");

	long gone = booking_add(room, assoc, on("2026-10-27", "10:00"), "cancelled", 1);
	struct ev e;
	snprintf(path, sizeof(path), "/lokaler/bokningar/%ld/kalender.ics", gone);
	h_check(feed(rep, path, &p) == 200 && event_of(&p, gone, &e) &&
	                strcmp(e.status, "CANCELLED") == 0 && strcmp(e.seq, "2") == 0,
	        "a cancelled booking's own feed says CANCELLED with SEQUENCE 2, so a calendar "
	        "that imported it takes it away (got %s %s)",
	        e.status, e.seq);
	hstr_free(&p);
}

int
main(void)
{
	h_start();
	setup();
	venue_feeds();
	association_feeds();
	booking_feeds();
	return h_finish();
}
