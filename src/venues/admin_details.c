/* The forms below a venue's own on its management page: a part added,
 * the bookable hours, a closed day added or removed, the prices and the
 * department's nolltaxa threshold. Each is read, checked and written in
 * one transaction; a refused one comes back on the venue's page with what
 * was typed, the error beside its field, and nothing written. */
#include "venues/admin.h"
#include "venues/admin_page.h"
#include "venues/fields.h"
#include "base/days.h"
#include "base/valid.h"

#include <string.h>
#include <time.h>

/* A venue the user manages and its page, filled with what is stored: 1,
 * or 0 after answering 404 or 500. */
static int
start(struct req *r, struct venue *v, struct venue_page *e)
{
	if (venue_managed(r, v) <= 0)
		return 0;
	if (venue_page_start(r, e) != 0 || venue_page_stored(r, e, v) != 0) {
		req_error(r, 500);
		return 0;
	}
	return 1;
}

/* The page again with the refused form, after anything begun is rolled
 * back. */
static void
refused(struct req *r, struct venue_page *e, int in_tx)
{
	if (in_tx)
		db_rollback(r->db);
	r->status = 422;
	venue_page_render(r, e);
}

/* Ends the transaction of a form: back to the venue's section when it
 * committed, 500 when anything failed. */
static void
commit(struct req *r, int rc, int64_t id, const char *anchor)
{
	if (rc != DB_OK || db_commit(r->db) != DB_OK) {
		db_rollback(r->db);
		req_error(r, 500);
		return;
	}
	venue_page_back(r, id, anchor);
}

/* A part of a whole venue (half a hall), with the whole's department,
 * type, address and area. Refused for a part (a part is not split
 * further), past VENUE_MAX_PARTS, and while the venue has bookings to
 * come: their holds were made for the leaves it had, and a new part would
 * be free under them. */
void
venues_admin_part_add(struct req *r)
{
	struct venue v;
	struct venue_page e;
	if (!start(r, &v, &e))
		return;
	form_read(&e.part, r);
	if (v.parent_id)
		form_refuse(&e.part, "En del av en lokal kan inte delas i sin tur.",
		            "A part of a venue cannot itself be split.");
	else if (e.nparts >= VENUE_MAX_PARTS)
		form_refuse(&e.part, "Lokalen har redan så många delar den kan ha.",
		            "The venue already has as many parts as it can have.");
	if (e.part.nerrors) {
		refused(r, &e, 0);
		return;
	}
	int rc = db_begin(r->db);
	if (rc != DB_OK) {
		req_error(r, 500);
		return;
	}
	int64_t booked = venue_bookings_after(r->db, v.id, (int64_t)time(NULL));
	if (booked > 0) {
		form_refuse(
		        &e.part,
		        "Lokalen har bokningar framöver. Den kan delas när de är avbokade eller "
		        "passerade.",
		        "The venue has bookings to come. It can be split when they are cancelled "
		        "or past.");
		refused(r, &e, 1);
		return;
	}
	int64_t id;
	if (booked < 0)
		rc = DB_ERROR;
	else
		rc = venue_part_add(r->db, v.id, form_value(&e.part, "del-namn"),
		                    (int)form_int(&e.part, "del-kapacitet"), &id);
	commit(r, rc, v.id, "delar");
}

void
venues_admin_hours_save(struct req *r)
{
	struct venue v;
	struct venue_page e;
	struct venue_hours h;
	if (!start(r, &v, &e))
		return;
	if (hours_form_read(&e.hours, r, &h) != 0) {
		refused(r, &e, 0);
		return;
	}
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = venue_hours_set(r->db, v.id, &h);
	commit(r, rc, v.id, "tider");
}

/* A closed day from today on; a day already closed is refused beside the
 * field. */
void
venues_admin_closed_add(struct req *r)
{
	struct venue v;
	struct venue_page e;
	char today[11];
	if (!start(r, &v, &e))
		return;
	form_read(&e.closed, r);
	const char *day = form_value(&e.closed, "dag");
	day_today(today);
	if (day && !e.closed.error[0] && strcmp(day, today) < 0)
		form_error(&e.closed, "dag", "Välj en dag från och med i dag.",
		           "Choose a day from today on.");
	if (e.closed.nerrors) {
		refused(r, &e, 0);
		return;
	}
	const char *reason = form_value(&e.closed, "orsak");
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = venue_closed_add(r->db, v.id, day, reason ? reason : "");
	if (rc == DB_CONSTRAINT) {
		form_error(&e.closed, "dag", "Lokalen är redan stängd den dagen.",
		           "The venue is already closed that day.");
		refused(r, &e, 1);
		return;
	}
	commit(r, rc, v.id, "stangt");
}

/* Removes a closed day (the address's second part); a day that is not
 * closed is a 404. */
void
venues_admin_closed_remove(struct req *r)
{
	struct venue v;
	if (venue_managed(r, &v) <= 0)
		return;
	const char *day = r->nparams > 1 ? r->params[1] : NULL;
	if (!day || !date_valid(day)) {
		req_error(r, 404);
		return;
	}
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = venue_closed_remove(r->db, v.id, day);
	if (rc == DB_NOROW) {
		db_rollback(r->db);
		req_error(r, 404);
		return;
	}
	commit(r, rc, v.id, "stangt");
}

void
venues_admin_prices_save(struct req *r)
{
	struct venue v;
	struct venue_page e;
	if (!start(r, &v, &e))
		return;
	int64_t *per_hour = arena_alloc(&r->a, (e.ncategories + 1) * sizeof(*per_hour));
	if (prices_form_read(&e.prices, r, per_hour) != 0) {
		refused(r, &e, 0);
		return;
	}
	int rc = db_begin(r->db);
	for (size_t i = 0; rc == DB_OK && i < e.ncategories; i++)
		rc = venue_price_set(r->db, v.id, e.categories[i].code, per_hour[i]);
	commit(r, rc, v.id, "priser");
}

/* The nolltaxa threshold of the venue's department, which holds for all
 * its venues; empty removes it. */
void
venues_admin_youth_save(struct req *r)
{
	struct venue v;
	struct venue_page e;
	if (!start(r, &v, &e))
		return;
	if (form_read(&e.youth, r) != 0) {
		refused(r, &e, 0);
		return;
	}
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = venue_youth_share_set(r->db, v.department_id,
		                           (int)form_int(&e.youth, "andel"));
	commit(r, rc, v.id, "nolltaxa");
}
