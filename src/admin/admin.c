/* Administration of the register's associations. */
#include "admin/admin.h"
#include "admin/assoc_form.tpl.h"
#include "admin/assocs.tpl.h"
#include "admin/index.tpl.h"
#include "layout/layout.h"
#include "register/queries.h"
#include "register/fields.h"
#include "register/store.h"
#include "base/valid.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

void
admin_index(struct req *r)
{
	r->p.title = "Administration";
	layout_head(r);
	tpl_admin_index(&r->out, &r->p);
	layout_foot(r);
}

/* The search above the list of associations. */
static const struct field_def search_fields[] = {
        {.name = "q",
         .label_sv = "Sök på namn eller organisationsnummer",
         .label_en = "Search by name or organisation number",
         .type = FIELD_SEARCH},
};
static const struct form_def search_form = {"foreningar", search_fields, 1};

/* Every association, or those the words find; words longer than the
 * search field takes are no search. */
void
admin_assoc_list(struct req *r)
{
	struct form search;
	form_init(&search, r, &search_form);
	form_read_query(&search, r);
	const char *q = search.value[0];
	if (!q || utf8_chars(q) > 200)
		q = "";
	struct assoc_list l;
	if (register_admin_list(r->db, &r->a, q, &l) != 0) {
		req_error(r, 500);
		return;
	}
	form_set(&search, "q", q);
	r->p.title = r->p.english ? "Associations" : "Föreningar";
	layout_head(r);
	tpl_admin_assocs(&r->out, &r->p, form_fields(&search, &r->a), l.items, l.n);
	layout_foot(r);
}

/* What the administrator sets beside the register's fields. */
static const struct field_def visibility_fields[] = {
        {.name = "aktiv", .label_sv = "Aktiv", .label_en = "Active", .type = FIELD_CHECKBOX},
        {.name = "offentlig",
         .label_sv = "Visas i det offentliga registret",
         .label_en = "Shown in the public register",
         .type = FIELD_CHECKBOX},
};
static const struct form_def visibility_form = {"synlighet", visibility_fields, 2};

/* Everything the association form shows, typed values and errors included:
 * the register's fields, the areas and groups ticked, and the visibility. */
struct assoc_form {
	struct form f, vis;
	struct assoc_rec rec;
	struct choice *areas, *groups;
	const char *notice;
};

/* An empty form, with the choices it offers; 0, or -1 when the database
 * failed. */
static int
form_start(struct req *r, struct assoc_form *f)
{
	*f = (struct assoc_form){0};
	form_init(&f->f, r, &assoc_form_def);
	form_init(&f->vis, r, &visibility_form);
	return assoc_choices(r, &f->areas, &f->groups);
}

static void
render_form(struct req *r, struct assoc_form *f, const char *action, const char *heading)
{
	r->p.title = heading;
	layout_form_page(r, action);
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_admin_assoc_form(&r->out, &r->p, csrf, action, heading, &f->f,
	                     form_fields(&f->f, &r->a), f->areas, f->rec.area_ids, f->rec.nareas,
	                     f->groups, f->rec.group_ids, f->rec.ngroups, &f->vis,
	                     form_fields(&f->vis, &r->a), f->notice);
	layout_foot(r);
}

void
admin_assoc_new(struct req *r)
{
	struct assoc_form f;
	if (form_start(r, &f) != 0) {
		req_error(r, 500);
		return;
	}
	form_set(&f.f, "form", "ideell");
	form_set(&f.vis, "aktiv", "1");
	form_set(&f.vis, "offentlig", "1");
	render_form(r, &f, "/admin/foreningar/ny",
	            r->p.english ? "Add association" : "Lägg till förening");
}

void
admin_assoc_edit(struct req *r)
{
	struct assoc_form f;
	struct assoc x;
	int64_t id = req_param_id(r, 0);
	int rc = id ? register_get(r->db, &r->a, id, 0, &x) : 0;
	if (rc <= 0 || form_start(r, &f) != 0) {
		req_error(r, rc < 0 ? 500 : 404);
		return;
	}
	struct buf num = {0};
	struct assoc_input in = {x.orgnr, x.name,    x.form, x.purpose, x.email,
	                         x.phone, x.website, "",     ""};
	if (x.founded) {
		buf_int(&num, x.founded);
		in.founded = arena_strdup(&r->a, buf_cstr(&num));
	}
	if (x.members) {
		num.len = 0;
		buf_int(&num, x.members);
		in.members = arena_strdup(&r->a, buf_cstr(&num));
	}
	buf_free(&num);
	assoc_form_set(&f.f, &in);
	form_set(&f.vis, "aktiv", x.active ? "1" : NULL);
	form_set(&f.vis, "offentlig", x.public_ ? "1" : NULL);
	f.rec.nareas = register_links(r->db, id, 0, f.rec.area_ids, ASSOC_MAX_LINKS);
	f.rec.ngroups = register_links(r->db, id, 1, f.rec.group_ids, ASSOC_MAX_LINKS);
	if (req_query(r, "sparad"))
		f.notice = r->p.english ? "Saved." : "Sparat.";
	char action[64];
	snprintf(action, sizeof(action), "/admin/foreningar/%lld", (long long)id);
	render_form(r, &f, arena_strdup(&r->a, action), x.name);
}

/* Validates and stores the posted form; on any error the form comes back
 * with every typed value and nothing is written. */
static void
save_form(struct req *r, int64_t id)
{
	struct assoc_form f;
	if (form_start(r, &f) != 0) {
		req_error(r, 500);
		return;
	}
	int en = r->p.english;
	struct assoc_input in;
	assoc_form_read(&f.f, r, &in, &f.rec);
	form_read(&f.vis, r);
	f.rec.nareas = form_ids(r, "omrade", f.areas, f.rec.area_ids);
	f.rec.ngroups = form_ids(r, "malgrupp", f.groups, f.rec.group_ids);
	if (f.rec.nareas < 0 || f.rec.ngroups < 0) {
		req_error(r, 400);
		return;
	}
	f.rec.active = form_value(&f.vis, "aktiv") != NULL;
	f.rec.public_ = form_value(&f.vis, "offentlig") != NULL;
	char action[64];
	if (id)
		snprintf(action, sizeof(action), "/admin/foreningar/%lld", (long long)id);
	else
		snprintf(action, sizeof(action), "/admin/foreningar/ny");
	const char *heading = id ? (en ? "Edit association" : "Ändra förening")
	                         : (en ? "Add association" : "Lägg till förening");
	if (f.f.nerrors == 0 && db_begin(r->db) == DB_OK) {
		int64_t other = f.rec.orgnr[0] ? assoc_find(r->db, &f.rec) : 0;
		int64_t saved = 0;
		if (other && other != id) {
			form_error(&f.f, "organisationsnummer",
			           "En annan förening har redan detta organisationsnummer.",
			           "Another association already has this organisation number.");
		} else if (assoc_save(r->db, id, &f.rec, &saved) == DB_OK &&
		           db_commit(r->db) == DB_OK) {
			char to[80];
			snprintf(to, sizeof(to), "/admin/foreningar/%lld?sparad=1",
			         (long long)saved);
			req_redirect(r, arena_strdup(&r->a, to));
			return;
		} else {
			db_rollback(r->db);
			req_error(r, 500);
			return;
		}
		db_rollback(r->db);
	}
	r->status = 422;
	render_form(r, &f, arena_strdup(&r->a, action), heading);
}

void
admin_assoc_create(struct req *r)
{
	save_form(r, 0);
}

void
admin_assoc_update(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	struct assoc x;
	int rc = id ? register_get(r->db, &r->a, id, 0, &x) : 0;
	if (rc <= 0) {
		req_error(r, rc < 0 ? 500 : 404);
		return;
	}
	save_form(r, id);
}
