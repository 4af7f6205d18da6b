/* The public pages of venue booking: the venues (/lokaler) and a venue's
 * week (/lokaler/{id}?vecka=2026-W48). Not kept in the page cache: a week
 * is rarely asked for twice, and a render costs three statements. */
#include "venues/venues.h"

#include <string.h>

#include "base/days.h"
#include "base/esc.h"
#include "layout/layout.h"
#include "ui/page.h"
#include "venues/directory.h"
#include "venues/filter.h"
#include "venues/list.tpl.h"
#include "venues/venue.tpl.h"
#include "venues/week.h"

/* Venues on a page of /lokaler. */
enum { LIST_PAGE = 50 };

void
venues_list_page(struct req *r)
{
	struct venue_choices c;
	struct venue_filter f;
	const char *bad;
	if (venue_choices_get(r, &c) != 0) {
		req_error(r, 500);
		return;
	}
	if (venue_filter_read(r, &c, &f, &bad) != 0) {
		req_error(r, 400);
		return;
	}
	struct venue *v;
	size_t n;
	int64_t page = page_param(r), total = venue_count(r->db, &r->a, &f);
	struct venue_span span = {.limit = LIST_PAGE, .offset = (int)((page - 1) * LIST_PAGE)};
	if (total < 0 || (page - 1) * LIST_PAGE > total ||
	    venue_list_span(r->db, &r->a, &f, &span, &v, &n) != 0) {
		req_error(r, total < 0 ? 500 : 404);
		return;
	}
	int nfields;
	struct field *fields = venue_filter_fields(r, &c, &f, &nfields);
	static const char *const keys[] = {"q",       "typ", "omrade",    "kapacitet",
	                                   "stegfri", "rwc", "horslinga", "hiss"};
	const char *vals[8];
	for (int i = 0; i < 8; i++)
		vals[i] = req_query(r, keys[i]);
	int64_t pages = (total + LIST_PAGE - 1) / LIST_PAGE;
	const char *prev =
	        page > 1 ? url_with_page(&r->a, "/lokaler", keys, vals, 8, page - 1) : NULL;
	const char *next =
	        page < pages ? url_with_page(&r->a, "/lokaler", keys, vals, 8, page + 1) : NULL;
	r->p.title = r->p.english ? "Venues" : "Lokaler";
	layout_head(r);
	tpl_venues_list(&r->out, &r->p, fields, nfields, v, n, total, page, pages, prev, next);
	layout_foot(r);
}

/* The venue the address names: 1, or 0 after answering 404 or 500. */
int
venue_of(struct req *r, struct venue *v)
{
	int64_t id = req_param_id(r, 0);
	int rc = id > 0 ? venue_get(r->db, &r->a, id, v) : 0;
	if (rc <= 0)
		req_error(r, rc < 0 ? 500 : 404);
	return rc > 0;
}

/* The hours the week's table spans: from the earliest opening to the
 * latest closing of its open days, and any booking outside them. */
static void
table_hours(const struct day_plan *d, int *first, int *last)
{
	int lo = 1440, hi = 0;
	for (int i = 0; i < 7; i++) {
		if (!d[i].closed) {
			lo = d[i].opens < lo ? d[i].opens : lo;
			hi = d[i].closes > hi ? d[i].closes : hi;
		}
		for (size_t j = 0; j < d[i].n; j++) {
			lo = d[i].s[j].from < lo ? d[i].s[j].from : lo;
			hi = d[i].s[j].to > hi ? d[i].s[j].to : hi;
		}
	}
	*first = lo / 60;
	*last = (hi + 59) / 60;
}

void
venue_page(struct req *r)
{
	const struct venue_directory *dir = venue_directory(r->db, &r->a);
	int64_t id = req_param_id(r, 0);
	const struct venue_entry *e = dir && id > 0 ? venue_directory_find(dir, id) : NULL;
	if (!e) {
		req_error(r, dir ? 404 : 500);
		return;
	}
	const struct venue *v = &e->v;
	char monday[11], today[11], week[9], prev[11], next[11], prev_week[9], next_week[9];
	const char *asked = req_query(r, "vecka");
	if (asked && *asked) {
		if (iso_week_monday(asked, monday) != 0) {
			req_error(r, 400);
			return;
		}
	} else {
		day_today(today);
		day_add(today, 1 - day_weekday(today), monday);
	}
	iso_week_of(monday, week);
	day_add(monday, -7, prev);
	day_add(monday, 7, next);
	iso_week_of(prev, prev_week);
	iso_week_of(next, next_week);
	struct day_plan d[7];
	if (venue_days(r->db, &r->a, e, monday, 7, d) != 0) {
		req_error(r, 500);
		return;
	}
	int first, last;
	table_hours(d, &first, &last);
	r->p.title = v->name;
	layout_head(r);
	tpl_venues_venue(&r->out, &r->p, v, e->price, e->priced, week, prev_week, next_week, d,
	                 first, last);
	layout_foot(r);
}
