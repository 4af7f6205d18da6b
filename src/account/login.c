/* Sign in and sign out. */
#include "account/login.h"
#include "base/valid.h"
#include "account/login.tpl.h"
#include "auth/password.h"
#include "auth/session.h"
#include "auth/throttle.h"
#include "auth/users.h"
#include "ui/form.h"
#include "layout/layout.h"

#include <string.h>

/* The longest address to go on to after signing in that the page carries
 * (as long as a request's address may be). */
enum { NEXT_MAX = 8 * 1024 };

static struct dbq Q_USER = {"SELECT id, password_hash FROM users WHERE email = $1 AND active = 1",
                            NULL, 0};

/* Only a local path may follow sign-in: no open redirect, and none longer
 * than an address can be, so the page never echoes a megabyte. */
static const char *
safe_next(const char *next)
{
	if (next && strlen(next) > NEXT_MAX)
		return "/mina-sidor";
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
	const char *till = r->method == M_POST ? req_form(r, "till") : req_query(r, "till");
	const char *next = safe_next(till);
	layout_form_page(r, layout_page_with(r, "/logga-in", "till", next == till ? till : NULL));
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

/* Checks the password unless the throttle asks for a wait (429 with
 * Retry-After, the password unchecked). Known and unknown accounts get the
 * same answers and the same work: the same counters, and a verification
 * against a dummy hash when there is no account. */
void
login_submit(struct req *r)
{
	struct form f;
	form_init(&f, r, &login_form_def);
	if (form_read(&f, r)) {
		refuse(r, &f, 400, NULL, NULL);
		return;
	}
	/* the address as typed goes back into the form; the counter and the
	 * lookup fold it (one too long to fold has no account) */
	const char *typed = form_value(&f, "epost");
	const char *pw = form_value(&f, "losenord");
	const char *next = safe_next(req_form(r, "till"));
	char email[EMAIL_MAX];
	int foldable = email_fold(typed, email) == 0;
	struct throttle t;
	int wait = throttle_claim(r, typed, &t);
	if (wait < 0) {
		req_fail(r, "the sign-in throttle could not be read or counted");
		return;
	}
	if (wait > 0) {
		const char *sv, *en;
		throttle_refusal(r, wait, &sv, &en);
		refuse(r, &f, 429, sv, en);
		return;
	}
	int64_t uid = 0;
	const char *hash = NULL;
	struct dbcur c;
	if (foldable) {
		if (db_query(r->db, &c, &Q_USER, DB_ARGS(DB_TEXT(email))) == DB_OK &&
		    db_next(&c) > 0) {
			uid = db_col_int(&c, 0);
			hash = arena_strdup(&r->a, db_col_text(&c, 1));
		}
		db_done(&c);
	}
	if (password_verify(hash, pw) != 0) {
		refuse(r, &f, 401, "Fel e-postadress eller lösenord.",
		       "Wrong e-mail address or password.");
		return;
	}
	throttle_passed(r, &t);
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
