/* Sign in and sign out. */
#include "account/login.h"
#include "base/valid.h"
#include "account/login.tpl.h"
#include "auth/password.h"
#include "auth/session.h"
#include "ui/form.h"
#include "layout/layout.h"

#include <string.h>
#include <time.h>

enum { FAILURES_PER_HOUR = 20 };

static struct dbq Q_USER = {"SELECT id, password_hash FROM users WHERE email = $1 AND active = 1",
                            NULL, 0};
static struct dbq Q_FAILURES = {"SELECT count(*) FROM login_failures WHERE email = $1 AND at > $2",
                                NULL, 0};
static struct dbq Q_FAIL = {"INSERT INTO login_failures (email, at) VALUES ($1, $2)", NULL, 0};
static struct dbq Q_FORGET = {"DELETE FROM login_failures WHERE at < $1", NULL, 0};

/* Only a local path may follow sign-in: no open redirect. */
static const char *
safe_next(const char *next)
{
	return local_path(next, "/mina-sidor");
}

/* The sign-in form. The address is checked as an address; a wrong
 * password is a refusal about the form, never about one field, so it does
 * not tell whether the account exists. */
static const struct field_def login_fields[] = {
        {.name = "epost",
         .label_sv = "E-postadress",
         .label_en = "E-mail address",
         .type = FIELD_EMAIL,
         .required = 1,
         .max = 254,
         .autocomplete = "username",
         .missing_sv = "Fyll i e-postadressen.",
         .missing_en = "Enter your e-mail address."},
        {.name = "losenord",
         .label_sv = "Lösenord",
         .label_en = "Password",
         .type = FIELD_PASSWORD,
         .required = 1,
         .max = PASSWORD_MAX,
         .autocomplete = "current-password",
         .missing_sv = "Fyll i lösenordet.",
         .missing_en = "Enter your password."},
};
static const struct form_def login_form_def = {"logga-in", login_fields, 2};

/* The form, and after a refused attempt its reasons; where to go after
 * signing in is kept through a refusal. */
static void
render(struct req *r, const struct form *f)
{
	r->p.title = r->p.english ? "Sign in" : "Logga in";
	const char *csrf = req_csrf(r);
	const char *next =
	        safe_next(r->method == M_POST ? req_form(r, "till") : req_query(r, "till"));
	layout_form_page(r, layout_page_with(r, "/logga-in", "till", req_form(r, "till")));
	layout_head(r);
	tpl_account_login(&r->out, &r->p, csrf, f, form_fields(f, &r->a), next);
	layout_foot(r);
}

void
login_form(struct req *r)
{
	struct form f;
	form_init(&f, r, &login_form_def);
	render(r, &f);
}

/* A refused sign-in: the form again with the status and the reason. */
static void
refuse(struct req *r, struct form *f, int status, const char *sv, const char *en)
{
	if (sv)
		form_refuse(f, sv, en);
	r->status = status;
	render(r, f);
}

/* Checks the password; at most 20 failures per account and hour, with the
 * same answer and the same work whether the account exists or not. */
void
login_submit(struct req *r)
{
	struct form f;
	form_init(&f, r, &login_form_def);
	if (form_read(&f, r)) {
		refuse(r, &f, 400, NULL, NULL);
		return;
	}
	/* the address as typed goes back into the form; the lookup is by lower case */
	const char *email = form_value(&f, "epost");
	const char *pw = form_value(&f, "losenord");
	const char *next = safe_next(req_form(r, "till"));
	time_t now = time(NULL);
	char *lower = arena_strdup(&r->a, email);
	for (char *c = lower; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c + 32);
	email = lower;
	db_exec(r->db, &Q_FORGET, DB_ARGS(DB_INT(now - 3600)));
	int64_t failures =
	        db_int(r->db, &Q_FAILURES, DB_ARGS(DB_TEXT(email), DB_INT(now - 3600)), 0);
	struct dbcur c;
	int64_t uid = 0;
	const char *hash = NULL;
	if (db_query(r->db, &c, &Q_USER, DB_ARGS(DB_TEXT(email))) == DB_OK && db_next(&c) > 0) {
		uid = db_col_int(&c, 0);
		hash = arena_strdup(&r->a, db_col_text(&c, 1));
	}
	db_done(&c);
	int ok = password_verify(hash, pw) == 0;
	if (failures >= FAILURES_PER_HOUR) {
		refuse(r, &f, 429, "För många misslyckade försök. Försök igen om en timme.",
		       "Too many failed attempts. Try again in an hour.");
		return;
	}
	if (!ok) {
		db_exec(r->db, &Q_FAIL, DB_ARGS(DB_TEXT(email), DB_INT(now)));
		refuse(r, &f, 401, "Fel e-postadress eller lösenord.",
		       "Wrong e-mail address or password.");
		return;
	}
	if (session_start(r, uid) != 0) {
		req_error(r, 500);
		return;
	}
	req_redirect(r, next);
}

void
logout_submit(struct req *r)
{
	session_end(r);
	req_redirect(r, "/");
}
