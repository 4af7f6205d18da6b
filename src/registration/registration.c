/* The first e-service: a new association applies to be registered. The
 * application becomes a case at the department that keeps the register,
 * carrying the association's details; a pending registration reserves
 * nothing in the register, and only a granted one creates the association
 * (active, with the applicant as its representative). */
#include "register/fields.h"
#include "cases/action.h"
#include "cases/eservice.h"
#include "cases/pages.h"
#include "layout/layout.h"
#include "register/order.h"
#include "register/queries.h"
#include "registration/eservices.h"
#include "registration/fields.h"
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

/* What the registration asks beside the register's fields: the board,
 * the two documents, each refused beside itself, and whether the
 * association wants to be in the public register. */
static const struct field_def own_fields[REG_OWN] = {
        [REG_BOARD] = BOARD_FIELD,
        [REG_STATUTES] = {.name = "stadgar",
                          .label_sv = "Stadgar",
                          .label_en = "Statutes",
                          .type = FIELD_FILE,
                          .required = 1,
                          .hint_sv = FILE_TYPES_SV,
                          .hint_en = FILE_TYPES_EN,
                          .missing_sv = "Bifoga stadgarna.",
                          .missing_en = "Attach the statutes."},
        [REG_MINUTES] = MINUTES_FIELD,
        [REG_PUBLIC] = {.name = "offentlig",
                        .label_sv = "Visa föreningen i det offentliga registret",
                        .label_en = "Show the association in the public register",
                        .type = FIELD_CHECKBOX},
};
static const struct form_def own_form = {"registrering", own_fields, REG_OWN};

/* The registration as one request has it: the register's fields and the
 * registration's own, with what was typed and their errors, the areas and
 * groups ticked, and where the case goes. */
struct reg_form {
	struct form assoc, own;
	struct assoc_rec rec;
	struct choice *areas, *groups;
	struct dept_ref dept;
};

/* An empty registration with the choices it offers: 0 when it may be
 * shown, else the request is answered (the e-service is not open, or the
 * database failed). */
static int
start(struct req *r, struct reg_form *f)
{
	*f = (struct reg_form){0};
	if (!eservice_open(r, &registration_eservice, &f->dept))
		return -1;
	if (assoc_choices(r, &f->areas, &f->groups) != 0) {
		req_error(r, 500);
		return -1;
	}
	form_init(&f->assoc, r, &assoc_form_def);
	form_init(&f->own, r, &own_form);
	return 0;
}

/* The page: the fields of both forms in one list, so the one summary
 * names them in the order they stand. */
static void
render(struct req *r, struct reg_form *f)
{
	struct field *all = arena_alloc(&r->a, REG_FIELDS * sizeof(*all));
	memcpy(all, form_fields(&f->assoc, &r->a), ASSOC_FIELDS * sizeof(*all));
	memcpy(all + ASSOC_FIELDS, form_fields(&f->own, &r->a), REG_OWN * sizeof(*all));
	r->p.title = r->p.english ? "Register an association" : "Registrera en förening";
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_registration_registration(&r->out, &r->p, csrf, &f->dept, all,
	                              f->assoc.nerrors + f->own.nerrors, f->areas, f->rec.area_ids,
	                              f->rec.nareas, f->groups, f->rec.group_ids, f->rec.ngroups);
	layout_foot(r);
}

void
registration_form(struct req *r)
{
	struct reg_form f;
	if (start(r, &f) != 0)
		return;
	form_set(&f.assoc, "form", "ideell");
	form_set(&f.own, "offentlig", "1");
	render(r, &f);
}

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

/* Checks everything, each reason beside its field; stores the case and
 * both documents in one transaction, or nothing. Only an association
 * already in the register stops a registration: another pending one is
 * for the officer to weigh. */
void
registration_submit(struct req *r)
{
	struct reg_form f;
	if (start(r, &f) != 0)
		return;
	struct assoc_input in;
	assoc_form_read(&f.assoc, r, &in, &f.rec);
	form_read(&f.own, r);
	f.rec.nareas = form_ids(r, "omrade", f.areas, f.rec.area_ids);
	f.rec.ngroups = form_ids(r, "malgrupp", f.groups, f.rec.group_ids);
	if (f.rec.nareas < 0 || f.rec.ngroups < 0) {
		req_error(r, 400);
		return;
	}
	f.rec.public_ = form_value(&f.own, "offentlig") != NULL;
	if (f.assoc.nerrors == 0 && f.rec.orgnr[0] && assoc_find(r->db, &f.rec))
		form_error(&f.assoc, "organisationsnummer",
		           "Föreningen är redan registrerad. Använd den årliga uppdateringen.",
		           "This association is already registered. Use the yearly update.");
	if (f.assoc.nerrors == 0 && f.own.nerrors == 0) {
		/* the diary is the municipality's record, kept in Swedish
		 * whatever language the applicant reads; it names the
		 * association only if the applicant chose to be shown in the
		 * public register */
		char *title = arena_alloc(&r->a, 300);
		snprintf(title, 300, "Registrering: %s", f.rec.name);
		json_t *board = board_lines(form_value(&f.own, "styrelse"));
		struct submission s = {.es = &registration_eservice,
		                       .form = &f.own,
		                       .dept = f.dept,
		                       .title = title,
		                       .title_private = !f.rec.public_,
		                       .payload = payload_of(&in, &f.rec, board)};
		/* 0: a document was refused, its reason is beside its field */
		if (eservice_submit(r, &s) != 0)
			return;
	}
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
 * stored inactive then) is activated as it was, a step of merging the
 * search index after it as after any save. */
static int
granted(struct req *r, struct case_row *c, json_t *p, struct form *decision)
{
	int en = r->p.english;
	time_t now = time(NULL);
	int64_t id = c->association_id;
	if (id) {
		if (db_exec(r->db, &Q_ACTIVATE,
		            DB_ARGS(DB_INT(id),
		                    DB_INT(json_is_true(json_object_get(p, "offentlig"))),
		                    DB_INT(now))) != DB_OK ||
		    order_index_merge(r->db) != DB_OK)
			return -1;
	} else {
		struct assoc_rec rec;
		struct assoc_errors e;
		if (record_of(p, &rec, &e, en) != 0) {
			form_error(
			        decision, "utfall",
			        "Ansökans uppgifter följer inte längre registrets regler; begär "
			        "komplettering.",
			        "The application's details no longer follow the register's rules; "
			        "ask the applicant to complete them.");
			return 1;
		}
		if (assoc_find(r->db, &rec)) {
			form_error(decision, "utfall",
			           "En förening med det här organisationsnumret finns redan i "
			           "registret. Avslå ansökan eller fråga den sökande.",
			           "An association with this organisation number is already in the "
			           "register. Refuse the application or ask the applicant.");
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
