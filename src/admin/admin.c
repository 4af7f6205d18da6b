/* Administration of the register's associations. */
#include "admin/admin.h"
#include "admin/assoc_form.tpl.h"
#include "admin/assocs.tpl.h"
#include "admin/index.tpl.h"
#include "layout/layout.h"
#include "register/queries.h"
#include "register/store.h"

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

void
admin_assoc_list(struct req *r)
{
	const char *q = req_query(r, "q");
	if (!q || strlen(q) > 200)
		q = "";
	struct assoc_list l;
	if (register_admin_list(r->db, &r->a, q, &l) != 0) {
		req_error(r, 500);
		return;
	}
	r->p.title = r->p.english ? "Associations" : "Föreningar";
	layout_head(r);
	tpl_admin_assocs(&r->out, &r->p, q, l.items, l.n);
	layout_foot(r);
}

/* Everything the association form shows, typed values and errors included. */
struct assoc_form {
	struct assoc_input in;
	struct assoc_errors e;
	struct assoc_rec rec;
	struct choice *areas, *groups;
	const char *notice;
	int area_bad;
};

static void
render_form(struct req *r, struct assoc_form *f, const char *action, const char *heading)
{
	struct field fields[ASSOC_FIELDS];
	int nf = assoc_form_fields(fields, &f->in, &f->e, f->rec.form, r->p.english);
	r->p.title = heading;
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_admin_assoc_form(&r->out, &r->p, csrf, action, heading, fields, nf, f->e.count,
	                     f->areas, f->rec.area_ids, f->rec.nareas, f->groups, f->rec.group_ids,
	                     f->rec.ngroups, f->rec.active, f->rec.public_, f->notice);
	layout_foot(r);
}

void
admin_assoc_new(struct req *r)
{
	struct assoc_form f = {0};
	if (assoc_choices(r, &f.areas, &f.groups) != 0) {
		req_error(r, 500);
		return;
	}
	f.rec.active = f.rec.public_ = 1;
	f.in.form = "ideell";
	render_form(r, &f, "/admin/foreningar/ny",
	            r->p.english ? "Add association" : "Lägg till förening");
}

void
admin_assoc_edit(struct req *r)
{
	struct assoc_form f = {0};
	struct assoc x;
	int64_t id = req_param_id(r, 0);
	int rc = id ? register_get(r->db, &r->a, id, 0, &x) : 0;
	if (rc <= 0 || assoc_choices(r, &f.areas, &f.groups) != 0) {
		req_error(r, rc < 0 ? 500 : 404);
		return;
	}
	struct buf num = {0};
	f.in = (struct assoc_input){x.orgnr, x.name,    x.form, x.purpose, x.email,
	                            x.phone, x.website, "",     ""};
	if (x.founded) {
		buf_int(&num, x.founded);
		f.in.founded = arena_strdup(&r->a, buf_cstr(&num));
	}
	if (x.members) {
		num.len = 0;
		buf_int(&num, x.members);
		f.in.members = arena_strdup(&r->a, buf_cstr(&num));
	}
	buf_free(&num);
	f.rec.form = x.form;
	f.rec.active = x.active;
	f.rec.public_ = x.public_;
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
	struct assoc_form f = {0};
	if (assoc_choices(r, &f.areas, &f.groups) != 0) {
		req_error(r, 500);
		return;
	}
	int en = r->p.english;
	f.in = assoc_input_from_form(r);
	assoc_validate(&f.in, en, &f.rec, &f.e);
	f.rec.nareas = form_ids(r, "omrade", f.areas, f.rec.area_ids);
	f.rec.ngroups = form_ids(r, "malgrupp", f.groups, f.rec.group_ids);
	if (f.rec.nareas < 0 || f.rec.ngroups < 0) {
		req_error(r, 400);
		return;
	}
	f.rec.active = req_form(r, "aktiv") != NULL;
	f.rec.public_ = req_form(r, "offentlig") != NULL;
	char action[64];
	if (id)
		snprintf(action, sizeof(action), "/admin/foreningar/%lld", (long long)id);
	else
		snprintf(action, sizeof(action), "/admin/foreningar/ny");
	const char *heading = id ? (en ? "Edit association" : "Ändra förening")
	                         : (en ? "Add association" : "Lägg till förening");
	if (f.e.count == 0 && db_begin(r->db) == DB_OK) {
		int64_t other = f.rec.orgnr[0] ? assoc_find(r->db, &f.rec) : 0;
		int64_t saved = 0;
		if (other && other != id) {
			f.e.orgnr = en ? "Another association already has this organisation number."
			               : "En annan förening har redan detta organisationsnummer.";
			f.e.count++;
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
