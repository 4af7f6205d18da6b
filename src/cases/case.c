/* The case engine: numbering, the status rules, the trail. */
#include "cases/case.h"
#include "cases/eservice.h"
#include "base/buf.h"
#include "base/esc.h"
#include "mail/outbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct dbq Q_NEXT_SERIAL = {
        "INSERT INTO case_serials (department_id, year, last) VALUES ($1, $2, 1) "
        "ON CONFLICT (department_id, year) DO UPDATE SET last = case_serials.last + 1 "
        "RETURNING last",
        NULL, 0};
static struct dbq Q_DEPT = {"SELECT id FROM departments WHERE code = $1", NULL, 0};
static struct dbq Q_INSERT = {
        "INSERT INTO cases (diarienummer, department_id, year, serial, type, status, title, "
        "association_id, applicant_id, payload, created, updated, title_private) "
        "VALUES ($1, $2, $3, $4, $5, 'inkommen', $6, $7, $8, $9, $10, $10, $11) RETURNING id",
        NULL, 0};
static struct dbq Q_EVENT = {
        "INSERT INTO case_events (case_id, at, actor_id, actor_name, kind, detail) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        NULL, 0};
static struct dbq Q_STATUS = {
        "UPDATE cases SET status = $2, updated = $3 WHERE id = $1 AND status = $4 RETURNING id",
        NULL, 0};
static struct dbq Q_LOAD = {
        "SELECT c.id, c.diarienummer, c.type, c.status, c.title, c.confidential, c.department_id, "
        "d.name_sv, d.code, coalesce(c.association_id, 0), coalesce(a.name, ''), "
        "coalesce(c.applicant_id, 0), coalesce(ap.name, ''), coalesce(c.officer_id, 0), "
        "coalesce(o.name, ''), c.payload, c.created, c.updated "
        "FROM cases c JOIN departments d ON d.id = c.department_id "
        "LEFT JOIN associations a ON a.id = c.association_id "
        "LEFT JOIN users ap ON ap.id = c.applicant_id "
        "LEFT JOIN users o ON o.id = c.officer_id WHERE c.diarienummer = $1",
        NULL, 0};
static struct dbq Q_REPRESENTS = {
        "SELECT count(*) FROM user_roles WHERE user_id = $1 AND role = 'representative' "
        "AND association_id = $2",
        NULL, 0};
static struct dbq Q_REPRESENTED = {
        "SELECT a.id, a.name, a.public FROM user_roles u JOIN associations a "
        "ON a.id = u.association_id WHERE u.user_id = $1 AND u.role = 'representative' "
        "ORDER BY a.sort_key, a.id",
        NULL, 0};
static struct dbq Q_OUTBOX = {"INSERT INTO outbox (to_addr, subject, body, created, next_try) "
                              "VALUES ($1, $2, $3, $4, $4)",
                              NULL, 0};
static struct dbq Q_GRANT = {
        "INSERT INTO user_roles (user_id, role, association_id) "
        "SELECT $1, 'representative', $2 WHERE NOT EXISTS (SELECT 1 FROM user_roles "
        "WHERE user_id = $1 AND role = 'representative' AND association_id = $2)",
        NULL, 0};
static struct dbq Q_APPLICANT_MAIL = {"SELECT email FROM users WHERE id = $1 AND active = 1", NULL,
                                      0};
/* The officers to tell: the assigned one, or the department's; never one
 * who is a party to the case (jäv), who hears as a party instead. */
static struct dbq Q_OFFICER_MAILS = {
        DB_PLAN_EACH
        "SELECT u.email FROM users u JOIN user_roles ur ON ur.user_id = u.id "
        "WHERE ur.role = 'officer' AND ur.department_id = $1 AND u.active = 1 "
        "AND ($2 = 0 OR u.id = $2) AND u.id <> $3 AND NOT EXISTS (SELECT 1 FROM user_roles p "
        "WHERE p.user_id = u.id AND p.role = 'representative' AND p.association_id = $4)",
        NULL, 0};

/* Every status a case can have, in the order a case moves through them,
 * with its name: the case page, the trail and the inbox's filter. */
const struct choice case_statuses[] = {
        {"inkommen", "Inkommen", "Received", 0},
        {"handlaggning", "Under handläggning", "Being handled", 0},
        {"komplettering", "Komplettering begärd", "Completion requested", 0},
        {"beslutad", "Beslutad", "Decided", 0},
        {"avslutad", "Avslutad", "Closed", 0},
        {"aterkallad", "Återkallad", "Withdrawn", 0},
        {NULL, NULL, NULL, 0},
};

/* A type's name from the table of e-services; the code itself for a type
 * no longer in it, so old cases still show something. */
const char *
case_type_name(const char *type, int english)
{
	const struct eservice *es = eservice_of(type);
	return es ? (english ? es->name_en : es->name_sv) : type;
}

/* A status's name; the code itself for one not in the list. */
const char *
case_status_name(const char *status, int english)
{
	for (const struct choice *c = case_statuses; c->code; c++)
		if (strcmp(c->code, status) == 0)
			return english ? c->name_en : c->name_sv;
	return status;
}

/* The status rules: inkommen → under handläggning → komplettering begärd
 * (back to the applicant, then inkommen again) → beslutad → avslutad; the
 * applicant may withdraw before a decision. Everything else is refused. */
int
case_transition_allowed(const char *from, const char *to, enum case_role who)
{
	static const struct {
		const char *from, *to;
		enum case_role who;
	} allowed[] = {
	        {"inkommen", "handlaggning", CASE_OFFICER},
	        {"handlaggning", "komplettering", CASE_OFFICER},
	        {"komplettering", "inkommen", CASE_APPLICANT},
	        {"inkommen", "beslutad", CASE_OFFICER},
	        {"handlaggning", "beslutad", CASE_OFFICER},
	        {"beslutad", "avslutad", CASE_OFFICER},
	        {"inkommen", "aterkallad", CASE_APPLICANT},
	        {"handlaggning", "aterkallad", CASE_APPLICANT},
	        {"komplettering", "aterkallad", CASE_APPLICANT},
	};
	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (strcmp(allowed[i].from, from) == 0 && strcmp(allowed[i].to, to) == 0)
			return allowed[i].who == who;
	return 0;
}

/* Whether this person may move this case to `to`: the type's own rules
 * where it has them, else the common ones. */
int
case_may(const struct case_row *c, const char *to, enum case_role who)
{
	const struct eservice *es = eservice_of(c->type);
	if (es && es->transition)
		return es->transition(c->status, to, who);
	return case_transition_allowed(c->status, to, who);
}

/* Whether nothing more can happen in the case. */
int
case_closed(const struct case_row *c)
{
	return strcmp(c->status, "avslutad") == 0 || strcmp(c->status, "aterkallad") == 0;
}

/* Appends to the trail at a given time (the demo's history, or the
 * moment a case arrived); the database refuses any later change to it. */
int
case_event_at(struct db *db, int64_t case_id, int64_t at, const struct actor *a, const char *kind,
              const char *detail)
{
	return db_exec(db, &Q_EVENT,
	               DB_ARGS(DB_INT(case_id), DB_INT(at), a->id ? DB_INT(a->id) : DB_NULLV,
	                       DB_TEXT(a->name), DB_TEXT(kind), DB_TEXT(detail ? detail : "")));
}

/* Appends to the trail now. */
int
case_event(struct db *db, int64_t case_id, const struct actor *a, const char *kind,
           const char *detail)
{
	return case_event_at(db, case_id, time(NULL), a, kind, detail);
}

/* A department's id by its code, 0 when there is none. */
static int64_t
department_of(struct db *db, const char *code)
{
	return db_int(db, &Q_DEPT, DB_ARGS(DB_TEXT(code)), 0);
}

/* Stores a new case with the next diarienummer of its department and
 * year, and describes it in *out (its number in dnr) for what the caller
 * files with it: documents, the department's mail. The number is taken
 * inside the caller's transaction, so a case that is not stored takes no
 * number: no gaps, however many arrive at once. */
int
case_create(struct db *db, const struct case_new *n, struct case_row *out, char dnr[32])
{
	int64_t dept = department_of(db, n->dept_code);
	if (!dept)
		return DB_ERROR;
	time_t now = n->at ? (time_t)n->at : time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	int year = tm.tm_year + 1900;
	int64_t serial;
	int rc = db_returning(db, &Q_NEXT_SERIAL, DB_ARGS(DB_INT(dept), DB_INT(year)), &serial);
	if (rc != DB_OK)
		return rc;
	/* the arrival time is read once the number is ours (its row stays
	 * locked until commit), so numbers and arrival times go in one order
	 * however the submissions interleave */
	if (!n->at && time(NULL) > now)
		now = time(NULL);
	snprintf(dnr, 32, "%s-%d-%04lld", n->dept_code, year, (long long)serial);
	rc = db_returning(db, &Q_INSERT,
	                  DB_ARGS(DB_TEXT(dnr), DB_INT(dept), DB_INT(year), DB_INT(serial),
	                          DB_TEXT(n->type), DB_TEXT(n->title),
	                          n->association_id ? DB_INT(n->association_id) : DB_NULLV,
	                          n->applicant.id ? DB_INT(n->applicant.id) : DB_NULLV,
	                          DB_TEXT(n->payload), DB_INT(now), DB_INT(n->title_private != 0)),
	                  &out->id);
	if (rc != DB_OK)
		return rc;
	*out = (struct case_row){.id = out->id,
	                         .dnr = dnr,
	                         .type = n->type,
	                         .status = "inkommen",
	                         .title = n->title,
	                         .department_id = dept,
	                         .department_code = n->dept_code,
	                         .association_id = n->association_id,
	                         .applicant_id = n->applicant.id,
	                         .payload = "",
	                         .created = now,
	                         .updated = now};
	return case_event_at(db, out->id, now, &n->applicant, "skapad", n->title);
}

/* Moves a case on, if it is still where the caller saw it. */
int
case_set_status(struct db *db, const struct case_row *c, const char *to, const struct actor *a,
                const char *detail)
{
	int64_t changed;
	int rc = db_returning(
	        db, &Q_STATUS,
	        DB_ARGS(DB_INT(c->id), DB_TEXT(to), DB_INT(time(NULL)), DB_TEXT(c->status)),
	        &changed);
	if (rc != DB_OK)
		return rc; /* also when someone moved the case meanwhile */
	struct buf b = {0};
	buf_printf(&b, "%s → %s", c->status, to);
	if (detail && *detail)
		buf_printf(&b, ": %s", detail);
	rc = case_event(db, c->id, a, "status", buf_cstr(&b));
	buf_free(&b);
	return rc;
}

/* One case by its diarienummer. 1 found, 0 not, below 0 on error. */
int
case_load(struct db *db, struct arena *ar, const char *dnr, struct case_row *out)
{
	struct dbcur c;
	memset(out, 0, sizeof(*out));
	if (db_query(db, &c, &Q_LOAD, DB_ARGS(DB_TEXT(dnr))) != DB_OK)
		return -1;
	int rc = db_next(&c);
	if (rc > 0) {
		out->id = db_col_int(&c, 0);
		out->dnr = arena_strdup(ar, db_col_text(&c, 1));
		out->type = arena_strdup(ar, db_col_text(&c, 2));
		out->status = arena_strdup(ar, db_col_text(&c, 3));
		out->title = arena_strdup(ar, db_col_text(&c, 4));
		out->confidential = (int)db_col_int(&c, 5);
		out->department_id = db_col_int(&c, 6);
		out->department = arena_strdup(ar, db_col_text(&c, 7));
		out->department_code = arena_strdup(ar, db_col_text(&c, 8));
		out->association_id = db_col_int(&c, 9);
		out->association = arena_strdup(ar, db_col_text(&c, 10));
		out->applicant_id = db_col_int(&c, 11);
		out->applicant = arena_strdup(ar, db_col_text(&c, 12));
		out->officer_id = db_col_int(&c, 13);
		out->officer = arena_strdup(ar, db_col_text(&c, 14));
		out->payload = arena_strdup(ar, db_col_text(&c, 15));
		out->created = db_col_int(&c, 16);
		out->updated = db_col_int(&c, 17);
	}
	db_done(&c);
	return rc;
}

/* Whether a user represents an association. */
int
user_represents(struct db *db, int64_t user_id, int64_t association_id)
{
	return db_int(db, &Q_REPRESENTS, DB_ARGS(DB_INT(user_id), DB_INT(association_id)), 0) > 0;
}

/* The associations a person represents, as choices (code: the id, as the
 * form sends it); the id column of a choice holds whether it is public. */
int
user_represented(struct db *db, struct arena *a, int64_t user_id, struct choice **out)
{
	struct dbcur c;
	size_t cap = 0, n = 0;
	struct choice *items = NULL;
	if (db_query(db, &c, &Q_REPRESENTED, DB_ARGS(DB_INT(user_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		items = arena_grow(a, items, n, &cap, sizeof(*items));
		const char *name = arena_strdup(a, db_col_text(&c, 1));
		items[n++] = (struct choice){arena_strdup(a, db_col_text(&c, 0)), name, name,
		                             db_col_int(&c, 2)};
	}
	db_done(&c);
	items = arena_grow(a, items, n, &cap, sizeof(*items));
	items[n] = (struct choice){0};
	*out = items;
	return rc < 0 ? -1 : 0;
}

/* The applicant and the association's representatives follow a case; an
 * officer of its department handles it, unless they are a party to it
 * themselves (jäv, förvaltningslagen 16 §): then they follow it as a party
 * and a colleague handles it. Nobody else sees it. */
enum case_role
case_role_of(struct db *db, const struct user *u, const struct case_row *c)
{
	if (!u)
		return CASE_NONE;
	if (c->applicant_id == u->id)
		return CASE_APPLICANT;
	if (c->association_id && user_represents(db, u->id, c->association_id))
		return CASE_APPLICANT;
	if (case_officer_of(u, c))
		return CASE_OFFICER;
	return CASE_NONE;
}

/* Whether the person is an officer of the case's department. */
int
case_officer_of(const struct user *u, const struct case_row *c)
{
	return u && (u->roles & ROLE_OFFICER) && u->department_id == c->department_id;
}

/* Queues a notification in the caller's transaction: to the applicant, or
 * to the assigned officer (every officer of the department when none is).
 * It ends with the case's full address, so the reader gets there in one
 * click (after signing in). */
int
case_notify(struct db *db, const struct case_row *c, int to_officer, const char *subject,
            const char *body)
{
	struct dbcur cur;
	int rc = to_officer
	                 ? db_query(db, &cur, &Q_OFFICER_MAILS,
	                            DB_ARGS(DB_INT(c->department_id), DB_INT(c->officer_id),
	                                    DB_INT(c->applicant_id), DB_INT(c->association_id)))
	                 : db_query(db, &cur, &Q_APPLICANT_MAIL, DB_ARGS(DB_INT(c->applicant_id)));
	if (rc != DB_OK)
		return rc;
	char *to[16];
	int n = 0;
	while (db_next(&cur) > 0 && n < 16)
		to[n++] = xstrdup(db_col_text(&cur, 0));
	db_done(&cur);
	struct buf full = {0};
	buf_printf(&full, "%s\n\nÄrende %s: %s\n%s/arenden/", body, c->dnr, c->title,
	           mail_base_url);
	esc_url_component(&full, c->dnr, strlen(c->dnr));
	buf_putc(&full, '\n');
	for (int i = 0; i < n; i++) {
		if (rc == DB_OK)
			rc = outbox_queue(db, to[i], subject, buf_cstr(&full));
		free(to[i]);
	}
	buf_free(&full);
	return rc;
}

/* Queues one mail in the caller's transaction; the worker sends it. */
int
outbox_queue(struct db *db, const char *to, const char *subject, const char *body)
{
	return db_exec(db, &Q_OUTBOX,
	               DB_ARGS(DB_TEXT(to), DB_TEXT(subject), DB_TEXT(body), DB_INT(time(NULL))));
}

/* Makes a user a representative of an association, once. */
int
grant_representative(struct db *db, int64_t user_id, int64_t association_id)
{
	return db_exec(db, &Q_GRANT, DB_ARGS(DB_INT(user_id), DB_INT(association_id)));
}
