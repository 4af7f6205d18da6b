/* One case: the page, and what the applicant and the officer can do. Every
 * action loads the case, checks who may act (404 for those who may not see
 * it), and writes the change, its trail entry and its mail in one
 * transaction, then redirects back to the page. */
#include "cases/pages.h"
#include "cases/action.h"
#include "cases/case.tpl.h"
#include "cases/documents.h"
#include "cases/eservice.h"
#include "cases/queries.h"
#include "http/decode.h"
#include "layout/layout.h"

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

/* The case named in the path, and the viewer's role in it: 1; 0 when the
 * viewer may not see it, or -1 when the database failed. */
static int
load(struct req *r, struct case_row *c, enum case_role *role)
{
	int rc = r->nparams < 1 ? 0 : case_load(r->db, &r->a, r->params[0], c);
	if (rc <= 0)
		return rc;
	*role = case_role_of(r->db, r->user, c);
	return *role != CASE_NONE;
}

/* The case of a page or an action, if this person may see it; anyone else
 * gets the same 404 as for a case that does not exist, so numbers do not
 * leak (a failing database, 500). */
int
case_action_load(struct req *r, struct case_row *c, enum case_role *role)
{
	int rc = load(r, c, role);
	if (rc <= 0)
		req_error(r, rc < 0 ? 500 : 404);
	return rc > 0;
}

/* The case of an action only its department's officers may take: 404 for
 * those who may not see the case, 403 for those who see it otherwise. */
int
case_officer_load(struct req *r, struct case_row *c, enum case_role *role)
{
	if (!case_action_load(r, c, role))
		return 0;
	if (*role == CASE_OFFICER)
		return 1;
	req_error(r, 403);
	return 0;
}

/* The signed-in person, as the trail names them. */
struct actor
case_actor(struct req *r)
{
	return (struct actor){r->user->id, r->user->name};
}

/* The officers of a department, for assigning a case to a colleague and
 * for the inbox's officer filter; a choice's code is the officer's id. */
struct choice *
case_colleagues(struct req *r, int64_t dept)
{
	size_t cap = 64, n = 0;
	struct choice *out = arena_alloc(&r->a, cap * sizeof(*out));
	struct dbcur c;
	if (db_query(r->db, &c, &Q_COLLEAGUES, DB_ARGS(DB_INT(dept))) == DB_OK)
		while (db_next(&c) > 0) {
			out = arena_grow(&r->a, out, n + 1, &cap, sizeof(*out));
			const char *name = arena_strdup(&r->a, db_col_text(&c, 1));
			char *code = arena_alloc(&r->a, 24);
			snprintf(code, 24, "%lld", (long long)db_col_int(&c, 0));
			out[n++] = (struct choice){code, name, name, db_col_int(&c, 0)};
		}
	db_done(&c);
	out[n] = (struct choice){0};
	return out;
}

/* Why an officer who is a party to a case cannot handle it. */
static const char JAV_SV[] = "Du är part i ärendet och får därför inte handlägga det (jäv). "
                             "En kollega på förvaltningen handlägger det.";
static const char JAV_EN[] = "You are a party to the case and so may not handle it (conflict "
                             "of interest). A colleague in the department handles it.";

/* The forms of this file. Three share the field name meddelande, so each
 * gives it an id of its own, and only the one that was sent shows what was
 * typed. */
static const struct field_def message_fields[] = {
        {.name = "meddelande",
         .label_sv = "Skriv ett meddelande",
         .label_en = "Write a message",
         .type = FIELD_TEXTAREA,
         .required = 1,
         .max = 10000,
         .missing_sv = "Skriv ett meddelande (högst 10 000 tecken).",
         .missing_en = "Write a message (at most 10,000 characters)."},
};
const struct form_def case_message_form = {"meddelande", message_fields, 1};

static const struct field_def request_fields[] = {
        {.name = "meddelande",
         .id = "komplettering",
         .label_sv = "Begär komplettering: vad saknas?",
         .label_en = "Request completion: what is missing?",
         .type = FIELD_TEXTAREA,
         .required = 1,
         .max = 10000,
         .missing_sv = "Skriv vad som behöver kompletteras (högst 10 000 tecken).",
         .missing_en = "Write what needs to be completed (at most 10,000 characters)."},
};
const struct form_def case_request_form = {"komplettering", request_fields, 1};

static const struct field_def completion_fields[] = {
        {.name = "meddelande",
         .id = "svar",
         .label_sv = "Ditt svar",
         .label_en = "Your answer",
         .type = FIELD_TEXTAREA,
         .required = 1,
         .max = 10000,
         .missing_sv = "Skriv ett svar (högst 10 000 tecken).",
         .missing_en = "Write an answer (at most 10,000 characters)."},
        {.name = "dokument",
         .id = "fil",
         .label_sv = "Dokument (PDF, bild, ODT eller DOCX)",
         .label_en = "Document (PDF, image, ODT or DOCX)",
         .type = FIELD_FILE},
};
const struct form_def case_completion_form = {"komplettera", completion_fields, 2};

/* Assigning a colleague; the colleagues are set from the database. "Assign
 * to me" posts no field at all. */
static const struct field_def assign_fields[] = {
        {.name = "handlaggare",
         .label_sv = "Tilldela en kollega",
         .label_en = "Assign to a colleague",
         .type = FIELD_SELECT,
         .required = 1,
         .invalid_sv = "Välj en handläggare på förvaltningen.",
         .invalid_en = "Choose a case officer of the department."},
};
const struct form_def case_assign_form = {"tilldela", assign_fields, 1};

/* Withdrawing cannot be undone, so the applicant confirms it (WCAG 3.3.4). */
static const struct field_def withdraw_fields[] = {
        {.name = "bekrafta",
         .label_sv = "Ja, jag vill återkalla ärendet",
         .label_en = "Yes, I want to withdraw the case",
         .type = FIELD_CHECKBOX,
         .required = 1,
         .missing_sv = "Kryssa i rutan för att bekräfta att du vill återkalla.",
         .missing_en = "Tick the box to confirm that you want to withdraw."},
};
const struct form_def case_withdraw_form = {"aterkalla", withdraw_fields, 1};

/* The status buttons: a form of no fields, for refusals about the case. */
const struct form_def case_status_form = {"status", NULL, 0};

/* The page's forms: the one that was sent keeps what was typed and its
 * errors; every other is drawn afresh, prefilled from the case. */
static void
page_forms(struct req *r, const struct case_row *c, enum case_role role, const struct form *sent,
           const char *basis, struct case_form out[CF_COUNT])
{
	const struct form_def *const defs[CF_COUNT] = {
	        [CF_MESSAGE] = &case_message_form,
	        [CF_REQUEST] = &case_request_form,
	        [CF_COMPLETION] = &case_completion_form,
	        [CF_ASSIGN] = &case_assign_form,
	        [CF_WITHDRAW] = &case_withdraw_form,
	        [CF_STATUS] = &case_status_form,
	        [CF_DECISION] = eservice_decision_form(c),
	        [CF_CONFIDENTIAL] = &case_confidential_form,
	        [CF_UPLOAD] = &case_upload_form,
	};
	for (int i = 0; i < CF_COUNT; i++) {
		struct form *f = arena_alloc(&r->a, sizeof(*f));
		if (form_sent(sent, defs[i], NULL)) {
			*f = *sent;
		} else {
			form_init(f, r, defs[i]);
			if (i == CF_ASSIGN) {
				char *id = arena_alloc(&r->a, 24);
				snprintf(id, 24, "%lld", (long long)c->officer_id);
				form_set_choices(f, "handlaggare",
				                 role == CASE_OFFICER
				                         ? case_colleagues(r, c->department_id)
				                         : NULL);
				form_set(f, "handlaggare", c->officer_id ? id : NULL);
			} else if (i == CF_DECISION && r->user) {
				form_set(f, "beslutsfattare", r->user->name);
				const struct eservice *es = eservice_of(c->type);
				if (es && es->decision_prefill && role == CASE_OFFICER)
					es->decision_prefill(r, c, f);
			} else if (i == CF_CONFIDENTIAL) {
				form_set(f, "sekretess", c->confidential ? "1" : NULL);
				form_set(f, "grund", basis);
			} else if (i == CF_UPLOAD) {
				form_set(f, "typ", "ovrigt");
			}
		}
		struct field *fields = form_fields(f, &r->a);
		/* a file field says how much of the quotas is used */
		for (int j = 0; (i == CF_UPLOAD || i == CF_COMPLETION) && j < f->def->n; j++)
			if (f->def->fields[j].type == FIELD_FILE)
				fields[j].hint = documents_usage_hint(r, c->id, c->association_id,
				                                      fields[j].hint);
		out[i] = (struct case_form){f, fields};
	}
}

/* Shows the case, with the form that was sent (NULL for none) refused;
 * opening it marks the other side's messages read. */
static void
render(struct req *r, struct case_row *c, enum case_role role, const struct form *sent)
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
	/* a write only when there is something to mark: most views have none,
	 * and on SQLite even an update of no rows takes the write lock */
	int from_officer = role == CASE_APPLICANT, unread = 0;
	for (size_t i = 0; i < nm && !unread; i++)
		unread = msgs[i].unread && msgs[i].from_officer == from_officer;
	if (unread)
		db_exec(r->db, &Q_MARK_READ,
		        DB_ARGS(DB_INT(c->id), DB_INT(from_officer), DB_INT(time(NULL))));
	const char *notice = NULL;
	if (req_query(r, "klart"))
		notice = r->p.english ? "Done." : "Klart.";
	struct buf sent_data = {0};
	eservice_show(r, &sent_data, c, role, sent);
	struct html sent_html = {
	        arena_strndup(&r->a, sent_data.data ? sent_data.data : "", sent_data.len),
	        sent_data.len};
	buf_free(&sent_data);
	const char *basis = case_confidential_basis(r, c);
	struct case_form forms[CF_COUNT];
	page_forms(r, c, role, sent, basis, forms);
	const struct case_form *refused = NULL;
	for (int i = 0; sent && i < CF_COUNT; i++)
		if (forms[i].f->def == sent->def)
			refused = &forms[i];
	r->p.title = c->dnr;
	char page[96];
	snprintf(page, sizeof(page), "/arenden/%s", c->dnr);
	layout_form_page(r, page);
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_cases_case(&r->out, &r->p, csrf, c, role, sent_html, &d, msgs, nm, ev, ne, docs, nd,
	               notice, forms, refused, basis);
	layout_foot(r);
}

void
case_page(struct req *r)
{
	struct case_row c;
	enum case_role role;
	if (case_action_load(r, &c, &role))
		render(r, &c, role, NULL);
}

/* Back to the case page after a change. */
void
case_done(struct req *r, const struct case_row *c)
{
	char url[96];
	snprintf(url, sizeof(url), "/arenden/%s?klart=1", c->dnr);
	req_redirect(r, arena_strdup(&r->a, url));
}

/* A refused action: the page again (422) with the reasons in the form that
 * was sent, beside its fields and in the summary, and what was typed kept
 * there; nothing written. */
void
case_refuse(struct req *r, struct case_row *c, enum case_role role, const struct form *f)
{
	r->status = 422;
	render(r, c, role, f);
}

/* A refusal about the case rather than a field (its status, jäv, someone
 * else was first). */
void
case_refuse_about(struct req *r, struct case_row *c, enum case_role role, struct form *f,
                  const char *sv, const char *en)
{
	form_refuse(f, sv, en);
	case_refuse(r, c, role, f);
}

/* Commits, or rolls back and answers 500. */
int
case_commit(struct req *r)
{
	if (db_commit(r->db) == DB_OK)
		return 1;
	db_rollback(r->db);
	req_error(r, 500);
	return 0;
}

/* Ends an action's transaction: commits and goes back to the case page, or
 * rolls back (the files the request stored go with the request) and
 * answers 500; or, when another person moved the case first, shows it as
 * it is now (422), with what was typed in the form that was sent. */
void
case_action_end(struct req *r, const struct case_row *c, struct form *f, int ok)
{
	if (!ok) {
		db_rollback(r->db);
		struct case_row now;
		enum case_role role;
		if (c->moved_meanwhile && load(r, &now, &role) > 0)
			case_refuse_about(
			        r, &now, role, f,
			        "Någon annan ändrade ärendet samtidigt. Så här ser det ut nu; "
			        "försök igen om det behövs.",
			        "Someone else changed the case at the same time. This is how it "
			        "looks now; try again if you need to.");
		else
			req_error(r, 500);
		return;
	}
	if (case_commit(r))
		case_done(r, c);
}

/* Writes a message in the trail, the thread and the other side's mail. */
static int
add_message(struct req *r, struct case_row *c, enum case_role role, const char *body)
{
	struct actor a = case_actor(r);
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
	struct form f;
	form_init(&f, r, &case_message_form);
	if (!case_action_load(r, &c, &role))
		return;
	if (case_closed(&c)) {
		case_refuse_about(r, &c, role, &f, "Ärendet är avslutat.", "The case is closed.");
		return;
	}
	if (form_read(&f, r)) {
		case_refuse(r, &c, role, &f);
		return;
	}
	case_action_end(r, &c, &f,
	                db_begin(r->db) == DB_OK &&
	                        add_message(r, &c, role, form_value(&f, "meddelande")) == DB_OK);
}

/* Changes status with its trail entry and the applicant's mail. */
int
case_move(struct req *r, struct case_row *c, const char *to, const char *detail)
{
	struct actor a = case_actor(r);
	int rc = case_set_status(r->db, c, to, &a, detail);
	if (rc == DB_NOROW)
		c->moved_meanwhile = 1;
	if (rc != DB_OK)
		return -1;
	char subject[128];
	snprintf(subject, sizeof(subject), "Ditt ärende %s: %s", c->dnr, case_status_name(to, 0));
	return case_notify(r->db, c, strcmp(to, "inkommen") == 0, subject,
	                   "Status för ärendet har ändrats.");
}

/* Checks that the viewer, in the role the action needs, may move the
 * loaded case to `to`; otherwise answers 422 with the reason about the
 * form f and returns 0. */
int
case_may_move_loaded(struct req *r, struct case_row *c, enum case_role role, struct form *f,
                     const char *to, enum case_role need)
{
	if (need == CASE_OFFICER && role == CASE_APPLICANT && case_officer_of(r->user, c)) {
		case_refuse_about(r, c, role, f, JAV_SV, JAV_EN);
		return 0;
	}
	if (role != need || !case_may(c, to, role)) {
		case_refuse_about(r, c, role, f, "Det går inte i ärendets nuvarande status.",
		                  "That is not possible in the case's current status.");
		return 0;
	}
	return 1;
}

/* Loads the case and checks that the viewer may move it (above);
 * otherwise answers 404 or 422 and returns 0. */
int
case_may_move(struct req *r, struct case_row *c, enum case_role *role, struct form *f,
              const char *to, enum case_role need)
{
	return case_action_load(r, c, role) && case_may_move_loaded(r, c, *role, f, to, need);
}

void
case_withdraw(struct req *r)
{
	struct case_row c;
	enum case_role role;
	struct form f;
	form_init(&f, r, &case_withdraw_form);
	if (!case_may_move(r, &c, &role, &f, "aterkallad", CASE_APPLICANT))
		return;
	if (form_read(&f, r)) {
		case_refuse(r, &c, role, &f);
		return;
	}
	case_action_end(r, &c, &f,
	                db_begin(r->db) == DB_OK && case_move(r, &c, "aterkallad", NULL) == DB_OK &&
	                        eservice_ended(r, &c) == 0);
}

/* The officer's status buttons: start handling, close the case. */
void
case_change_status(struct req *r)
{
	const char *to = req_form(r, "till");
	if (!to || (strcmp(to, "handlaggning") != 0 && strcmp(to, "avslutad") != 0)) {
		req_error(r, 400);
		return;
	}
	struct case_row c;
	enum case_role role;
	struct form f;
	form_init(&f, r, &case_status_form);
	if (!case_may_move(r, &c, &role, &f, to, CASE_OFFICER))
		return;
	case_action_end(r, &c, &f,
	                db_begin(r->db) == DB_OK && case_move(r, &c, to, NULL) == DB_OK &&
	                        (strcmp(to, "avslutad") != 0 || eservice_ended(r, &c) == 0));
}

/* Assigns the case to the officer who asks ("Assign to me" sends no
 * field), or to the colleague of the same department chosen in the form. */
void
case_assign(struct req *r)
{
	struct case_row c;
	enum case_role role;
	struct form f;
	form_init(&f, r, &case_assign_form);
	if (!case_officer_load(r, &c, &role))
		return;
	struct actor a = case_actor(r);
	struct actor to = a;
	if (req_form(r, "handlaggare")) {
		form_set_choices(&f, "handlaggare", case_colleagues(r, c.department_id));
		if (form_read(&f, r)) {
			case_refuse(r, &c, role, &f);
			return;
		}
		const struct choice *k = form_choice(&f, "handlaggare");
		to = (struct actor){k->id, k->name_sv};
	}
	case_action_end(r, &c, &f,
	                db_begin(r->db) == DB_OK &&
	                        db_exec(r->db, &Q_ASSIGN,
	                                DB_ARGS(DB_INT(c.id), DB_INT(to.id), DB_INT(time(NULL)))) ==
	                                DB_OK &&
	                        case_event(r->db, c.id, &a, "tilldelad", to.name) == DB_OK);
}

/* The officer sends the case back with what is missing. */
void
case_request_completion(struct req *r)
{
	struct case_row c;
	enum case_role role;
	struct form f;
	form_init(&f, r, &case_request_form);
	if (!case_may_move(r, &c, &role, &f, "komplettering", CASE_OFFICER))
		return;
	if (form_read(&f, r)) {
		case_refuse(r, &c, role, &f);
		return;
	}
	case_action_end(r, &c, &f,
	                db_begin(r->db) == DB_OK &&
	                        add_message(r, &c, role, form_value(&f, "meddelande")) == DB_OK &&
	                        case_move(r, &c, "komplettering", NULL) == DB_OK);
}

/* The applicant answers a request for completion, with an optional
 * document; the case is then received again. A refused document is
 * explained beside the file field, and nothing is stored. */
void
case_complete(struct req *r)
{
	struct case_row c;
	enum case_role role;
	struct form f;
	form_init(&f, r, &case_completion_form);
	if (!case_may_move(r, &c, &role, &f, "inkommen", CASE_APPLICANT))
		return;
	if (form_read(&f, r)) {
		case_refuse(r, &c, role, &f);
		return;
	}
	if (db_begin(r->db) != DB_OK) {
		req_error(r, 500);
		return;
	}
	const struct upload *u = form_file(&f, "dokument");
	struct actor a = case_actor(r);
	const char *err = NULL;
	if (u && documents_store(r, &c, u, "komplettering", &a, &err) != 0) {
		db_rollback(r->db);
		if (!err) {
			req_error(r, 500);
			return;
		}
		form_error(&f, "dokument", err, err);
		case_refuse(r, &c, role, &f);
		return;
	}
	case_action_end(r, &c, &f,
	                add_message(r, &c, role, form_value(&f, "meddelande")) == DB_OK &&
	                        case_move(r, &c, "inkommen", NULL) == DB_OK);
}
