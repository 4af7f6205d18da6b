/* A resident's own account: creating it, downloading what the system holds
 * about them, and deleting it (GDPR). */
#include "account/account.h"
#include "base/valid.h"
#include "home/home.h"
#include "auth/password.h"
#include "auth/session.h"
#include "auth/throttle.h"
#include "account/signup.tpl.h"
#include "auth/users.h"
#include "http/decode.h"
#include "layout/layout.h"
#include "ui/password_field.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static struct dbq Q_PROFILE = {"SELECT email, name, created FROM users WHERE id = $1", NULL, 0};
static struct dbq Q_ROLES = {
        "SELECT ur.role, coalesce(d.code, ''), coalesce(ar.name, ''), coalesce(a.name, '') "
        "FROM user_roles ur LEFT JOIN departments d ON d.id = ur.department_id "
        "LEFT JOIN areas ar ON ar.id = ur.area_id "
        "LEFT JOIN associations a ON a.id = ur.association_id WHERE ur.user_id = $1",
        NULL, 0};
static struct dbq Q_CASES = {"SELECT diarienummer, title, status, payload, created FROM cases "
                             "WHERE applicant_id = $1 ORDER BY id",
                             NULL, 0};
static struct dbq Q_MESSAGES = {
        "SELECT c.diarienummer, m.at, m.body FROM case_messages m JOIN cases c ON c.id = m.case_id "
        "WHERE m.author_id = $1 ORDER BY m.id",
        NULL, 0};
static struct dbq Q_DOCUMENTS = {
        "SELECT c.diarienummer, d.filename, d.at FROM case_documents d "
        "JOIN cases c ON c.id = d.case_id WHERE d.uploader_id = $1 ORDER BY d.id",
        NULL, 0};
/* Invitations sent to the person (those they sent are the invitees'
 * addresses, not theirs to download). */
static struct dbq Q_INVITATIONS = {
        "SELECT a.name, i.created, coalesce(i.accepted_at, 0) FROM invitations i "
        "JOIN associations a ON a.id = i.association_id "
        "WHERE lower(i.email) = (SELECT email FROM users WHERE id = $1) ORDER BY i.id",
        NULL, 0};
static struct dbq Q_MAILS = {"SELECT subject, created, coalesce(sent_at, 0) FROM outbox "
                             "WHERE lower(to_addr) = (SELECT email FROM users WHERE id = $1) "
                             "ORDER BY id",
                             NULL, 0};
static struct dbq Q_SESSIONS = {"SELECT count(*) FROM sessions WHERE user_id = $1", NULL, 0};
static struct dbq Q_DELETE = {"DELETE FROM users WHERE id = $1", NULL, 0};
/* Invitations to the person and the mail sent to them are about them, not
 * part of any case: they go with the account. */
static struct dbq Q_FORGET_INVITATIONS = {"DELETE FROM invitations WHERE lower(email) = $1", NULL,
                                          0};
static struct dbq Q_FORGET_MAIL = {"DELETE FROM outbox WHERE lower(to_addr) = $1", NULL, 0};

/* The sign-up form. */
static const struct field_def signup_fields[] = {
        {.name = "epost",
         .label_sv = "E-postadress",
         .label_en = "E-mail address",
         .type = FIELD_EMAIL,
         .required = 1,
         .max = 254,
         .autocomplete = "email",
         .missing_sv = "Skriv en e-postadress som namn@exempel.se.",
         .missing_en = "Write an e-mail address like name@example.com."},
        {.name = "namn",
         .label_sv = "Ditt namn",
         .label_en = "Your name",
         .type = FIELD_TEXT,
         .required = 1,
         .max = 200,
         .autocomplete = "name",
         .missing_sv = "Skriv ditt namn.",
         .missing_en = "Write your name."},
        NEW_PASSWORD_FIELD("losenord"),
};
static const struct form_def signup_form_def = {"skapa-konto", signup_fields, 3};

static void
render(struct req *r, const struct form *f)
{
	r->p.title = r->p.english ? "Create an account" : "Skapa konto";
	const char *csrf = req_csrf(r);
	const char *next = local_path(
	        r->method == M_POST ? req_form(r, "till") : req_query(r, "till"), "/mina-sidor");
	layout_form_page(r, layout_page_with(r, "/skapa-konto", "till", req_form(r, "till")));
	layout_head(r);
	tpl_account_signup(&r->out, &r->p, csrf, f, form_fields(f, &r->a), next);
	layout_foot(r);
}

void
signup_form(struct req *r)
{
	struct form f;
	form_init(&f, r, &signup_form_def);
	render(r, &f);
}

/* Creates the account and signs the person in; refused, the form again
 * with every reason beside its field, the address and name kept. */
void
signup_submit(struct req *r)
{
	struct form f;
	form_init(&f, r, &signup_form_def);
	if (form_read(&f, r) == 0) {
		int64_t id = 0;
		int rc = user_create(r->db, form_value(&f, "epost"), form_value(&f, "namn"),
		                     form_value(&f, "losenord"), &id);
		if (rc == DB_OK && session_start(r, id) == 0) {
			req_redirect(r, local_path(req_form(r, "till"), "/mina-sidor"));
			return;
		}
		if (rc != DB_CONSTRAINT) {
			req_error(r, 500);
			return;
		}
		form_error(&f, "epost",
		           "Det finns redan ett konto med denna adress. Logga in i stället.",
		           "There is already an account with this address. Sign in instead.");
	}
	r->status = 422;
	render(r, &f);
}

/* Adds every row of a query as an object with the given keys. */
static json_t *
rows(struct req *r, struct dbq *q, const char *const *keys, int nkeys)
{
	json_t *arr = json_array();
	struct dbcur c;
	if (db_query(r->db, &c, q, DB_ARGS(DB_INT(r->user->id))) == DB_OK)
		while (db_next(&c) > 0) {
			json_t *o = json_object();
			for (int i = 0; i < nkeys; i++)
				json_object_set_new(o, keys[i], json_string(db_col_text(&c, i)));
			json_array_append_new(arr, o);
		}
	db_done(&c);
	return arr;
}

/* Everything the system holds about the signed-in person, as JSON. */
void
account_export(struct req *r)
{
	static const char *const profile_keys[] = {"epost", "namn", "skapad"};
	static const char *const role_keys[] = {"roll", "forvaltning", "omrade", "forening"};
	static const char *const case_keys[] = {"diarienummer", "rubrik", "status", "uppgifter",
	                                        "inkom"};
	static const char *const message_keys[] = {"diarienummer", "tid", "text"};
	static const char *const document_keys[] = {"diarienummer", "filnamn", "tid"};
	static const char *const invitation_keys[] = {"forening", "skickad", "antagen"};
	static const char *const mail_keys[] = {"amne", "skapad", "skickad"};
	json_t *profile = rows(r, &Q_PROFILE, profile_keys, 3);
	json_t *o = json_object();
	json_object_set(o, "konto",
	                json_array_size(profile) ? json_array_get(profile, 0) : json_null());
	json_decref(profile);
	json_object_set_new(o, "roller", rows(r, &Q_ROLES, role_keys, 4));
	json_object_set_new(o, "arenden", rows(r, &Q_CASES, case_keys, 5));
	json_object_set_new(o, "meddelanden", rows(r, &Q_MESSAGES, message_keys, 3));
	json_object_set_new(o, "dokument", rows(r, &Q_DOCUMENTS, document_keys, 3));
	json_object_set_new(o, "inbjudningar", rows(r, &Q_INVITATIONS, invitation_keys, 3));
	json_object_set_new(o, "utskick", rows(r, &Q_MAILS, mail_keys, 3));
	json_object_set_new(
	        o, "inloggningar",
	        json_integer(db_int(r->db, &Q_SESSIONS, DB_ARGS(DB_INT(r->user->id)), 0)));
	req_header(r, "Content-Disposition", "attachment; filename=\"mina-uppgifter.json\"");
	req_json(r, o, JSON_INDENT(2));
}

/* Deletes the account after the person confirms with their password,
 * checked under the same throttle as signing in, so a stolen session
 * cannot guess it faster. The profile, roles, sessions, invitations to
 * them, mail to them and the account's failure counter go; what belongs
 * to a case (messages, documents, the trail) is kept, as archive law
 * requires, without the link to the account. */
void
account_delete(struct req *r)
{
	static struct dbq Q_HASH = {"SELECT password_hash FROM users WHERE id = $1", NULL, 0};
	struct dbcur c;
	char *hash = NULL;
	if (db_query(r->db, &c, &Q_HASH, DB_ARGS(DB_INT(r->user->id))) == DB_OK && db_next(&c) > 0)
		hash = arena_strdup(&r->a, db_col_text(&c, 0));
	db_done(&c);
	struct form f;
	form_init(&f, r, &mine_delete_form);
	int wait = 0;
	if (!form_read(&f, r)) {
		struct throttle t;
		wait = throttle_claim(r, r->user->email, &t);
		if (wait < 0) {
			req_fail(r, "the password throttle could not be read or counted");
			return;
		}
		const char *sv, *en;
		if (wait > 0) {
			throttle_refusal(r, wait, &sv, &en);
			form_error(&f, "losenord", sv, en);
		} else if (!hash || password_verify(hash, form_value(&f, "losenord")) != 0) {
			form_error(&f, "losenord", "Fel lösenord: kontot raderades inte.",
			           "Wrong password: the account was not deleted.");
		} else {
			throttle_passed(r, &t);
		}
	}
	if (f.nerrors) {
		my_pages_refused(r, &f);
		if (wait > 0)
			r->status = 429; /* the page says how long to wait */
		return;
	}
	if (db_begin(r->db) != DB_OK ||
	    db_exec(r->db, &Q_FORGET_INVITATIONS, DB_ARGS(DB_TEXT(r->user->email))) != DB_OK ||
	    db_exec(r->db, &Q_FORGET_MAIL, DB_ARGS(DB_TEXT(r->user->email))) != DB_OK ||
	    db_exec(r->db, &Q_DELETE, DB_ARGS(DB_INT(r->user->id))) != DB_OK ||
	    db_commit(r->db) != DB_OK) {
		db_rollback(r->db);
		req_error(r, 500);
		return;
	}
	session_end(r);
	req_redirect(r, "/?konto=raderat");
}
