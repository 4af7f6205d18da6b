/* Sign in and sign out. */
#include "account/login.h"
#include "base/valid.h"
#include "account/login.tpl.h"
#include "auth/password.h"
#include "auth/session.h"
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

static void
render(struct req *r, const char *email, const char *error)
{
	r->p.title = r->p.english ? "Sign in" : "Logga in";
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_account_login(&r->out, &r->p, csrf, email ? email : "", safe_next(req_query(r, "till")),
	                  error);
	layout_foot(r);
}

void
login_form(struct req *r)
{
	render(r, NULL, NULL);
}

/* Checks the password; at most 20 failures per account and hour, with the
 * same answer and the same work whether the account exists or not. */
void
login_submit(struct req *r)
{
	const char *email = req_form(r, "epost");
	/* the address as typed goes back into the form; the lookup is by lower case */
	const char *pw = req_form(r, "losenord");
	const char *next = safe_next(req_form(r, "till"));
	time_t now = time(NULL);
	if (!email || !pw || !*email || !*pw) {
		r->status = 400;
		render(r, email,
		       r->p.english ? "Enter your e-mail address and password."
		                    : "Fyll i e-postadress och lösenord.");
		return;
	}
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
		r->status = 429;
		render(r, email,
		       r->p.english ? "Too many failed attempts. Try again in an hour."
		                    : "För många misslyckade försök. Försök igen om en timme.");
		return;
	}
	if (!ok) {
		db_exec(r->db, &Q_FAIL, DB_ARGS(DB_TEXT(email), DB_INT(now)));
		r->status = 401;
		render(r, email,
		       r->p.english ? "Wrong e-mail address or password."
		                    : "Fel e-postadress eller lösenord.");
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
