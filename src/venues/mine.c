/* The bookings of the associations a person represents, on Mina sidor,
 * and one booking's page, where its association cancels it and the
 * venue's department declines a time of a request. Who may see a booking
 * is checked per booking: anyone else gets 404. */
#include "venues/venues.h"

#include <string.h>
#include <time.h>

#include "auth/roles.h"
#include "cases/case.h"
#include "layout/layout.h"
#include "venues/booking_page.tpl.h"
#include "venues/mine.tpl.h"
#include "venues/watch.h"

/* Who someone is to a booking. */
enum booking_role { BR_NONE, BR_ASSOCIATION, BR_DEPARTMENT };

static struct dbq Q_CASE_DNR = {"SELECT dnr FROM cases WHERE id = $1", NULL, 0};

/* The booking of the address, and who the user is to it: 1, or 0 after
 * answering 404 (also to whom it is none of their business) or 500. */
static int
booking_of(struct req *r, struct booking *b, struct venue *v, enum booking_role *role)
{
	int64_t id = req_param_id(r, 0);
	int rc = id > 0 ? booking_get(r->db, &r->a, id, b) : 0;
	if (rc > 0)
		rc = venue_get(r->db, &r->a, b->venue_id, v);
	*role = BR_NONE;
	if (rc > 0 && r->user) {
		if ((r->user->roles & ROLE_ADMIN) ||
		    ((r->user->roles & ROLE_OFFICER) && r->user->department_id == v->department_id))
			*role = BR_DEPARTMENT;
		else if ((r->user->roles & ROLE_REPRESENTATIVE) &&
		         user_represents(r->db, r->user->id, b->association_id))
			*role = BR_ASSOCIATION;
	}
	if (rc > 0 && *role == BR_NONE)
		rc = 0;
	if (rc <= 0)
		req_error(r, rc < 0 ? 500 : 404);
	return rc > 0;
}

void
booking_page(struct req *r)
{
	struct booking b;
	struct venue v;
	enum booking_role role;
	if (!booking_of(r, &b, &v, &role))
		return;
	const char *dnr = NULL;
	if (b.case_id) {
		struct dbcur c;
		if (db_query(r->db, &c, &Q_CASE_DNR, DB_ARGS(DB_INT(b.case_id))) == DB_OK) {
			if (db_next(&c) > 0)
				dnr = arena_strdup(&r->a, db_col_text(&c, 0));
			db_done(&c);
		}
	}
	int64_t now = (int64_t)time(NULL);
	int open = (b.status == BOOKING_PENDING || b.status == BOOKING_CONFIRMED) && b.starts > now;
	int late = b.status == BOOKING_CONFIRMED && b.starts - (int64_t)v.cancel_hours * 3600 < now;
	r->p.title = v.name;
	layout_head(r);
	tpl_venues_booking_page(&r->out, &r->p, req_csrf(r), &b, &v, dnr, open, late,
	                        role == BR_DEPARTMENT, req_query(r, "avbokad") != NULL);
	layout_foot(r);
}

/* Cancels the booking: by its association or the venue's department. A
 * confirmed time cancelled later than the venue's rule allows stays
 * charged (late); a time still requested is only withdrawn. */
void
booking_cancel(struct req *r)
{
	struct booking b;
	struct venue v;
	enum booking_role role;
	if (!booking_of(r, &b, &v, &role))
		return;
	int64_t now = (int64_t)time(NULL);
	if ((b.status != BOOKING_PENDING && b.status != BOOKING_CONFIRMED) || b.starts <= now) {
		req_error(r, 409);
		return;
	}
	int late = b.status == BOOKING_CONFIRMED && role == BR_ASSOCIATION &&
	           b.starts - (int64_t)v.cancel_hours * 3600 < now;
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = booking_set_status(r->db, b.id, BOOKING_CANCELLED, late, now);
	if (rc == DB_OK)
		rc = db_commit(r->db);
	if (rc != DB_OK) {
		db_rollback(r->db);
		req_error(r, rc == DB_NOROW ? 409 : 500);
		return;
	}
	req_redirect(r, arena_printf(&r->a, "/lokaler/bokningar/%lld?avbokad=1", (long long)b.id));
}

/* Declines one time of a request, for the venue's department; the rest
 * of the request is decided on its case. */
void
booking_decline(struct req *r)
{
	struct booking b;
	struct venue v;
	enum booking_role role;
	if (!booking_of(r, &b, &v, &role))
		return;
	if (role != BR_DEPARTMENT) {
		req_error(r, 404);
		return;
	}
	if (b.status != BOOKING_PENDING) {
		req_error(r, 409);
		return;
	}
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = booking_set_status(r->db, b.id, BOOKING_DECLINED, 0, (int64_t)time(NULL));
	if (rc == DB_OK)
		rc = db_commit(r->db);
	if (rc != DB_OK) {
		db_rollback(r->db);
		req_error(r, 500);
		return;
	}
	struct dbcur c;
	const char *back = arena_printf(&r->a, "/lokaler/bokningar/%lld", (long long)b.id);
	if (db_query(r->db, &c, &Q_CASE_DNR, DB_ARGS(DB_INT(b.case_id))) == DB_OK) {
		if (db_next(&c) > 0)
			back = arena_printf(&r->a, "/arenden/%s", db_col_text(&c, 0));
		db_done(&c);
	}
	req_redirect(r, back);
}

void
bookings_mine_page(struct req *r)
{
	struct booking *b;
	size_t n;
	int64_t since = (int64_t)time(NULL) - 30 * 86400;
	struct venue_watch *w;
	size_t nw;
	if (booking_represented(r->db, &r->a, r->user->id, since, &b, &n) != 0 ||
	    watches_of_user(r->db, &r->a, r->user->id, &w, &nw) != 0) {
		req_error(r, 500);
		return;
	}
	const char *booked = req_query(r, "bokat");
	r->p.title = r->p.english ? "Bookings" : "Bokningar";
	layout_head(r);
	tpl_venues_mine(&r->out, &r->p, req_csrf(r), b, n, w, nw, booked,
	                req_query(r, "bevakad") != NULL, (int64_t)time(NULL));
	layout_foot(r);
}
