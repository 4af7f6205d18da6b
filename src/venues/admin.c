/* Administration of venues, on two roads with the same pages:
 * administrators manage every department's under /admin/lokaler (where,
 * as everywhere under /admin, only administrators come), officers their
 * own department's under /handlaggning/lokaler, where another
 * department's venue is not there (404). This file holds the list and the
 * venue's own form; admin_details.c the forms below it. */
#include "venues/admin.h"
#include "venues/admin_form.tpl.h"
#include "venues/admin_list.tpl.h"
#include "venues/admin_page.h"
#include "venues/fields.h"
#include "auth/roles.h"
#include "base/days.h"
#include "layout/layout.h"
#include "register/queries.h"

#include <stdio.h>
#include <string.h>

static struct dbq Q_DEPTS = {"SELECT code, name_sv, name_en, id FROM departments "
                             "WHERE $1 = 0 OR id = $1 ORDER BY name_sv",
                             NULL, 0};

/* Whether the request came by the administrators' road. */
static int
by_admin(const struct req *r)
{
	return strncmp(r->path, "/admin/", 7) == 0;
}

/* Where the pages of the request's road start. */
const char *
venue_admin_base(const struct req *r)
{
	return by_admin(r) ? "/admin/lokaler" : "/handlaggning/lokaler";
}

/* The department whose venues the user manages on this road: 0 for all
 * (an administrator under /admin), -1 for none (an officer without a
 * department). */
static int64_t
managed(const struct req *r)
{
	if (by_admin(r))
		return 0;
	return r->user->department_id ? r->user->department_id : -1;
}

/* The venue of the address's first number, when the user may manage it:
 * 1, or 0 after answering 404 (none, or another department's), or -1
 * after answering 500. */
int
venue_managed(struct req *r, struct venue *v)
{
	int64_t id = req_param_id(r, 0);
	int rc = id ? venue_get_any(r->db, &r->a, id, v) : 0;
	if (rc > 0 && managed(r) != 0 && v->department_id != managed(r))
		rc = 0;
	if (rc <= 0)
		req_error(r, rc < 0 ? 500 : 404);
	return rc;
}

void
venues_admin_list(struct req *r)
{
	struct venue *items;
	size_t n;
	if (venue_list_managed(r->db, &r->a, managed(r), &items, &n) != 0) {
		req_error(r, 500);
		return;
	}
	r->p.title = r->p.english ? "Venues" : "Lokaler";
	layout_head(r);
	tpl_venues_admin_list(&r->out, &r->p, venue_admin_base(r), items, n, by_admin(r));
	layout_foot(r);
}

/* The departments the user manages, as choices (id: the department's). */
static int
department_choices(struct req *r, struct choice **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(r->db, &c, &Q_DEPTS, DB_ARGS(DB_INT(managed(r)))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(&r->a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] =
		        (struct choice){arena_strdup(&r->a, db_col_text(&c, 0)),
		                        arena_strdup(&r->a, db_col_text(&c, 1)),
		                        arena_strdup(&r->a, db_col_text(&c, 2)), db_col_int(&c, 3)};
	}
	db_done(&c);
	*out = arena_grow(&r->a, *out, *n, &cap, sizeof(**out));
	(*out)[*n] = (struct choice){0};
	return rc < 0 ? -1 : 0;
}

/* The page's forms, empty, with the choices they offer (the departments
 * the user manages, the venue types, the areas, the price categories);
 * 0, or -1 when the database failed. */
int
venue_page_start(struct req *r, struct venue_page *e)
{
	struct choice *depts, *types, *areas;
	size_t ndepts, nareas;
	*e = (struct venue_page){.base = venue_admin_base(r)};
	if (department_choices(r, &depts, &ndepts) != 0 ||
	    venue_type_choices(r->db, &r->a, &types) != 0 ||
	    register_choices(r->db, &r->a, 0, &areas, &nareas) != 0 ||
	    venue_price_categories(r->db, &r->a, &e->categories, &e->ncategories) != 0)
		return -1;
	form_init(&e->venue, r, &venue_form_def);
	form_init(&e->part, r, &part_form_def);
	form_init(&e->hours, r, &hours_form_def);
	form_init(&e->closed, r, &closed_form_def);
	form_init(&e->prices, r, prices_form_def(&r->a, e->categories));
	form_init(&e->youth, r, &youth_form_def);
	form_set_choices(&e->venue, "forvaltning", depts);
	form_set_choices(&e->venue, "typ", types);
	form_set_choices(&e->venue, "omrade", areas);
	if (ndepts == 1)
		form_set(&e->venue, "forvaltning", depts[0].code);
	return 0;
}

/* Fills the page with the stored venue: every form with what it holds
 * itself (a part's empty hours and prices are its whole's), its parts
 * and its own closed days from today on; 0, or -1. */
int
venue_page_stored(struct req *r, struct venue_page *e, const struct venue *v)
{
	struct venue_hours h;
	char today[11];
	e->id = v->id;
	e->v = v;
	e->heading = v->name;
	char *action = arena_alloc(&r->a, 64);
	snprintf(action, 64, "%s/%lld", e->base, (long long)v->id);
	e->action = action;
	day_today(today);
	int64_t *prices = arena_alloc(&r->a, (e->ncategories + 1) * sizeof(*prices));
	int share = venue_youth_share(r->db, v->department_id);
	if (share < 0 || venue_own_prices(r->db, v->id, e->categories, prices) != 0 ||
	    venue_own_hours(r->db, v->id, &h) != 0 ||
	    venue_parts(r->db, &r->a, v->id, &e->parts, &e->nparts) != 0 ||
	    venue_closed_list(r->db, &r->a, v->id, today, &e->closed_days, &e->nclosed) != 0)
		return -1;
	venue_form_set(&e->venue, &r->a, v);
	hours_form_set(&e->hours, &r->a, &h);
	prices_form_set(&e->prices, &r->a, prices);
	if (share > 0) {
		char *s = arena_alloc(&r->a, 12);
		snprintf(s, 12, "%d", share);
		form_set(&e->youth, "andel", s);
	}
	return 0;
}

void
venue_page_render(struct req *r, struct venue_page *e)
{
	r->p.title = e->heading;
	layout_form_page(r, e->action);
	e->venue_fields = form_fields(&e->venue, &r->a);
	e->part_fields = form_fields(&e->part, &r->a);
	e->hours_fields = form_fields(&e->hours, &r->a);
	e->closed_fields = form_fields(&e->closed, &r->a);
	e->prices_fields = form_fields(&e->prices, &r->a);
	e->youth_fields = form_fields(&e->youth, &r->a);
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_venues_admin_form(&r->out, &r->p, csrf, e);
	layout_foot(r);
}

/* After a form below the venue's was saved: back to the venue's page, at
 * the section that changed. */
void
venue_page_back(struct req *r, int64_t id, const char *anchor)
{
	char to[96];
	snprintf(to, sizeof(to), "%s/%lld?sparad=1%s%s", venue_admin_base(r), (long long)id,
	         anchor ? "#" : "", anchor ? anchor : "");
	req_redirect(r, arena_strdup(&r->a, to));
}

/* The page of a new venue's form. */
static void
new_page(struct req *r, struct venue_page *e)
{
	e->heading = r->p.english ? "New venue" : "Ny lokal";
	char *action = arena_alloc(&r->a, 64);
	snprintf(action, 64, "%s/ny", e->base);
	e->action = action;
}

void
venues_admin_new(struct req *r)
{
	struct venue_page e;
	if (venue_page_start(r, &e) != 0) {
		req_error(r, 500);
		return;
	}
	new_page(r, &e);
	venue_form_defaults(&e.venue);
	venue_page_render(r, &e);
}

void
venues_admin_edit(struct req *r)
{
	struct venue v;
	struct venue_page e;
	if (venue_managed(r, &v) <= 0)
		return;
	if (venue_page_start(r, &e) != 0 || venue_page_stored(r, &e, &v) != 0) {
		req_error(r, 500);
		return;
	}
	if (req_query(r, "sparad"))
		e.notice = r->p.english ? "Saved." : "Sparat.";
	venue_page_render(r, &e);
}

/* A part has its whole's department, type, address and area, which
 * change on the whole: a part's form that changes one is refused beside
 * it. */
static void
part_follows_whole(struct form *f, const struct venue *old, const struct venue *v)
{
	const char *sv = "En del har samma förvaltning, typ, adress och område som hela lokalen. "
	                 "Ändra dem för hela lokalen.";
	const char *en = "A part has the department, kind, address and area of the whole venue. "
	                 "Change them on the whole venue.";
	if (v->department_id && v->department_id != old->department_id)
		form_error(f, "forvaltning", sv, en);
	if (v->type && strcmp(v->type, old->type) != 0)
		form_error(f, "typ", sv, en);
	if (strcmp(v->address, old->address) != 0)
		form_error(f, "adress", sv, en);
	if (v->area_id != old->area_id)
		form_error(f, "omrade", sv, en);
}

/* Validates and stores the venue's form (a new venue when old is NULL)
 * in one transaction; on any error the page comes back with what was
 * typed, the error beside its field, and nothing written. */
static void
save(struct req *r, const struct venue *old)
{
	struct venue_page e;
	struct venue v;
	if (venue_page_start(r, &e) != 0 || (old && venue_page_stored(r, &e, old) != 0)) {
		req_error(r, 500);
		return;
	}
	if (!old)
		new_page(r, &e);
	venue_form_read(&e.venue, r, &v);
	if (old && old->parent_id)
		part_follows_whole(&e.venue, old, &v);
	if (e.venue.nerrors) {
		r->status = 422;
		venue_page_render(r, &e);
		return;
	}
	int64_t saved = 0;
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = venue_save(r->db, old ? old->id : 0, &v, &saved);
	if (rc != DB_OK || db_commit(r->db) != DB_OK) {
		db_rollback(r->db);
		req_error(r, rc == DB_NOROW ? 404 : 500);
		return;
	}
	venue_page_back(r, saved, NULL);
}

void
venues_admin_create(struct req *r)
{
	save(r, NULL);
}

void
venues_admin_update(struct req *r)
{
	struct venue v;
	if (venue_managed(r, &v) > 0)
		save(r, &v);
}
