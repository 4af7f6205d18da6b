/* A representative invites another person to represent the association:
 * a link with a random token goes out by mail; the person signs in (or
 * creates an account) and accepts. Tokens are stored hashed and expire
 * after 14 days. */
#include "home/home.h"
#include "cases/case.h"
#include "home/invite.tpl.h"
#include "auth/users.h"
#include "layout/layout.h"
#include "mail/outbox.h"
#include "register/queries.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

enum { INVITE_TTL = 14 * 86400 };

static struct dbq Q_ADD = {
        "INSERT INTO invitations (association_id, email, token_hash, invited_by, created) "
        "VALUES ($1, $2, $3, $4, $5)",
        NULL, 0};
static struct dbq Q_FIND = {
        "SELECT i.id, i.association_id, a.name, i.email FROM invitations i "
        "JOIN associations a ON a.id = i.association_id WHERE i.token_hash = $1 "
        "AND i.accepted_at IS NULL AND i.created > $2",
        NULL, 0};
static struct dbq Q_ACCEPT = {"UPDATE invitations SET accepted_by = $2, accepted_at = $3 "
                              "WHERE id = $1 AND accepted_at IS NULL RETURNING id",
                              NULL, 0};

static void
token_hash(const char *token, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* POST /foreningar/{id}/bjud-in: e-post. The mail and the invitation are
 * written in one transaction; the mail's link is absolute, since a mail
 * program has no site to resolve a path against. */
void
invite_submit(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	struct assoc x;
	if (!id || !user_represents(r->db, r->user->id, id) ||
	    register_get(r->db, &r->a, id, 0, &x) <= 0) {
		req_error(r, 404);
		return;
	}
	struct form f;
	form_init(&f, r, &mine_invite_form);
	char key[24];
	snprintf(key, sizeof(key), "%lld", (long long)id);
	f.key = key; /* the association's form of Mina sidor */
	if (form_read(&f, r)) {
		my_pages_refused(r, &f);
		return;
	}
	const char *email = form_value(&f, "epost");
	char invited[EMAIL_MAX];
	email_fold(email, invited); /* the form refused longer ones */
	unsigned char raw[16];
	char token[33], hash[65];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(token, sizeof(token), raw, sizeof(raw));
	token_hash(token, hash);
	time_t now = time(NULL);
	struct buf body = {0};
	buf_printf(&body,
	           "%s har bjudit in dig att företräda %s i samverka.\n\n"
	           "Öppna länken för att tacka ja (den gäller i 14 dagar):\n%s/inbjudan/%s\n",
	           r->user->name, x.name, mail_base_url, token);
	int ok = db_begin(r->db) == DB_OK &&
	         db_exec(r->db, &Q_ADD,
	                 DB_ARGS(DB_INT(id), DB_TEXT(invited), DB_TEXT(hash), DB_INT(r->user->id),
	                         DB_INT(now))) == DB_OK &&
	         outbox_queue(r->db, invited, "Inbjudan att företräda en förening",
	                      buf_cstr(&body)) == DB_OK &&
	         db_commit(r->db) == DB_OK;
	buf_free(&body);
	if (!ok) {
		db_rollback(r->db);
		req_error(r, 500);
		return;
	}
	req_redirect(r, "/mina-sidor?inbjudan=skickad#foreningar");
}

/* The invitation named by the token in the path: 1 found and valid. An
 * invitation is for the address it was sent to: *other is set when the
 * signed-in account has another one (a forwarded or intercepted link). */
static int
find(struct req *r, int64_t *inv, int64_t *assoc, const char **name, int *other)
{
	const char *token = r->params[0];
	if (strlen(token) != 32)
		return 0;
	char hash[65];
	token_hash(token, hash);
	struct dbcur c;
	int found = 0;
	if (db_query(r->db, &c, &Q_FIND, DB_ARGS(DB_TEXT(hash), DB_INT(time(NULL) - INVITE_TTL))) ==
	            DB_OK &&
	    db_next(&c) > 0) {
		*inv = db_col_int(&c, 0);
		*assoc = db_col_int(&c, 1);
		*name = arena_strdup(&r->a, db_col_text(&c, 2));
		*other = r->user && strcmp(r->user->email, db_col_text(&c, 3)) != 0;
		found = 1;
	}
	db_done(&c);
	return found;
}

/* The invitation: what is offered, and a button to accept; to an account
 * with another address, why it cannot be accepted there. */
static void
show(struct req *r, const char *name, int other)
{
	r->p.title = r->p.english ? "Invitation" : "Inbjudan";
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_home_invite(&r->out, &r->p, csrf, name, r->params[0], other);
	layout_foot(r);
}

/* GET /inbjudan/{token} */
void
invite_page(struct req *r)
{
	int64_t inv, assoc;
	const char *name;
	int other;
	if (!find(r, &inv, &assoc, &name, &other)) {
		req_error(r, 404);
		return;
	}
	show(r, name, other);
}

/* POST /inbjudan/{token}: the signed-in person becomes a representative. */
void
invite_accept(struct req *r)
{
	int64_t inv, assoc, done;
	const char *name;
	int other;
	if (!find(r, &inv, &assoc, &name, &other)) {
		req_error(r, 404);
		return;
	}
	if (other) {
		r->status = 403;
		show(r, name, other);
		return;
	}
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = db_returning(r->db, &Q_ACCEPT,
		                  DB_ARGS(DB_INT(inv), DB_INT(r->user->id), DB_INT(time(NULL))),
		                  &done);
	if (rc == DB_OK)
		rc = grant_representative(r->db, r->user->id, assoc);
	if (rc == DB_OK)
		rc = db_commit(r->db);
	if (rc != DB_OK) {
		db_rollback(r->db);
		/* a second click accepted it a moment earlier: used, as if gone */
		req_error(r, rc == DB_NOROW ? 404 : 500);
		return;
	}
	req_redirect(r, "/mina-sidor");
}
