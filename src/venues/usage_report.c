/* The caretaker's report that a booked time was not used (issue 11,
 * point 9): an officer of the venue's department, or an administrator,
 * marks a confirmed booking whose time has begun, on the booking's page.
 * It stays charged; the utilisation page counts it as booked but not
 * used. A time still to come cannot be reported (409), a booking of
 * another department's venue is not there (404). */
#include "venues/usage.h"

#include <time.h>

#include "auth/roles.h"
#include "venues/booking.h"
#include "venues/venue.h"

static struct dbq Q_MARK = {"UPDATE bookings SET not_used = 1, not_used_at = $2, not_used_by = $3 "
                            "WHERE id = $1 AND status = 'confirmed' AND not_used = 0 "
                            "AND starts <= $2 RETURNING id",
                            NULL, 0};

/* POST /lokaler/bokningar/{id}/ej-nyttjad */
void
booking_not_used(struct req *r)
{
	struct booking b;
	struct venue v;
	int64_t id = req_param_id(r, 0);
	int rc = id > 0 ? booking_get(r->db, &r->a, id, &b) : 0;
	if (rc > 0)
		rc = venue_get_any(r->db, &r->a, b.venue_id, &v);
	if (rc > 0 && !(r->user->roles & ROLE_ADMIN) &&
	    !((r->user->roles & ROLE_OFFICER) && r->user->department_id == v.department_id))
		rc = 0;
	if (rc <= 0) {
		req_error(r, rc < 0 ? 500 : 404);
		return;
	}
	int64_t now = (int64_t)time(NULL), got = 0;
	if (b.status != BOOKING_CONFIRMED || b.starts > now || b.not_used) {
		req_error(r, 409);
		return;
	}
	rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = db_returning(r->db, &Q_MARK,
		                  DB_ARGS(DB_INT(b.id), DB_INT(now), DB_INT(r->user->id)), &got);
	if (rc == DB_OK)
		rc = db_commit(r->db);
	if (rc != DB_OK) {
		db_rollback(r->db);
		req_error(r, rc == DB_NOROW ? 409 : 500);
		return;
	}
	req_redirect(r, arena_printf(&r->a, "/lokaler/bokningar/%lld", (long long)b.id));
}
