/* The yearly update (årlig uppdatering): an association's representative
 * sends its board, members, contact details and latest minutes; granted,
 * the register takes the new details and shows when it was last updated. */
#include "admin/form.h"
#include "cases/action.h"
#include "cases/documents.h"
#include "cases/pages.h"
#include "base/valid.h"
#include "cases/register_department.h"
#include "cases/update.tpl.h"
#include "http/decode.h"
#include "layout/layout.h"
#include "register/queries.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct dbq Q_APPLY = {
        "UPDATE associations SET members = $2, email = $3, phone = $4, website = $5, "
        "updated = $6, last_update = $6 WHERE id = $1",
        NULL, 0};

enum { U_BOARD, U_MEMBERS, U_EMAIL, U_PHONE, U_WEB, U_MINUTES, U_COUNT };

/* The form's fields: the board and the minutes of its own; the members and
 * contact details as the register's form shows them, from what was posted
 * or, at first, from the register. */
static void
fields(struct req *r, const struct assoc *x, struct field f[U_COUNT])
{
	int en = r->p.english;
	struct assoc_input in = {0};
	if (r->method == M_POST) {
		in = assoc_input_from_form(r);
	} else {
		in.email = x->email;
		in.phone = x->phone;
		in.website = x->website;
		char *members = arena_alloc(&r->a, 24);
		snprintf(members, 24, "%lld", (long long)x->members);
		in.members = x->members ? members : "";
	}
	static const struct assoc_errors none;
	struct field assoc[ASSOC_FIELDS];
	assoc_form_fields(assoc, &in, &none, NULL, en);
	f[U_BOARD] = (struct field){
	        .name = "styrelse",
	        .label = en ? "Board" : "Styrelse",
	        .value = r->method == M_POST ? req_form(r, "styrelse") : "",
	        .type = "textarea",
	        .hint = en ? "One person per line: name and role. Not made public."
	                   : "En person per rad: namn och roll. Uppgifterna är inte offentliga.",
	        .required = 1};
	f[U_MEMBERS] = assoc[AF_MEMBERS];
	f[U_MEMBERS].required = 1;
	f[U_EMAIL] = assoc[AF_EMAIL];
	f[U_PHONE] = assoc[AF_PHONE];
	f[U_WEB] = assoc[AF_WEBSITE];
	f[U_MINUTES] = (struct field){.name = "protokoll",
	                              .label = en ? "Latest annual meeting minutes"
	                                          : "Senaste årsmötesprotokoll",
	                              .type = "file",
	                              .required = 1};
}

/* The association in the path, if the signed-in user represents it. */
static int
load(struct req *r, struct assoc *x)
{
	int64_t id = req_param_id(r, 0);
	return id && user_represents(r->db, r->user->id, id) &&
	       register_get(r->db, &r->a, id, 0, x) > 0;
}

static void
render(struct req *r, const struct assoc *x, const struct dept_ref *d, struct field *f, int nerrors)
{
	char action[64];
	snprintf(action, sizeof(action), "/arsuppdatering/%lld", (long long)x->id);
	r->p.title = r->p.english ? "Yearly update" : "Årlig uppdatering";
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_cases_update(&r->out, &r->p, csrf, action, x->name, d, f, U_COUNT, nerrors);
	layout_foot(r);
}

void
update_form(struct req *r)
{
	struct assoc x;
	struct dept_ref d;
	if (!load(r, &x)) {
		req_error(r, 404);
		return;
	}
	if (!register_eservice_open(r, &d))
		return;
	struct field f[U_COUNT];
	fields(r, &x, f);
	render(r, &x, &d, f, 0);
}

void
update_submit(struct req *r)
{
	struct assoc x;
	struct dept_ref d;
	if (!load(r, &x)) {
		req_error(r, 404);
		return;
	}
	if (!register_eservice_open(r, &d))
		return;
	int en = r->p.english;
	struct field f[U_COUNT];
	fields(r, &x, f);
	/* the register's own rules for contact details and members */
	struct assoc_input in = {x.orgnr[0] ? x.orgnr : NULL,
	                         x.name,
	                         x.form,
	                         x.purpose,
	                         f[U_EMAIL].value,
	                         f[U_PHONE].value,
	                         f[U_WEB].value,
	                         "",
	                         f[U_MEMBERS].value};
	struct assoc_rec rec;
	struct assoc_errors e;
	assoc_validate(&in, en, &rec, &e);
	f[U_EMAIL].error = e.email;
	f[U_PHONE].error = e.phone;
	f[U_WEB].error = e.website;
	f[U_MEMBERS].error = e.members;
	if (!e.members && !rec.members)
		f[U_MEMBERS].error =
		        en ? "Write the number of members." : "Skriv antalet medlemmar.";
	const char *board = f[U_BOARD].value ? f[U_BOARD].value : "";
	if (text_blank(board) || strlen(board) > 5000 || !text_valid(board, strlen(board)))
		f[U_BOARD].error = en ? "Write at least one board member, one per line."
		                      : "Skriv minst en styrelseledamot, en per rad.";
	const struct upload *minutes = NULL;
	for (size_t i = 0; i < r->files.n; i++)
		if (strcmp(r->files.items[i].field, "protokoll") == 0 && r->files.items[i].len)
			minutes = &r->files.items[i];
	if (!minutes)
		f[U_MINUTES].error = en ? "Attach the minutes." : "Bifoga protokollet.";
	int nerrors = 0;
	for (int i = 0; i < U_COUNT; i++)
		nerrors += f[i].error != NULL;
	if (nerrors) {
		r->status = 422;
		render(r, &x, &d, f, nerrors);
		return;
	}
	json_t *p = json_object();
	json_object_set_new(p, "styrelse", json_string(board));
	json_object_set_new(p, "medlemmar", json_integer(rec.members));
	json_object_set_new(p, "epost", json_string(rec.email));
	json_object_set_new(p, "telefon", json_string(rec.phone));
	json_object_set_new(p, "webbplats", json_string(rec.website));
	char *payload = json_dumps(p, JSON_COMPACT);
	json_decref(p);
	struct actor a = case_actor(r);
	char title[300], dnr[32];
	/* the diary is kept in Swedish whatever language the applicant reads */
	snprintf(title, sizeof(title), "Årlig uppdatering: %s", x.name);
	struct case_row c;
	const char *err = NULL;
	struct case_new n = {d.code, "arsuppdatering", title, x.id, a, payload, 0};
	int ok = db_begin(r->db) == DB_OK && case_create(r->db, &n, &c, dnr) == DB_OK;
	free(payload);
	if (ok)
		ok = documents_store(r, &c, minutes, "protokoll", &a, &err) == 0 &&
		     case_notify(r->db, &c, 1, "Nytt ärende: årlig uppdatering",
		                 "En förening har skickat sin årliga uppdatering.") == DB_OK &&
		     db_commit(r->db) == DB_OK;
	if (!ok) {
		db_rollback(r->db);
		if (!err) {
			req_error(r, 500);
			return;
		}
		f[U_MINUTES].error = err;
		r->status = 422;
		render(r, &x, &d, f, 1);
		return;
	}
	case_done(r, &c);
}

/* Applies a granted yearly update to the register, in the decision's
 * transaction. */
int
update_apply(struct db *db, const struct case_row *c, int64_t now)
{
	json_t *p = json_loads(c->payload, 0, NULL);
	if (!p)
		return DB_ERROR;
	int rc = db_exec(db, &Q_APPLY,
	                 DB_ARGS(DB_INT(c->association_id),
	                         DB_INT(json_integer_value(json_object_get(p, "medlemmar"))),
	                         DB_TEXT(json_string_value(json_object_get(p, "epost"))),
	                         DB_TEXT(json_string_value(json_object_get(p, "telefon"))),
	                         DB_TEXT(json_string_value(json_object_get(p, "webbplats"))),
	                         DB_INT(now)));
	json_decref(p);
	return rc;
}
