/* The first e-service: a new association applies to be registered. The
 * application becomes a case at the department that keeps the register,
 * carrying the association's details; a pending registration reserves
 * nothing in the register, and only a granted one creates the association
 * (active, with the applicant as its representative). */
#include "register/fields.h"
#include "cases/action.h"
#include "cases/eservice.h"
#include "cases/pages.h"
#include "http/decode.h"
#include "layout/layout.h"
#include "register/queries.h"
#include "registration/eservices.h"
#include "registration/registration.tpl.h"
#include "registration/show_registration.tpl.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The other registrations with the same organisationsnummer that are not
 * withdrawn or refused: the officer sees them beside the case. The payload
 * is written by json_dumps in one compact form, so a LIKE on the number's
 * key and value finds them on both engines. */
static struct dbq Q_SAME_ORGNR = {
        "SELECT c.diarienummer, c.status FROM cases c "
        "LEFT JOIN case_decisions d ON d.case_id = c.id "
        "WHERE c.type = $1 AND c.id <> $2 AND c.payload LIKE $3 "
        "AND c.status <> 'aterkallad' AND coalesce(d.outcome, '') <> 'avslag' "
        "ORDER BY c.id LIMIT 20",
        NULL, 0};
static struct dbq Q_SET_ASSOC = {"UPDATE cases SET association_id = $2 WHERE id = $1", NULL, 0};
static struct dbq Q_ACTIVATE = {
        "UPDATE associations SET active = 1, public = $2, updated = $3, last_update = $3 "
        "WHERE id = $1",
        NULL, 0};
static struct dbq Q_LAST_UPDATE = {"UPDATE associations SET last_update = $2 WHERE id = $1", NULL,
                                   0};

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
	tpl_registration_registration(&r->out, &r->p, csrf, &f->dept, fields, nf, f->e.count,
	                              f->areas, f->rec.area_ids, f->rec.nareas, f->groups,
	                              f->rec.group_ids, f->rec.ngroups, f->rec.public_,
	                              f->board ? f->board : "", f->board_error, f->files_error);
	layout_foot(r);
}

void
registration_form(struct req *r)
{
	struct reg_form f = {0};
	if (!eservice_open(r, &registration_eservice, &f.dept))
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

/* The two documents a registration needs, as the form model reads them. */
static const struct field_def doc_fields[] = {
        {.name = "stadgar", .label_sv = "Stadgar", .label_en = "Statutes", .type = FIELD_FILE},
        {.name = "protokoll",
         .label_sv = "Senaste årsmötesprotokoll",
         .label_en = "Latest annual meeting minutes",
         .type = FIELD_FILE},
};
static const struct form_def docs_form = {"registrering", doc_fields, 2};

/* A JSON array of ids. */
static json_t *
id_array(const int64_t *ids, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_integer(ids[i]));
	return a;
}

/* What the case carries: the association's fields by their form names, as
 * typed and checked, its areas and groups, whether it asked to be public,
 * and the board. */
static json_t *
payload_of(const struct assoc_input *in, const struct assoc_rec *rec, json_t *board)
{
	json_t *p = json_object();
	const char *names[] = {"namn",      "form",    "organisationsnummer",
	                       "andamal",   "epost",   "telefon",
	                       "webbplats", "grundad", "medlemmar"};
	const char *values[] = {in->name,  rec->form,   rec->orgnr,  in->purpose, in->email,
	                        in->phone, in->website, in->founded, in->members};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		json_object_set_new(p, names[i], json_string(values[i] ? values[i] : ""));
	json_object_set_new(p, "omrade", id_array(rec->area_ids, rec->nareas));
	json_object_set_new(p, "malgrupp", id_array(rec->group_ids, rec->ngroups));
	json_object_set_new(p, "offentlig", json_boolean(rec->public_));
	json_object_set_new(p, "styrelse", board);
	return p;
}

/* Checks everything; stores the case and both documents in one
 * transaction, or nothing. Only an association already in the register
 * stops a registration: another pending one is for the officer to weigh. */
void
registration_submit(struct req *r)
{
	struct reg_form f = {0};
	int en = r->p.english;
	if (!eservice_open(r, &registration_eservice, &f.dept))
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
	struct form docs;
	form_init(&docs, r, &docs_form);
	form_read(&docs, r);
	if (!form_file(&docs, "stadgar") || !form_file(&docs, "protokoll"))
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

	/* the diary is the municipality's record, kept in Swedish whatever
	 * language the applicant reads; it names the association only if the
	 * applicant chose to be shown in the public register */
	char *title = arena_alloc(&r->a, 300);
	snprintf(title, 300, "Registrering: %s", f.rec.name);
	struct submission s = {.es = &registration_eservice,
	                       .form = &docs,
	                       .dept = f.dept,
	                       .title = title,
	                       .title_private = !f.rec.public_,
	                       .payload = payload_of(&f.in, &f.rec, board)};
	board = NULL;
	int rc = eservice_submit(r, &s);
	if (rc != 0)
		return;
	f.files_error = docs.error[0] ? docs.error[0] : docs.error[1];
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

/* A string member of the payload, "" when absent. */
static const char *
text_of(json_t *p, const char *k)
{
	const char *v = json_string_value(json_object_get(p, k));
	return v ? v : "";
}

/* The association as the payload describes it, checked by the register's
 * own rules again (the rules may have changed since it was sent). */
static int
record_of(json_t *p, struct assoc_rec *rec, struct assoc_errors *e, int english)
{
	struct assoc_input in = {text_of(p, "organisationsnummer"),
	                         text_of(p, "namn"),
	                         text_of(p, "form"),
	                         text_of(p, "andamal"),
	                         text_of(p, "epost"),
	                         text_of(p, "telefon"),
	                         text_of(p, "webbplats"),
	                         text_of(p, "grundad"),
	                         text_of(p, "medlemmar")};
	if (!*in.orgnr)
		in.orgnr = NULL;
	int n = assoc_validate(&in, english, rec, e);
	rec->nareas = rec->ngroups = 0;
	json_t *v;
	size_t i;
	json_array_foreach(json_object_get(p, "omrade"), i, v) if (rec->nareas < ASSOC_MAX_LINKS)
	        rec->area_ids[rec->nareas++] = json_integer_value(v);
	json_array_foreach(json_object_get(p, "malgrupp"), i, v) if (rec->ngroups < ASSOC_MAX_LINKS)
	        rec->group_ids[rec->ngroups++] = json_integer_value(v);
	rec->public_ = json_is_true(json_object_get(p, "offentlig"));
	rec->active = 1;
	return n;
}

/* A granted registration: the association enters the register (public if
 * it asked to be) with the applicant as its representative, unless another
 * association with the same organisationsnummer was registered meanwhile.
 * A case from before registrations carried their association (it was
 * stored inactive then) is activated as it was. */
static int
granted(struct req *r, struct case_row *c, json_t *p, const char **why)
{
	int en = r->p.english;
	time_t now = time(NULL);
	int64_t id = c->association_id;
	if (id) {
		if (db_exec(r->db, &Q_ACTIVATE,
		            DB_ARGS(DB_INT(id),
		                    DB_INT(json_is_true(json_object_get(p, "offentlig"))),
		                    DB_INT(now))) != DB_OK)
			return -1;
	} else {
		struct assoc_rec rec;
		struct assoc_errors e;
		if (record_of(p, &rec, &e, en) != 0) {
			*why = en ? "The application's details no longer follow the register's "
			            "rules; "
			            "ask the applicant to complete them."
			          : "Ansökans uppgifter följer inte längre registrets regler; "
			            "begär "
			            "komplettering.";
			return 1;
		}
		if (assoc_find(r->db, &rec)) {
			*why = en ? "An association with this organisation number is already in "
			            "the "
			            "register. Refuse the application or ask the applicant."
			          : "En förening med det här organisationsnumret finns redan i "
			            "registret. Avslå ansökan eller fråga den sökande.";
			return 1;
		}
		if (assoc_save(r->db, 0, &rec, &id) != DB_OK ||
		    db_exec(r->db, &Q_LAST_UPDATE, DB_ARGS(DB_INT(id), DB_INT(now))) != DB_OK ||
		    db_exec(r->db, &Q_SET_ASSOC, DB_ARGS(DB_INT(c->id), DB_INT(id))) != DB_OK)
			return -1;
		c->association_id = id;
	}
	if (c->applicant_id && grant_representative(r->db, c->applicant_id, id) != DB_OK)
		return -1;
	return 0;
}

/* The registrations of the same organisationsnummer besides this one, for
 * the officer: number and status, at most 20. */
static struct registration_twin *
twins(struct req *r, const struct case_row *c, const char *orgnr, int *n)
{
	struct registration_twin *out = arena_alloc(&r->a, 21 * sizeof(*out));
	*n = 0;
	if (!*orgnr)
		return out;
	struct buf like = {0};
	buf_printf(&like, "%%\"organisationsnummer\":\"%s\"%%", orgnr);
	struct dbcur cur;
	if (db_query(r->db, &cur, &Q_SAME_ORGNR,
	             DB_ARGS(DB_TEXT(registration_eservice.code), DB_INT(c->id),
	                     DB_TEXT(buf_cstr(&like)))) == DB_OK)
		while (db_next(&cur) > 0 && *n < 20)
			out[(*n)++] = (struct registration_twin){
			        arena_strdup(&r->a, db_col_text(&cur, 0)),
			        arena_strdup(&r->a, db_col_text(&cur, 1))};
	db_done(&cur);
	buf_free(&like);
	return out;
}

/* What was sent, for the officer and the applicant; the officer also sees
 * whether the register or another registration already has the number. */
static void
show(struct req *r, struct buf *b, const struct case_row *c, enum case_role role, json_t *p)
{
	struct choice *areas, *groups;
	if (assoc_choices(r, &areas, &groups) != 0)
		areas = groups = NULL;
	const char *orgnr = text_of(p, "organisationsnummer");
	int ntwins = 0;
	struct registration_twin *tw = NULL;
	int64_t registered = 0;
	if (role == CASE_OFFICER && *orgnr) {
		tw = twins(r, c, orgnr, &ntwins);
		struct assoc_rec probe = {0};
		snprintf(probe.orgnr, sizeof(probe.orgnr), "%s", orgnr);
		registered = assoc_find(r->db, &probe);
		if (registered == c->association_id)
			registered = 0;
	}
	tpl_registration_show_registration(b, &r->p, p, areas, groups, role == CASE_OFFICER, tw,
	                                   ntwins, registered);
}

const struct eservice registration_eservice = {
        .code = "registrering",
        .name_sv = "Föreningsregistrering",
        .name_en = "Association registration",
        .department_setting = "register_department",
        .mail_subject = "Nytt ärende: föreningsregistrering",
        .mail_body = "En ny förening har ansökt om registrering.",
        .show = show,
        .granted = granted,
};
