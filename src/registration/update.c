/* The yearly update (årlig uppdatering): an association's representative
 * sends its board, members, contact details and latest minutes; granted,
 * the register takes the new details and shows when it was last updated. */
#include "register/fields.h"
#include "cases/action.h"
#include "cases/documents.h"
#include "cases/eservice.h"
#include "layout/layout.h"
#include "register/queries.h"
#include "registration/eservices.h"
#include "registration/fields.h"
#include "registration/show_update.tpl.h"
#include "registration/update.tpl.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct dbq Q_APPLY = {
        "UPDATE associations SET members = $2, email = $3, phone = $4, website = $5, "
        "updated = $6, last_update = $6, youth_members = $7 WHERE id = $1",
        NULL, 0};
static struct dbq Q_YOUTH = {"SELECT youth_members FROM associations WHERE id = $1", NULL, 0};

enum { U_BOARD, U_MEMBERS, U_YOUTH, U_EMAIL, U_PHONE, U_WEB, U_MINUTES, U_COUNT };

/* The update's own fields, as the registration declares them too, and
 * how many of the members are aged 7–25: whether the association books
 * the city's venues at the youth price follows from it (venues/price.c). */
static const struct field_def own_fields[] = {
        BOARD_FIELD,
        MINUTES_FIELD,
        {.name = "unga",
         .label_sv = "Varav medlemmar 7–25 år",
         .label_en = "Of them, members aged 7–25",
         .type = FIELD_INT,
         .min = 0,
         .max_int = 10000000,
         .hint_sv = "Avgör om föreningen får boka kommunens lokaler till nolltaxa.",
         .hint_en = "Decides whether the association books the city's venues at the zero "
                    "rate."}};
static const struct form_def own_form = {"arsuppdatering", own_fields, 3};

/* The form's fields: the board and the minutes of its own form; the
 * members and contact details as the register's form shows them, from
 * what was posted or, at first, from the register. */
static void
fields(struct req *r, const struct assoc *x, const struct form *own, struct field f[U_COUNT])
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
	assoc_form_fields(assoc, &in, &none, en);
	struct field *mine = form_fields(own, &r->a);
	f[U_BOARD] = mine[0];
	f[U_MEMBERS] = assoc[AF_MEMBERS];
	f[U_MEMBERS].required = 1;
	f[U_YOUTH] = mine[2];
	f[U_EMAIL] = assoc[AF_EMAIL];
	f[U_PHONE] = assoc[AF_PHONE];
	f[U_WEB] = assoc[AF_WEBSITE];
	f[U_MINUTES] = mine[1];
	/* the new case will count against the association's quota */
	f[U_MINUTES].hint = documents_usage_hint(r, 0, x->id, f[U_MINUTES].hint);
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
	tpl_registration_update(&r->out, &r->p, csrf, action, x->name, d, f, U_COUNT, nerrors);
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
	if (!eservice_open(r, &update_eservice, &d))
		return;
	struct form own;
	form_init(&own, r, &own_form);
	int64_t youth = db_int(r->db, &Q_YOUTH, DB_ARGS(DB_INT(x.id)), -1);
	if (youth >= 0)
		form_set(&own, "unga", arena_printf(&r->a, "%lld", (long long)youth));
	struct field f[U_COUNT];
	fields(r, &x, &own, f);
	render(r, &x, &d, f, 0);
}

/* The number of fields with an error. */
static int
errors_in(const struct field f[U_COUNT])
{
	int n = 0;
	for (int i = 0; i < U_COUNT; i++)
		n += f[i].error != NULL;
	return n;
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
	if (!eservice_open(r, &update_eservice, &d))
		return;
	int en = r->p.english;
	struct form own;
	form_init(&own, r, &own_form);
	form_read(&own, r);
	struct field f[U_COUNT];
	fields(r, &x, &own, f);
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
	if (!f[U_YOUTH].error && form_value(&own, "unga") && form_int(&own, "unga") > rec.members)
		f[U_YOUTH].error = en ? "They cannot be more than the members."
		                      : "De kan inte vara fler än medlemmarna.";
	if (errors_in(f)) {
		r->status = 422;
		render(r, &x, &d, f, errors_in(f));
		return;
	}
	json_t *p = json_object();
	json_object_set_new(p, "styrelse", json_string(form_value(&own, "styrelse")));
	json_object_set_new(p, "medlemmar", json_integer(rec.members));
	if (form_value(&own, "unga"))
		json_object_set_new(p, "unga", json_integer(form_int(&own, "unga")));
	json_object_set_new(p, "epost", json_string(rec.email));
	json_object_set_new(p, "telefon", json_string(rec.phone));
	json_object_set_new(p, "webbplats", json_string(rec.website));
	/* the diary is kept in Swedish whatever language the applicant reads */
	char *title = arena_alloc(&r->a, 300);
	snprintf(title, 300, "Årlig uppdatering: %s", x.name);
	struct submission sub = {.es = &update_eservice,
	                         .form = &own,
	                         .dept = d,
	                         .title = title,
	                         .association_id = x.id,
	                         .payload = p};
	if (eservice_submit(r, &sub) != 0)
		return;
	/* the minutes were refused: the reason is beside the field */
	fields(r, &x, &own, f);
	r->status = 422;
	render(r, &x, &d, f, 1);
}

/* A string of the payload, "" when absent. */
static const char *
sent_text(json_t *p, const char *k)
{
	const char *v = json_string_value(json_object_get(p, k));
	return v ? v : "";
}

/* Applies a granted yearly update to the register, in the decision's
 * transaction. */
static int
granted(struct req *r, struct case_row *c, json_t *p, struct form *decision)
{
	struct db *db = r->db;
	int64_t now = time(NULL);
	if (!c->association_id || !json_is_integer(json_object_get(p, "medlemmar"))) {
		form_error(decision, "utfall",
		           "Uppdateringen saknar förening eller medlemsantal att föra in; be den "
		           "sökande skicka den igen.",
		           "The update has no association or member count to apply; ask the "
		           "applicant to send it again.");
		return 1;
	}
	json_t *youth = json_object_get(p, "unga");
	int rc = db_exec(
	        db, &Q_APPLY,
	        DB_ARGS(DB_INT(c->association_id),
	                DB_INT(json_integer_value(json_object_get(p, "medlemmar"))),
	                DB_TEXT(sent_text(p, "epost")), DB_TEXT(sent_text(p, "telefon")),
	                DB_TEXT(sent_text(p, "webbplats")), DB_INT(now),
	                json_is_integer(youth) ? DB_INT(json_integer_value(youth)) : DB_NULLV));
	return rc == DB_OK ? 0 : -1;
}

/* What the update changes in the register, the value there now beside the
 * one sent, for the officer before deciding and for the applicant. */
static void
show(struct req *r, struct buf *b, const struct case_row *c, enum case_role role, json_t *p)
{
	(void)role;
	struct assoc now = {0};
	if (!c->association_id || register_get(r->db, &r->a, c->association_id, 0, &now) <= 0)
		now = (struct assoc){.email = "", .phone = "", .website = ""};
	char members[24] = "";
	if (now.members)
		snprintf(members, sizeof(members), "%lld", (long long)now.members);
	char sent_members[24] = "";
	json_t *m = json_object_get(p, "medlemmar");
	if (json_is_integer(m))
		snprintf(sent_members, sizeof(sent_members), "%lld",
		         (long long)json_integer_value(m));
	char youth[24] = "", sent_youth[24] = "";
	int64_t y = c->association_id
	                    ? db_int(r->db, &Q_YOUTH, DB_ARGS(DB_INT(c->association_id)), -1)
	                    : -1;
	if (y >= 0)
		snprintf(youth, sizeof(youth), "%lld", (long long)y);
	json_t *u = json_object_get(p, "unga");
	if (json_is_integer(u))
		snprintf(sent_youth, sizeof(sent_youth), "%lld", (long long)json_integer_value(u));
	const struct update_row rows[] = {
	        {"Antal medlemmar", "Members", members, sent_members},
	        {"Medlemmar 7–25 år", "Members aged 7–25", youth, sent_youth},
	        {"Kontakt-e-post", "Contact e-mail", now.email, sent_text(p, "epost")},
	        {"Telefon", "Phone", now.phone, sent_text(p, "telefon")},
	        {"Webbplats", "Web site", now.website, sent_text(p, "webbplats")},
	};
	tpl_registration_show_update(b, &r->p, rows, 5, sent_text(p, "styrelse"));
}

const struct eservice update_eservice = {
        .code = "arsuppdatering",
        .name_sv = "Årlig uppdatering",
        .name_en = "Yearly update",
        .department_setting = "register_department",
        .mail_subject = "Nytt ärende: årlig uppdatering",
        .mail_body = "En förening har skickat sin årliga uppdatering.",
        .show = show,
        .granted = granted,
};
