/* Calendar feeds (issue 11, point 7): iCalendar (RFC 5545) per venue, per
 * association and per booking, written with libical, which escapes the
 * text, folds the lines at 75 octets and ends them with CRLF. Times are
 * local Stockholm times with TZID=Europe/Stockholm and the zone's
 * VTIMEZONE, made by libical from the system's zoneinfo (see
 * docs/decisions.md), so that a booking at 18:00 is at 18:00 in every
 * calendar on both sides of a daylight-saving change. A public feed
 * names an association only where it chose to be shown and never a
 * person. */
#include "venues/ical.h"
#include "auth/roles.h"
#include "cases/case.h"
#include "mail/outbox.h"
#include "register/queries.h"
#include "venues/booking.h"
#include "venues/venue.h"

#include <libical/ical.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ZONE_NAME "Europe/Stockholm"
#define DAY_SECONDS 86400
/* The window of the venue's and the association's feeds. */
#define FEED_BACK (30 * DAY_SECONDS)
#define FEED_AHEAD (365 * DAY_SECONDS)

/* An association's confirmed bookings that it chose to show in [$2, $3),
 * by start, with each venue's name and address; as booking_range, only
 * those that start within a day before $2 are read (a booking lasts at
 * most a day), from the index bookings_association. */
static struct dbq Q_ASSOCIATION = {
        "SELECT b.id, b.starts, b.ends, v.name, v.address FROM bookings b "
        "JOIN venues v ON v.id = b.venue_id WHERE b.association_id = $1 AND b.starts < $3 "
        "AND b.starts > CAST($2 AS BIGINT) - 86400 AND b.ends > $2 AND b.status = 'confirmed' "
        "AND b.show_name = 1 ORDER BY b.starts, b.id",
        NULL, 0};
/* The department a venue belongs to, active or not. */
static struct dbq Q_DEPARTMENT = {"SELECT department_id FROM venues WHERE id = $1", NULL, 0};

static pthread_once_t zone_once = PTHREAD_ONCE_INIT;
static icaltimezone *stockholm;

/* The most observances (STANDARD, DAYLIGHT) a zone's VTIMEZONE has that
 * zone_merge looks at; Stockholm's has nine. */
#define ZONE_MAX_OBSERVANCES 64

/* An observance's kind, offsets, name and rule without its end, as one
 * text (malloc'd), and in *until the end of its rule (0: none); NULL for
 * an observance without a rule. */
static char *
observance_key(icalcomponent *o, time_t *until)
{
	icalproperty *rr = icalcomponent_get_first_property(o, ICAL_RRULE_PROPERTY);
	icalproperty *from = icalcomponent_get_first_property(o, ICAL_TZOFFSETFROM_PROPERTY);
	icalproperty *to = icalcomponent_get_first_property(o, ICAL_TZOFFSETTO_PROPERTY);
	icalproperty *name = icalcomponent_get_first_property(o, ICAL_TZNAME_PROPERTY);
	if (!rr || !from || !to)
		return NULL;
	struct icalrecurrencetype rule = icalproperty_get_rrule(rr);
	*until = icaltime_is_null_time(rule.until) ? 0 : icaltime_as_timet(rule.until);
	rule.until = icaltime_null_time();
	char *text = icalrecurrencetype_as_string_r(&rule);
	struct buf b = {0};
	buf_printf(&b, "%d %d %d %s %s", (int)icalcomponent_isa(o),
	           icalproperty_get_tzoffsetfrom(from), icalproperty_get_tzoffsetto(to),
	           name ? icalproperty_get_tzname(name) : "", text);
	icalmemory_free_buffer(text);
	return buf_take(&b);
}

/* Joins each rule that ends (UNTIL) with the same rule that goes on from
 * its next onset: libical writes the zoneinfo's table of transitions,
 * which ends in 2037, and its rule for the years after as two
 * observances each, which Python's icalendar (4.0) cannot read (a local
 * DTSTART with a UTC UNTIL, as RFC 5545 wants it in a VTIMEZONE). One
 * rule without an end says the same and is what calendar programs write
 * themselves. */
static void
zone_merge(icalcomponent *tz)
{
	icalcomponent *obs[ZONE_MAX_OBSERVANCES];
	size_t n = 0;
	for (icalcomponent *o = icalcomponent_get_first_component(tz, ICAL_ANY_COMPONENT);
	     o && n < ZONE_MAX_OBSERVANCES;
	     o = icalcomponent_get_next_component(tz, ICAL_ANY_COMPONENT))
		obs[n++] = o;
	for (size_t i = 0; i < n; i++) {
		time_t ends = 0, goes_on;
		char *key = obs[i] ? observance_key(obs[i], &ends) : NULL;
		for (size_t j = 0; key && ends && j < n; j++) {
			char *next = j != i && obs[j] ? observance_key(obs[j], &goes_on) : NULL;
			time_t onset =
			        next ? icaltime_as_timet(icalcomponent_get_dtstart(obs[j])) : 0;
			if (next && !goes_on && strcmp(key, next) == 0 && onset > ends &&
			    onset - ends < 400 * DAY_SECONDS) {
				icalproperty *rr = icalcomponent_get_first_property(
				        obs[i], ICAL_RRULE_PROPERTY);
				struct icalrecurrencetype rule = icalproperty_get_rrule(rr);
				rule.until = icaltime_null_time();
				icalproperty_set_rrule(rr, rule);
				icalcomponent_remove_component(tz, obs[j]);
				icalcomponent_free(obs[j]);
				obs[j] = NULL;
				ends = 0;
			}
			free(next);
		}
		free(key);
	}
}

/* Stockholm's zone as libical reads it from the system's zoneinfo (which
 * tzdata keeps current), its rules joined (zone_merge) and renamed from
 * libical's "/freeassociation.sourceforge.net/Europe/Stockholm" to the
 * IANA name, which is what calendar programs map to a zone of their own.
 * Loaded once and shared by the pool's threads: libical locks a zone's
 * table of changes while it converts. Left NULL when the zoneinfo is
 * missing. */
static void
zone_load(void)
{
	icalcomponent *c = icaltzutil_fetch_timezone(ZONE_NAME);
	icalproperty *p = c ? icalcomponent_get_first_property(c, ICAL_TZID_PROPERTY) : NULL;
	if (!p) {
		if (c)
			icalcomponent_free(c);
		return;
	}
	icalproperty_set_tzid(p, ZONE_NAME);
	zone_merge(c);
	icaltimezone *z = icaltimezone_new();
	if (icaltimezone_set_component(z, c))
		stockholm = z;
	else
		icaltimezone_free(z, 1);
}

/* A feed being written: the calendar, freed with the request's arena. */
struct feed {
	struct req *r;
	icalcomponent *cal;
	const char *host; /* of the UIDs */
	struct icaltimetype now;
};

static void
calendar_free(void *cal)
{
	icalcomponent_free(cal);
}

/* The host name the server is configured with (--base-url, else the
 * listen address), which makes a booking's UID unique beyond this site. */
static const char *
uid_host(struct arena *a)
{
	const char *p = strstr(mail_base_url, "://");
	p = p ? p + 3 : mail_base_url;
	size_t n = *p == '[' ? strcspn(p, "]") + 1 : strcspn(p, ":/");
	return arena_strndup(a, p, n);
}

/* An X- property of the calendar that calendar programs read for its name
 * and zone. */
static void
calendar_x(icalcomponent *cal, const char *name, const char *value)
{
	icalproperty *p = icalproperty_new_x(value);
	icalproperty_set_x_name(p, name);
	icalcomponent_add_property(cal, p);
}

/* Starts a calendar named name whose first event starts at first: its
 * VTIMEZONE cut to what the events need (libical keeps the observances in
 * force from first on, with their rules' first onsets, which Outlook
 * wants). 1, or 0 after answering 500 when the zone cannot be read. */
static int
feed_open(struct req *r, struct feed *f, const char *name, int64_t first)
{
	pthread_once(&zone_once, zone_load);
	if (!stockholm) {
		req_fail(r, "the time zone Europe/Stockholm could not be read from the zoneinfo");
		return 0;
	}
	icaltimezone *utc = icaltimezone_get_utc_timezone();
	*f = (struct feed){.r = r, .host = uid_host(&r->a)};
	f->now = icaltime_from_timet_with_zone(time(NULL), 0, utc);
	f->cal = icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
	                             icalproperty_new_prodid("-//samverka//lokalbokning//SV"),
	                             icalproperty_new_calscale("GREGORIAN"), NULL);
	arena_defer(&r->a, calendar_free, f->cal);
	calendar_x(f->cal, "X-WR-CALNAME", name);
	calendar_x(f->cal, "X-WR-TIMEZONE", ZONE_NAME);
	icalcomponent *tz = icalcomponent_new_clone(icaltimezone_get_component(stockholm));
	icaltimezone_truncate_vtimezone(
	        tz, icaltime_from_timet_with_zone((time_t)(first - DAY_SECONDS), 0, utc),
	        icaltime_null_time(), 1);
	icalcomponent_add_component(f->cal, tz);
	return 1;
}

/* A time as Stockholm's wall clock, with its TZID. */
static icalproperty *
local_time_property(icalproperty *(*make)(struct icaltimetype), int64_t t)
{
	struct icaltimetype v = icaltime_from_timet_with_zone((time_t)t, 0, stockholm);
	v = icaltime_set_timezone(&v, stockholm);
	icalproperty *p = make(v);
	icalproperty_add_parameter(p, icalparameter_new_tzid(ZONE_NAME));
	return p;
}

/* One booking as an event. Its UID stays the same for its life; its
 * SEQUENCE counts its revisions a calendar must take over: 0 while
 * pending, 1 once confirmed, 2 once declined or cancelled (a booking's
 * time never changes). description may be NULL. */
static void
feed_event(struct feed *f, int64_t id, int64_t starts, int64_t ends, enum booking_status status,
           const char *summary, const char *venue, const char *address, const char *description)
{
	icalcomponent *e = icalcomponent_new_vevent();
	icalcomponent_add_property(e, icalproperty_new_uid(arena_printf(&f->r->a, "booking-%lld@%s",
	                                                                (long long)id, f->host)));
	icalcomponent_add_property(e, icalproperty_new_dtstamp(f->now));
	icalcomponent_add_property(e, local_time_property(icalproperty_new_dtstart, starts));
	icalcomponent_add_property(e, local_time_property(icalproperty_new_dtend, ends));
	icalcomponent_add_property(e, icalproperty_new_sequence(status == BOOKING_PENDING     ? 0
	                                                        : status == BOOKING_CONFIRMED ? 1
	                                                                                      : 2));
	icalcomponent_add_property(
	        e, icalproperty_new_status(status == BOOKING_PENDING     ? ICAL_STATUS_TENTATIVE
	                                   : status == BOOKING_CONFIRMED ? ICAL_STATUS_CONFIRMED
	                                                                 : ICAL_STATUS_CANCELLED));
	icalcomponent_add_property(e, icalproperty_new_summary(summary));
	icalcomponent_add_property(
	        e, icalproperty_new_location(
	                   address && *address ? arena_printf(&f->r->a, "%s, %s", venue, address)
	                                       : venue));
	if (description && *description)
		icalcomponent_add_property(e, icalproperty_new_description(description));
	icalcomponent_add_component(f->cal, e);
}

/* The calendar as the answer, a file named name. */
static void
feed_send(struct feed *f, const char *name)
{
	char *s = icalcomponent_as_ical_string_r(f->cal);
	buf_puts(&f->r->out, s);
	icalmemory_free_buffer(s);
	f->r->ctype = "text/calendar; charset=utf-8";
	req_header(f->r, "Content-Disposition",
	           arena_printf(&f->r->a, "attachment; filename=\"%s\"", name));
}

void
venue_feed(struct req *r)
{
	struct venue v;
	int64_t id = req_param_id(r, 0), ids[VENUE_MAX_PARTS + 2];
	int rc = id ? venue_get(r->db, &r->a, id, &v) : 0;
	if (rc < 0) {
		req_fail(r, "the venue could not be read for its feed");
		return;
	}
	if (rc == 0) {
		req_error(r, 404);
		return;
	}
	struct booking *b;
	size_t n, nids;
	int64_t now = (int64_t)time(NULL);
	if (venue_related(r->db, id, ids, &nids) != 0 ||
	    booking_range(r->db, &r->a, ids, nids, now - FEED_BACK, now + FEED_AHEAD, &b, &n) !=
	            0) {
		req_fail(r, "the venue's bookings could not be read for its feed");
		return;
	}
	struct feed f;
	if (!feed_open(r, &f, v.name, n ? b[0].starts : now))
		return;
	const char *booked = r->p.english ? "Booked" : "Bokad";
	for (size_t i = 0; i < n; i++)
		feed_event(&f, b[i].id, b[i].starts, b[i].ends, b[i].status,
		           b[i].show_name ? b[i].association : booked, b[i].venue,
		           b[i].venue_address, NULL);
	feed_send(&f, arena_printf(&r->a, "lokal-%lld.ics", (long long)id));
}

/* The association's bookings for its feed, by start, into the arena:
 * 0, or -1 on a database error. */
static int
association_bookings(struct req *r, int64_t id, int64_t now, struct booking **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(r->db, &c, &Q_ASSOCIATION,
	             DB_ARGS(DB_INT(id), DB_INT(now - FEED_BACK), DB_INT(now + FEED_AHEAD))) !=
	    DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(&r->a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct booking){
		        .id = db_col_int(&c, 0),
		        .starts = db_col_int(&c, 1),
		        .ends = db_col_int(&c, 2),
		        .status = BOOKING_CONFIRMED,
		        .venue = arena_strdup(&r->a, db_col_text(&c, 3)),
		        .venue_address = arena_strdup(&r->a, db_col_text(&c, 4)),
		};
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

void
association_feed(struct req *r)
{
	struct assoc x;
	int64_t id = req_param_id(r, 0), now = (int64_t)time(NULL);
	int rc = id ? register_get(r->db, &r->a, id, 1, &x) : 0;
	if (rc < 0) {
		req_fail(r, "the association could not be read for its feed");
		return;
	}
	if (rc == 0) {
		req_error(r, 404);
		return;
	}
	struct booking *b;
	size_t n;
	if (association_bookings(r, id, now, &b, &n) != 0) {
		req_fail(r, "the association's bookings could not be read for its feed");
		return;
	}
	struct feed f;
	if (!feed_open(r, &f, x.name, n ? b[0].starts : now))
		return;
	for (size_t i = 0; i < n; i++)
		feed_event(&f, b[i].id, b[i].starts, b[i].ends, b[i].status, x.name, b[i].venue,
		           b[i].venue_address, NULL);
	feed_send(&f, arena_printf(&r->a, "forening-%lld.ics", (long long)id));
}

/* Whether the user may see the booking: a representative of its
 * association, an officer of its venue's department, an administrator. */
static int
may_see(struct req *r, const struct booking *b)
{
	const struct user *u = r->user;
	if (!u)
		return 0;
	if (u->roles & ROLE_ADMIN)
		return 1;
	if ((u->roles & ROLE_OFFICER) && u->department_id &&
	    db_int(r->db, &Q_DEPARTMENT, DB_ARGS(DB_INT(b->venue_id)), 0) == u->department_id)
		return 1;
	return user_represents(r->db, u->id, b->association_id);
}

void
booking_feed(struct req *r)
{
	struct booking b;
	int64_t id = req_param_id(r, 0);
	int rc = id ? booking_get(r->db, &r->a, id, &b) : 0;
	if (rc < 0) {
		req_fail(r, "the booking could not be read for its feed");
		return;
	}
	if (rc == 0 || !may_see(r, &b)) {
		req_error(r, 404);
		return;
	}
	struct feed f;
	if (!feed_open(r, &f, b.association, b.starts))
		return;
	feed_event(&f, b.id, b.starts, b.ends, b.status, b.association, b.venue, b.venue_address,
	           b.activity);
	feed_send(&f, arena_printf(&r->a, "bokning-%lld.ics", (long long)id));
}
