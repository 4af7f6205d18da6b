/* The first e-service: a new association applies to be registered. The
 * application becomes a case at the department that keeps the register;
 * the association is stored inactive until an officer grants it. */
#include "admin/form.h"
#include "cases/action.h"
#include "cases/documents.h"
#include "cases/pages.h"
#include "cases/register_department.h"
#include "cases/registration.tpl.h"
#include "http/decode.h"
#include "layout/layout.h"
#include "register/queries.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reg_form {
	struct assoc_input in;
	struct assoc_errors e;
	struct assoc_rec rec;
	struct choice *areas, *groups;
	const char *board, *board_error, *files_error;
	struct dept_ref dept; /* where the case goes */
};

static void
render(struct req *r, struct reg_form *f)
{
	struct field fields[ASSOC_FIELDS];
	int nf = assoc_form_fields(fields, &f->in, &f->e, f->rec.form, r->p.english);
	r->p.title = r->p.english ? "Register an association" : "Registrera en förening";
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_cases_registration(&r->out, &r->p, csrf, &f->dept, fields, nf, f->e.count, f->areas,
	                       f->rec.area_ids, f->rec.nareas, f->groups, f->rec.group_ids,
	                       f->rec.ngroups, f->rec.public_, f->board ? f->board : "",
	                       f->board_error, f->files_error);
	layout_foot(r);
}

void
registration_form(struct req *r)
{
	struct reg_form f = {0};
	if (!register_eservice_open(r, &f.dept))
		return;
	if (assoc_choices(r, &f.areas, &f.groups) != 0) {
		req_error(r, 500);
		return;
	}
	f.in.form = "ideell";
	f.rec.public_ = 1;
	render(r, &f);
}

/* The board as a JSON array of lines; personal data, kept in the case. */
static json_t *
board_lines(const char *text, int *count)
{
	json_t *arr = json_array();
	*count = 0;
	while (*text) {
		size_t n = strcspn(text, "\r\n");
		size_t s = 0;
		while (s < n && text[s] == ' ')
			s++;
		if (n > s) {
			json_array_append_new(arr, json_stringn(text + s, n - s));
			(*count)++;
		}
		text += n;
		while (*text == '\r' || *text == '\n')
			text++;
	}
	return arr;
}

/* The upload sent under a field name, or NULL. */
static const struct upload *
upload_named(struct req *r, const char *name)
{
	for (size_t i = 0; i < r->files.n; i++)
		if (strcmp(r->files.items[i].field, name) == 0 && r->files.items[i].len > 0)
			return &r->files.items[i];
	return NULL;
}

/* Checks everything; stores the association (inactive), the case and both
 * documents in one transaction, or nothing. */
void
registration_submit(struct req *r)
{
	struct reg_form f = {0};
	int en = r->p.english;
	if (!register_eservice_open(r, &f.dept))
		return;
	if (assoc_choices(r, &f.areas, &f.groups) != 0) {
		req_error(r, 500);
		return;
	}
	f.in = assoc_input_from_form(r);
	assoc_validate(&f.in, en, &f.rec, &f.e);
	f.rec.nareas = form_ids(r, "omrade", f.areas, f.rec.area_ids);
	f.rec.ngroups = form_ids(r, "malgrupp", f.groups, f.rec.group_ids);
	if (f.rec.nareas < 0 || f.rec.ngroups < 0) {
		req_error(r, 400);
		return;
	}
	f.rec.public_ = req_form(r, "offentlig") != NULL;
	f.board = req_form(r, "styrelse");
	int members = 0;
	json_t *board = board_lines(f.board ? f.board : "", &members);
	if (members == 0 || strlen(f.board) > 5000 || !text_valid(f.board, strlen(f.board)))
		f.board_error = en ? "Write at least one board member, one per line."
		                   : "Skriv minst en styrelseledamot, en per rad.";
	const struct upload *statutes = upload_named(r, "stadgar");
	const struct upload *minutes = upload_named(r, "protokoll");
	if (!statutes || !minutes)
		f.files_error = en ? "Attach the statutes and the latest annual meeting minutes."
		                   : "Bifoga stadgar och senaste årsmötesprotokoll.";
	if (f.e.count == 0 && f.rec.orgnr[0] && assoc_find(r->db, &f.rec)) {
		f.e.orgnr =
		        en ? "This association is already registered. Use the yearly update."
		           : "Föreningen är redan registrerad. Använd den årliga uppdateringen.";
		f.e.count++;
	}
	if (f.e.count || f.board_error || f.files_error)
		goto again;

	json_t *payload = json_object();
	json_object_set_new(payload, "offentlig", json_boolean(f.rec.public_));
	json_object_set_new(payload, "styrelse", board);
	board = NULL;
	char *payload_text = json_dumps(payload, JSON_COMPACT);
	json_decref(payload);
	int public_ = f.rec.public_;
	f.rec.active = 0;
	f.rec.public_ = 0;
	struct actor a = case_actor(r);
	char title[300], dnr[32];
	/* the diary is the municipality's record, kept in Swedish whatever
	 * language the applicant reads */
	snprintf(title, sizeof(title), "Registrering: %s", f.rec.name);
	int64_t assoc_id;
	struct case_row c;
	const char *err = NULL;
	int ok = db_begin(r->db) == DB_OK && assoc_save(r->db, 0, &f.rec, &assoc_id) == DB_OK &&
	         case_create(r->db,
	                     &(struct case_new){f.dept.code, "registrering", title, assoc_id, a,
	                                        payload_text, 0},
	                     &c, dnr) == DB_OK;
	free(payload_text);
	f.rec.public_ = public_;
	if (ok)
		ok = documents_store(r, &c, statutes, "stadgar", &a, &err) == 0 &&
		     documents_store(r, &c, minutes, "protokoll", &a, &err) == 0 &&
		     case_notify(r->db, &c, 1, "Nytt ärende: föreningsregistrering",
		                 "En ny förening har ansökt om registrering.") == DB_OK &&
		     db_commit(r->db) == DB_OK;
	if (!ok) {
		db_rollback(r->db);
		if (!err) {
			req_error(r, 500);
			return;
		}
		f.files_error = err;
		goto again;
	}
	case_done(r, &c);
	return;
again:
	json_decref(board);
	if (!f.files_error && r->files.n)
		f.files_error =
		        en ? "Choose the two files again: a browser does not keep them "
		             "after an error."
		           : "Välj de två filerna igen: webbläsaren behåller dem inte efter "
		             "ett fel.";
	r->status = 422;
	render(r, &f);
}
