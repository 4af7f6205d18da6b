/* One case: the page, and what the applicant and the officer can do. Every
 * action loads the case, checks who may act (404 for those who may not see
 * it), and writes the change, its trail entry and its mail in one
 * transaction, then redirects back to the page. */
#include "cases/pages.h"
#include "cases/case.tpl.h"
#include "cases/documents.h"
#include "cases/queries.h"
#include "http/decode.h"
#include "layout/layout.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct dbq Q_MESSAGE = {
        "INSERT INTO case_messages (case_id, author_id, author_name, from_officer, at, body) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        NULL, 0};
static struct dbq Q_MARK_READ = {"UPDATE case_messages SET read_at = $3 WHERE case_id = $1 "
                                 "AND from_officer = $2 AND read_at IS NULL",
                                 NULL, 0};
static struct dbq Q_ASSIGN = {"UPDATE cases SET officer_id = $2, updated = $3 WHERE id = $1", NULL,
                              0};
static struct dbq Q_COLLEAGUES = {
        "SELECT u.id, u.name FROM users u JOIN user_roles ur ON ur.user_id = u.id "
        "WHERE ur.role = 'officer' AND ur.department_id = $1 AND u.active = 1 ORDER BY u.name",
        NULL, 0};
static struct dbq Q_DECISION = {
        "INSERT INTO case_decisions (case_id, outcome, reasoning, decided_by, decided_by_id, "
        "decided_on, reference, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        NULL, 0};
static struct dbq Q_ACTIVATE = {
        "UPDATE associations SET active = 1, public = $2, updated = $3, last_update = $3 "
        "WHERE id = $1",
        NULL, 0};

/* The case named in the path, and the viewer's role in it; 0 when the
 * viewer may not see it (the caller answers 404). */
static int
load(struct req *r, struct case_row *c, enum case_role *role)
{
	if (r->nparams < 1 || case_load(r->db, &r->a, r->params[0], c) <= 0)
		return 0;
	*role = case_role_of(r->db, r->user, c);
	return *role != CASE_NONE;
}

static struct actor
me(struct req *r)
{
	return (struct actor){r->user->id, r->user->name};
}

/* The officers of a department, for assigning a case to a colleague. */
static struct choice *
colleagues(struct req *r, int64_t dept)
{
	size_t cap = 64, n = 0;
	struct choice *out = arena_alloc(&r->a, cap * sizeof(*out));
	struct dbcur c;
	if (db_query(r->db, &c, &Q_COLLEAGUES, DB_ARGS(DB_INT(dept))) == DB_OK)
		while (db_next(&c) > 0 && n + 1 < cap) {
			const char *name = arena_strdup(&r->a, db_col_text(&c, 1));
			out[n++] = (struct choice){"", name, name, db_col_int(&c, 0)};
		}
	db_done(&c);
	out[n] = (struct choice){0};
	return out;
}

static const struct choice no_colleagues = {0};

/* Shows the case; opening it marks the other side's messages read. */
static void
render(struct req *r, struct case_row *c, enum case_role role, const char *error)
{
	struct case_decision_row d;
	struct case_message_row *msgs;
	struct case_event_row *ev;
	struct document *docs;
	size_t nm, ne, nd;
	if (case_decision(r->db, &r->a, c->id, &d) != 0 ||
	    case_messages(r->db, &r->a, c->id, &msgs, &nm) != 0 ||
	    case_events(r->db, &r->a, c->id, &ev, &ne) != 0 ||
	    documents_list(r->db, &r->a, c->id, &docs, &nd) != 0) {
		req_error(r, 500);
		return;
	}
	db_exec(r->db, &Q_MARK_READ,
	        DB_ARGS(DB_INT(c->id), DB_INT(role == CASE_APPLICANT), DB_INT(time(NULL))));
	const char *notice = NULL;
	if (req_query(r, "klart"))
		notice = r->p.english ? "Done." : "Klart.";
	r->p.title = c->dnr;
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_cases_case(&r->out, &r->p, csrf, c, role, &d, msgs, nm, ev, ne, docs, nd, error, notice,
	               &r->form,
	               role == CASE_OFFICER ? colleagues(r, c->department_id) : &no_colleagues);
	layout_foot(r);
}

void
case_page(struct req *r)
{
	struct case_row c;
	enum case_role role;
	if (!load(r, &c, &role)) {
		req_error(r, 404);
		return;
	}
	render(r, &c, role, NULL);
}

/* Back to the case page after a change. */
static void
done(struct req *r, const struct case_row *c)
{
	char url[96];
	snprintf(url, sizeof(url), "/arenden/%s?klart=1", c->dnr);
	req_redirect(r, arena_strdup(&r->a, url));
}

/* A refused action: the page again with the reason, nothing written. */
static void
refuse(struct req *r, struct case_row *c, enum case_role role, const char *sv, const char *en)
{
	r->status = 422;
	render(r, c, role, r->p.english ? en : sv);
}

/* A required text field of at most 10 000 bytes, or NULL. */
static const char *
text_field(struct req *r, const char *name)
{
	const char *v = req_form(r, name);
	if (!v)
		return NULL;
	size_t n = strlen(v);
	int blank = 1;
	for (size_t i = 0; i < n && blank; i++)
		blank = v[i] == ' ' || v[i] == '\n' || v[i] == '\r' || v[i] == '\t';
	return blank || n > 10000 ? NULL : v;
}

/* Commits, or rolls back and answers 500. */
static int
commit(struct req *r)
{
	if (db_commit(r->db) == DB_OK)
		return 1;
	db_rollback(r->db);
	documents_discard(r);
	req_error(r, 500);
	return 0;
}

/* Ends an action's transaction: commits and goes back to the case page, or
 * rolls back (with any files the request stored) and answers 500. */
static void
finish(struct req *r, const struct case_row *c, int ok)
{
	if (!ok) {
		db_rollback(r->db);
		documents_discard(r);
		req_error(r, 500);
		return;
	}
	if (commit(r))
		done(r, c);
}

/* Writes a message in the trail, the thread and the other side's mail. */
static int
add_message(struct req *r, struct case_row *c, enum case_role role, const char *body)
{
	struct actor a = me(r);
	int officer = role == CASE_OFFICER;
	if (db_exec(r->db, &Q_MESSAGE,
	            DB_ARGS(DB_INT(c->id), DB_INT(a.id), DB_TEXT(a.name), DB_INT(officer),
	                    DB_INT(time(NULL)), DB_TEXT(body))) != DB_OK ||
	    case_event(r->db, c->id, &a, "meddelande", "") != DB_OK)
		return -1;
	return case_notify(r->db, c, !officer, "Nytt meddelande i ditt ärende",
	                   "Du har fått ett nytt meddelande. Logga in på Mina sidor för att läsa "
	                   "det.");
}

void
case_post_message(struct req *r)
{
	struct case_row c;
	enum case_role role;
	if (!load(r, &c, &role)) {
		req_error(r, 404);
		return;
	}
	const char *body = text_field(r, "meddelande");
	if (!body) {
		refuse(r, &c, role, "Skriv ett meddelande (högst 10 000 tecken).",
		       "Write a message (at most 10,000 characters).");
		return;
	}
	if (!strcmp(c.status, "avslutad") || !strcmp(c.status, "aterkallad")) {
		refuse(r, &c, role, "Ärendet är avslutat.", "The case is closed.");
		return;
	}
	finish(r, &c, db_begin(r->db) == DB_OK && add_message(r, &c, role, body) == DB_OK);
}

/* Changes status with its trail entry and the applicant's mail. */
static int
move(struct req *r, struct case_row *c, const char *to, const char *detail)
{
	struct actor a = me(r);
	if (case_set_status(r->db, c, to, &a, detail) != DB_OK)
		return -1;
	char subject[128];
	snprintf(subject, sizeof(subject), "Ditt ärende %s: %s", c->dnr, case_status_name(to, 0));
	return case_notify(r->db, c, strcmp(to, "inkommen") == 0, subject,
	                   "Status för ärendet har ändrats.");
}

/* Loads the case and checks that the viewer, in the role the action needs,
 * may move it to `to`; otherwise answers 404 or 422 and returns 0. */
static int
may_move(struct req *r, struct case_row *c, enum case_role *role, const char *to,
         enum case_role need)
{
	if (!load(r, c, role)) {
		req_error(r, 404);
		return 0;
	}
	if (*role != need || !case_transition_allowed(c->status, to, *role)) {
		refuse(r, c, *role, "Det går inte i ärendets nuvarande status.",
		       "That is not possible in the case's current status.");
		return 0;
	}
	return 1;
}

/* A status change the rules allow for this role, or a clear refusal. */
static void
transition(struct req *r, const char *to, enum case_role need, const char *detail)
{
	struct case_row c;
	enum case_role role;
	if (!may_move(r, &c, &role, to, need))
		return;
	finish(r, &c, db_begin(r->db) == DB_OK && move(r, &c, to, detail) == DB_OK);
}

/* Withdrawing cannot be undone, so the applicant confirms it (WCAG 3.3.4). */
void
case_withdraw(struct req *r)
{
	if (!req_form(r, "bekrafta")) {
		struct case_row c;
		enum case_role role;
		if (!load(r, &c, &role)) {
			req_error(r, 404);
			return;
		}
		refuse(r, &c, role, "Kryssa i rutan för att bekräfta att du vill återkalla.",
		       "Tick the box to confirm that you want to withdraw.");
		return;
	}
	transition(r, "aterkallad", CASE_APPLICANT, NULL);
}

void
case_change_status(struct req *r)
{
	const char *to = req_form(r, "till");
	if (!to || (strcmp(to, "handlaggning") != 0 && strcmp(to, "avslutad") != 0)) {
		req_error(r, 400);
		return;
	}
	transition(r, to, CASE_OFFICER, NULL);
}

/* Assigns the case to the officer who asks, or to a colleague of the same
 * department chosen by id. */
void
case_assign(struct req *r)
{
	struct case_row c;
	enum case_role role;
	if (!load(r, &c, &role)) {
		req_error(r, 404);
		return;
	}
	if (role != CASE_OFFICER) {
		req_error(r, 403);
		return;
	}
	struct actor a = me(r);
	struct actor to = a;
	const char *pick = req_form(r, "handlaggare");
	if (pick && *pick) {
		const struct choice *k = colleagues(r, c.department_id);
		while (k->name_sv && k->id != strtoll(pick, NULL, 10))
			k++;
		if (!k->name_sv) {
			refuse(r, &c, role, "Välj en handläggare på förvaltningen.",
			       "Choose a case officer of the department.");
			return;
		}
		to = (struct actor){k->id, k->name_sv};
	}
	finish(r, &c,
	       db_begin(r->db) == DB_OK &&
	               db_exec(r->db, &Q_ASSIGN,
	                       DB_ARGS(DB_INT(c.id), DB_INT(to.id), DB_INT(time(NULL)))) == DB_OK &&
	               case_event(r->db, c.id, &a, "tilldelad", to.name) == DB_OK);
}

/* The officer sends the case back with what is missing. */
void
case_request_completion(struct req *r)
{
	struct case_row c;
	enum case_role role;
	if (!may_move(r, &c, &role, "komplettering", CASE_OFFICER))
		return;
	const char *body = text_field(r, "meddelande");
	if (!body) {
		refuse(r, &c, role, "Skriv vad som behöver kompletteras.",
		       "Write what needs to be completed.");
		return;
	}
	finish(r, &c,
	       db_begin(r->db) == DB_OK && add_message(r, &c, role, body) == DB_OK &&
	               move(r, &c, "komplettering", NULL) == DB_OK);
}

/* The applicant answers a request for completion, with an optional
 * document; the case is then received again. */
void
case_complete(struct req *r)
{
	struct case_row c;
	enum case_role role;
	if (!may_move(r, &c, &role, "inkommen", CASE_APPLICANT))
		return;
	const char *body = text_field(r, "meddelande");
	if (!body) {
		refuse(r, &c, role, "Skriv ett svar.", "Write an answer.");
		return;
	}
	struct actor a = me(r);
	const char *err = NULL;
	if (db_begin(r->db) != DB_OK) {
		req_error(r, 500);
		return;
	}
	for (size_t i = 0; i < r->files.n; i++) {
		if (r->files.items[i].len == 0 ||
		    documents_store(r, &c, &r->files.items[i], "komplettering", &a, &err) == 0)
			continue;
		db_rollback(r->db);
		documents_discard(r);
		if (err)
			refuse(r, &c, role, err, err);
		else
			req_error(r, 500);
		return;
	}
	finish(r, &c,
	       add_message(r, &c, role, body) == DB_OK && move(r, &c, "inkommen", NULL) == DB_OK);
}

/* A date written YYYY-MM-DD. */
static int
date_valid(const char *s)
{
	struct tm tm = {0};
	const char *end = s ? strptime(s, "%Y-%m-%d", &tm) : NULL;
	return end && !*end && strlen(s) == 10 && tm.tm_year > 100 && tm.tm_year < 300;
}

/* Records the decision. Granting an association's registration makes it
 * active (and public if it asked to be) with the applicant as its
 * representative. */
void
case_decide(struct req *r)
{
	struct case_row c;
	enum case_role role;
	if (!may_move(r, &c, &role, "beslutad", CASE_OFFICER))
		return;
	const char *outcome = req_form(r, "utfall");
	const char *reasoning = text_field(r, "motivering");
	const char *by = text_field(r, "beslutsfattare");
	const char *date = req_form(r, "datum");
	const char *ref = text_field(r, "referens");
	if (!outcome ||
	    (strcmp(outcome, "bifall") && strcmp(outcome, "avslag") && strcmp(outcome, "delvis"))) {
		refuse(r, &c, role, "Välj bifall, delvis bifall eller avslag.",
		       "Choose granted, partly granted or refused.");
		return;
	}
	if (!reasoning || !by || !ref || strlen(by) > 200 || strlen(ref) > 200) {
		refuse(r, &c, role, "Fyll i motivering, beslutsfattare och referens.",
		       "Fill in the reasoning, who decided and the reference.");
		return;
	}
	if (!date_valid(date)) {
		refuse(r, &c, role, "Skriv beslutsdatum som ÅÅÅÅ-MM-DD.",
		       "Write the date of decision as YYYY-MM-DD.");
		return;
	}
	struct actor a = me(r);
	time_t now = time(NULL);
	if (db_begin(r->db) != DB_OK)
		goto fail;
	if (db_exec(r->db, &Q_DECISION,
	            DB_ARGS(DB_INT(c.id), DB_TEXT(outcome), DB_TEXT(reasoning), DB_TEXT(by),
	                    DB_INT(a.id), DB_TEXT(date), DB_TEXT(ref), DB_INT(now))) != DB_OK ||
	    case_event(r->db, c.id, &a, "beslut", outcome) != DB_OK ||
	    move(r, &c, "beslutad", ref) != DB_OK)
		goto fail;
	if (strcmp(c.type, "registrering") == 0 && strcmp(outcome, "avslag") != 0 &&
	    c.association_id) {
		json_t *p = json_loads(c.payload, 0, NULL);
		int public_ = p && json_is_true(json_object_get(p, "offentlig"));
		json_decref(p);
		if (db_exec(r->db, &Q_ACTIVATE,
		            DB_ARGS(DB_INT(c.association_id), DB_INT(public_), DB_INT(now))) !=
		            DB_OK ||
		    (c.applicant_id &&
		     grant_representative(r->db, c.applicant_id, c.association_id) != DB_OK))
			goto fail;
	}
	if (strcmp(c.type, "arsuppdatering") == 0 && strcmp(outcome, "avslag") != 0 &&
	    c.association_id && update_apply(r->db, &c, now) != DB_OK)
		goto fail;
	if (commit(r))
		done(r, &c);
	return;
fail:
	db_rollback(r->db);
	req_error(r, 500);
}
