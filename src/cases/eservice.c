/* What every e-service shares: the table lookup, whether it is open, one
 * submission path (validate → one transaction → case → documents → trail
 * → mail → redirect), the submitted data on the case page, and the form
 * page the engine serves for a type that declares only its form. */
#include "cases/eservice.h"
#include "cases/action.h"
#include "cases/closed.tpl.h"
#include "cases/documents.h"
#include "cases/eservice.tpl.h"
#include "cases/sent.tpl.h"
#include "layout/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The type of a code, NULL for none in the table. */
const struct eservice *
eservice_of(const char *code)
{
	for (const struct eservice *const *e = eservices; code && *e; e++)
		if (strcmp((*e)->code, code) == 0)
			return *e;
	return NULL;
}

/* The receiving department, or a page saying the e-service is not open yet
 * (503) when none is chosen, and 0: nothing is created without somewhere
 * to file it. */
int
eservice_open(struct req *r, const struct eservice *es, struct dept_ref *out)
{
	int rc = setting_department(r->db, &r->a, es->department_setting, out);
	if (rc < 0) {
		req_error(r, 500);
		return 0;
	}
	if (rc == 0) {
		r->status = 503;
		r->p.title = r->p.english ? "Not open yet" : "Inte öppen än";
		layout_head(r);
		tpl_cases_closed(&r->out, &r->p, es);
		layout_foot(r);
	}
	return rc;
}

/* The form's fields as sent, by name, for the case's payload: text as
 * typed, whole numbers as numbers, a ticked box as true; files are
 * documents of the case, not payload. */
json_t *
eservice_payload(const struct form *f)
{
	json_t *p = json_object();
	for (int i = 0; i < f->def->n; i++) {
		const struct field_def *d = &f->def->fields[i];
		const char *v = f->value[i];
		if (d->type == FIELD_FILE || d->type == FIELD_PASSWORD)
			continue;
		if (d->type == FIELD_CHECKBOX)
			json_object_set_new(p, d->name, json_boolean(v != NULL));
		else if (d->type == FIELD_INT && v && *v)
			json_object_set_new(p, d->name, json_integer(strtoll(v, NULL, 10)));
		else
			json_object_set_new(p, d->name, json_string(v ? v : ""));
	}
	return p;
}

/* Stores the case, what the type writes besides it (s->within), every file of its form as a
 * document (of the kind the field is named for, when it is a kind documents know, else
 * "övrigt"), the mail to the department, in one transaction; then back to the case page. 1
 * done; 0 the type or a document refused it (the reason is beside its field, nothing is
 * stored, the caller shows the form again); -1 the request was answered 500. */
int
eservice_submit(struct req *r, struct submission *s)
{
	char *payload = json_dumps(s->payload, JSON_COMPACT);
	json_decref(s->payload);
	s->payload = NULL;
	struct case_new n = {s->dept.code,
	                     s->es->code,
	                     s->title,
	                     s->association_id,
	                     case_actor(r),
	                     payload ? payload : "{}",
	                     0,
	                     s->title_private};
	const char *why = NULL;
	int ok = db_begin(r->db) == DB_OK && case_create(r->db, &n, &s->c, s->dnr) == DB_OK;
	int refused = 0;
	free(payload);
	if (ok && s->within) {
		int w = s->within(r, s);
		ok = w == 0;
		refused = w > 0;
	}
	for (int i = 0; ok && i < s->form->def->n; i++) {
		const struct field_def *d = &s->form->def->fields[i];
		if (d->type != FIELD_FILE || !s->form->file[i])
			continue;
		struct actor a = case_actor(r);
		const char *kind = documents_kind_known(d->name) ? d->name : "ovrigt";
		if (documents_store(r, &s->c, s->form->file[i], kind, &a, &why) != 0) {
			ok = 0;
			if (why)
				form_error(s->form, d->name, why, why);
		}
	}
	if (ok)
		ok = case_notify(r->db, &s->c, 1, s->es->mail_subject, s->es->mail_body) == DB_OK &&
		     db_commit(r->db) == DB_OK;
	if (ok) {
		case_done(r, &s->c);
		return 1;
	}
	db_rollback(r->db);
	if (why || refused)
		return 0;
	req_error(r, 500);
	return -1;
}

/* The notices of other capabilities about the case's party, then the
 * submitted data as the type draws it, or the form's fields with what
 * was sent; for the officer, the type's own tools below it (sent: the
 * form of the page that was refused, or NULL). */
void
eservice_show(struct req *r, struct buf *b, const struct case_row *c, enum case_role role,
              const struct form *sent)
{
	const struct eservice *es = eservice_of(c->type);
	json_t *p = json_loads(c->payload ? c->payload : "{}", 0, NULL);
	if (!p)
		p = json_object();
	if (es && es->show)
		es->show(r, b, c, role, p);
	else if (es && es->form)
		tpl_cases_sent(b, &r->p, es->form, p);
	json_decref(p);
	if (es && es->panel && role == CASE_OFFICER)
		es->panel(r, b, c, sent);
}

/* What the case's type does when the case ends without a grant, in the
 * caller's transaction: 0, or -1 on a database error. */
int
eservice_ended(struct req *r, struct case_row *c)
{
	const struct eservice *es = eservice_of(c->type);
	return es && es->ended && es->ended(r, c) != 0 ? -1 : 0;
}

/* The decision form of a case's type: its own, or the common one. */
const struct form_def *
eservice_decision_form(const struct case_row *c)
{
	const struct eservice *es = eservice_of(c->type);
	return es && es->decision_form ? es->decision_form : &case_decision_form;
}

/* The type a generic e-service address names, if it has a form. */
static const struct eservice *
named(struct req *r)
{
	const struct eservice *es = r->nparams ? eservice_of(r->params[0]) : NULL;
	if (!es || !es->form) {
		req_error(r, 404);
		return NULL;
	}
	return es;
}

static void
render(struct req *r, const struct eservice *es, const struct dept_ref *d, struct form *f)
{
	r->p.title = r->p.english ? es->name_en : es->name_sv;
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_cases_eservice(&r->out, &r->p, csrf, es, d, f, form_fields(f, &r->a));
	layout_foot(r);
}

/* GET /e-tjanster/{code}: the form of a type that declares one. */
void
eservice_form_page(struct req *r)
{
	const struct eservice *es = named(r);
	struct dept_ref d;
	if (!es || !eservice_open(r, es, &d))
		return;
	struct form f;
	form_init(&f, r, es->form);
	render(r, es, &d, &f);
}

/* POST /e-tjanster/{code}: the form checked against its declaration, then
 * the one submission path; refused, the form again with every reason
 * beside its field and what was typed. */
void
eservice_submit_page(struct req *r)
{
	const struct eservice *es = named(r);
	struct dept_ref d;
	if (!es || !eservice_open(r, es, &d))
		return;
	struct form f;
	form_init(&f, r, es->form);
	if (form_read(&f, r) == 0) {
		char *title = arena_alloc(&r->a, 300);
		snprintf(title, 300, "%s: %s", es->name_sv, r->user->name);
		/* the title names the applicant: the public diary shows the type */
		struct submission s = {.es = es,
		                       .form = &f,
		                       .dept = d,
		                       .title = title,
		                       .title_private = 1,
		                       .payload = eservice_payload(&f)};
		if (eservice_submit(r, &s) != 0)
			return;
	}
	r->status = 422;
	render(r, es, &d, &f);
}
