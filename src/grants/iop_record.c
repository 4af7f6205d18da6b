/* What the officer records on an IOP agreement's case while it is open:
 * a new version of the agreement's text (every version is kept; the
 * database refuses to change one) and a follow-up meeting with its
 * notes. Each is in the case's trail. */
#include "grants/grants.h"
#include "grants/iop.h"
#include "grants/iop_refused.tpl.h"
#include "cases/action.h"
#include "layout/layout.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static struct dbq Q_VERSIONS = {
        "SELECT version, body, author_name, at FROM iop_versions WHERE case_id = $1 "
        "ORDER BY version",
        NULL, 0};
static struct dbq Q_MEETINGS = {
        "SELECT held_on, notes, author_name FROM iop_meetings WHERE case_id = $1 "
        "ORDER BY held_on, id",
        NULL, 0};
static struct dbq Q_ADD_VERSION = {
        "INSERT INTO iop_versions (case_id, version, body, author_id, author_name, at) "
        "SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5 FROM iop_versions "
        "WHERE case_id = $1 RETURNING version",
        NULL, 0};
static struct dbq Q_ADD_MEETING = {
        "INSERT INTO iop_meetings (case_id, held_on, notes, author_id, author_name, at) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        NULL, 0};

static const struct field_def version_fields[] = {
        {.name = "avtalstext",
         .label_sv = "Avtalets text, ny version",
         .label_en = "The agreement's text, new version",
         .type = FIELD_TEXTAREA,
         .required = 1,
         .max = 100000,
         .hint_sv = "Den tidigare versionen sparas som den är.",
         .hint_en = "The earlier version is kept as it is.",
         .missing_sv = "Skriv avtalets text.",
         .missing_en = "Write the agreement's text."},
};
const struct form_def iop_version_form = {"avtalsversion", version_fields, 1};

static const struct field_def meeting_fields[] = {
        {.name = "datum",
         .id = "motesdatum",
         .label_sv = "Mötets datum",
         .label_en = "Date of the meeting",
         .type = FIELD_DATE,
         .required = 1,
         .hint_sv = "ÅÅÅÅ-MM-DD",
         .hint_en = "YYYY-MM-DD",
         .missing_sv = "Skriv mötets datum som ÅÅÅÅ-MM-DD.",
         .missing_en = "Write the date of the meeting as YYYY-MM-DD."},
        {.name = "anteckningar",
         .label_sv = "Anteckningar från mötet",
         .label_en = "Notes from the meeting",
         .type = FIELD_TEXTAREA,
         .required = 1,
         .max = 20000,
         .missing_sv = "Skriv anteckningarna från mötet.",
         .missing_en = "Write the notes from the meeting."},
};
const struct form_def iop_meeting_form = {"uppfoljningsmote", meeting_fields, 2};

/* Every version of the agreement's text, the first first: 0, or -1. */
int
iop_versions(struct db *db, struct arena *a, int64_t case_id, struct iop_version **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, &Q_VERSIONS, DB_ARGS(DB_INT(case_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct iop_version){
		        (int)db_col_int(&c, 0), arena_strdup(a, db_col_text(&c, 1)),
		        arena_strdup(a, db_col_text(&c, 2)), db_col_int(&c, 3)};
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* The follow-up meetings, in the order they were held: 0, or -1. */
int
iop_meetings(struct db *db, struct arena *a, int64_t case_id, struct iop_meeting **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, &Q_MEETINGS, DB_ARGS(DB_INT(case_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct iop_meeting){arena_strdup(a, db_col_text(&c, 0)),
		                                      arena_strdup(a, db_col_text(&c, 1)),
		                                      arena_strdup(a, db_col_text(&c, 2))};
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* The open IOP case of the address, for its department's officer: 1, or
 * 0 after answering (404 for a case they may not see or one that is not
 * an IOP agreement, 403 for its applicant, 409 once it is closed). */
static int
load(struct req *r, struct case_row *c, enum case_role *role)
{
	if (!case_officer_load(r, c, role))
		return 0;
	if (strcmp(c->type, "iop") != 0) {
		req_error(r, 404);
		return 0;
	}
	if (case_closed(c)) {
		req_error(r, 409);
		return 0;
	}
	return 1;
}

/* A refused record: its form alone again (422) with the reason beside
 * the field and what was typed, and the way back to the case. */
static void
refused(struct req *r, const struct case_row *c, struct form *f, const char *action)
{
	r->status = 422;
	r->p.title = c->dnr;
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_grants_iop_refused(&r->out, &r->p, csrf, c, action, f, form_fields(f, &r->a));
	layout_foot(r);
}

/* POST /arenden/{dnr}/avtalsversion: the next version of the text. */
void
grants_iop_version(struct req *r)
{
	struct case_row c;
	enum case_role role;
	struct form f;
	if (!load(r, &c, &role))
		return;
	form_init(&f, r, &iop_version_form);
	if (form_read(&f, r)) {
		refused(r, &c, &f, "avtalsversion");
		return;
	}
	struct actor a = case_actor(r);
	int64_t version = 0;
	int ok = db_begin(r->db) == DB_OK &&
	         db_returning(r->db, &Q_ADD_VERSION,
	                      DB_ARGS(DB_INT(c.id), DB_TEXT(form_value(&f, "avtalstext")),
	                              DB_INT(a.id), DB_TEXT(a.name), DB_INT(time(NULL))),
	                      &version) == DB_OK;
	char detail[32];
	snprintf(detail, sizeof(detail), "version %lld", (long long)version);
	ok = ok && case_event(r->db, c.id, &a, "avtalsversion", detail) == DB_OK;
	case_action_end(r, &c, &f, ok);
}

/* POST /arenden/{dnr}/uppfoljningsmote: a meeting held, with notes. */
void
grants_iop_meeting(struct req *r)
{
	struct case_row c;
	enum case_role role;
	struct form f;
	if (!load(r, &c, &role))
		return;
	form_init(&f, r, &iop_meeting_form);
	if (form_read(&f, r)) {
		refused(r, &c, &f, "uppfoljningsmote");
		return;
	}
	struct actor a = case_actor(r);
	const char *on = form_value(&f, "datum");
	int ok = db_begin(r->db) == DB_OK &&
	         db_exec(r->db, &Q_ADD_MEETING,
	                 DB_ARGS(DB_INT(c.id), DB_TEXT(on), DB_TEXT(form_value(&f, "anteckningar")),
	                         DB_INT(a.id), DB_TEXT(a.name), DB_INT(time(NULL)))) == DB_OK &&
	         case_event(r->db, c.id, &a, "uppfoljningsmote", on) == DB_OK;
	case_action_end(r, &c, &f, ok);
}
