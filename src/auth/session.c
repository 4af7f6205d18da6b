#include "auth/session.h"
#include "base/log.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

int session_secure_cookies = 1;

static struct dbq Q_SESSION = {
        "SELECT u.id, u.email, u.name, s.created, s.seen FROM sessions s "
        "JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1 AND u.active = 1",
        NULL, 0};
static struct dbq Q_TOUCH = {"UPDATE sessions SET seen = $2 WHERE id_hash = $1", NULL, 0};
static struct dbq Q_DELETE = {"DELETE FROM sessions WHERE id_hash = $1", NULL, 0};
static struct dbq Q_INSERT = {
        "INSERT INTO sessions (id_hash, user_id, created, seen) VALUES ($1, $2, $3, $3)", NULL, 0};
static struct dbq Q_EXPIRE = {"DELETE FROM sessions WHERE seen < $1 OR created < $2", NULL, 0};
static struct dbq Q_ROLES = {"SELECT role, coalesce(department_id, 0) FROM user_roles "
                             "WHERE user_id = $1",
                             NULL, 0};

static const char *
sid_cookie(void)
{
	return session_secure_cookies ? "__Host-sid" : "sid";
}

static const char *
csrf_cookie(void)
{
	return session_secure_cookies ? "__Host-csrf" : "csrf";
}

/* Sessions are stored by the hash of their id, so a copy of the database
 * does not hand out live sessions. */
static void
sid_hash(const char *sid, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)sid, strlen(sid), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* 128 random bits as 32 hex characters. */
static char *
random_token(struct arena *a)
{
	unsigned char raw[16];
	randombytes_buf(raw, sizeof(raw));
	char *hex = arena_alloc(a, 33);
	sodium_bin2hex(hex, 33, raw, sizeof(raw));
	return hex;
}

static void
set_cookie(struct req *r, const char *name, const char *value, int max_age)
{
	struct buf b = {0};
	buf_printf(&b, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s", name, value,
	           session_secure_cookies ? "; Secure" : "");
	if (max_age >= 0)
		buf_printf(&b, "; Max-Age=%d", max_age);
	req_header(r, "Set-Cookie", arena_strdup(&r->a, buf_cstr(&b)));
	buf_free(&b);
}

/* Reads the user's roles; an officer's department comes with the role. */
int
user_load_roles(struct req *r, struct user *u)
{
	struct dbcur c;
	if (db_query(r->db, &c, &Q_ROLES, DB_ARGS(DB_INT(u->id))) != DB_OK)
		return -1;
	while (db_next(&c) > 0) {
		const char *role = db_col_text(&c, 0);
		if (strcmp(role, "admin") == 0)
			u->roles |= ROLE_ADMIN;
		else if (strcmp(role, "officer") == 0) {
			u->roles |= ROLE_OFFICER;
			u->department_id = db_col_int(&c, 1);
		} else if (strcmp(role, "moderator") == 0)
			u->roles |= ROLE_MODERATOR;
		else if (strcmp(role, "coordinator") == 0)
			u->roles |= ROLE_COORDINATOR;
		else if (strcmp(role, "representative") == 0)
			u->roles |= ROLE_REPRESENTATIVE;
	}
	db_done(&c);
	return 0;
}

/* Finds the signed-in user from the session cookie, ending sessions that
 * were idle 30 minutes or began 12 hours ago. */
void
session_load(struct req *r)
{
	const char *sid = req_cookie(r, sid_cookie());
	if (!sid || strlen(sid) != 32)
		return;
	char h[65];
	sid_hash(sid, h);
	time_t now = time(NULL);
	struct dbcur c;
	if (db_query(r->db, &c, &Q_SESSION, DB_ARGS(DB_TEXT(h))) != DB_OK)
		return;
	struct user *u = NULL;
	int64_t created = 0, seen = 0;
	if (db_next(&c) > 0) {
		u = arena_zalloc(&r->a, sizeof(*u));
		u->id = db_col_int(&c, 0);
		u->email = arena_strdup(&r->a, db_col_text(&c, 1));
		u->name = arena_strdup(&r->a, db_col_text(&c, 2));
		created = db_col_int(&c, 3);
		seen = db_col_int(&c, 4);
	}
	db_done(&c);
	if (!u)
		return;
	if (now - seen > SESSION_IDLE || now - created > SESSION_ABSOLUTE) {
		db_exec(r->db, &Q_DELETE, DB_ARGS(DB_TEXT(h)));
		set_cookie(r, sid_cookie(), "", 0);
		return;
	}
	if (now - seen > 60)
		db_exec(r->db, &Q_TOUCH, DB_ARGS(DB_TEXT(h), DB_INT(now)));
	if (user_load_roles(r, u) != 0)
		return;
	r->user = u;
	r->p.user = u;
}

/* A new session id at every sign-in, and a new CSRF token with it. */
int
session_start(struct req *r, int64_t user_id)
{
	time_t now = time(NULL);
	db_exec(r->db, &Q_EXPIRE,
	        DB_ARGS(DB_INT(now - SESSION_IDLE), DB_INT(now - SESSION_ABSOLUTE)));
	const char *sid = random_token(&r->a);
	char h[65];
	sid_hash(sid, h);
	if (db_exec(r->db, &Q_INSERT, DB_ARGS(DB_TEXT(h), DB_INT(user_id), DB_INT(now))) != DB_OK) {
		log_msg("session: %s", db_errmsg(r->db));
		return -1;
	}
	set_cookie(r, sid_cookie(), sid, -1);
	set_cookie(r, csrf_cookie(), random_token(&r->a), -1);
	return 0;
}

/* Signs out: the session row goes, and both cookies. */
void
session_end(struct req *r)
{
	const char *sid = req_cookie(r, sid_cookie());
	if (sid) {
		char h[65];
		sid_hash(sid, h);
		db_exec(r->db, &Q_DELETE, DB_ARGS(DB_TEXT(h)));
	}
	set_cookie(r, sid_cookie(), "", 0);
	set_cookie(r, csrf_cookie(), "", 0);
	r->user = NULL;
	r->p.user = NULL;
}

/* The token forms carry: the CSRF cookie's value, made when missing
 * (double-submit, in a __Host- cookie no other site can set). */
const char *
req_csrf(struct req *r)
{
	const char *t = req_cookie(r, csrf_cookie());
	if (t && strlen(t) == 32)
		return t;
	t = random_token(&r->a);
	set_cookie(r, csrf_cookie(), t, -1);
	kv_add(&r->a, &r->cookies, csrf_cookie(), t, 32);
	return t;
}

/* An unsafe request must echo the CSRF cookie in its form (or header). */
int
csrf_ok(struct req *r)
{
	const char *c = req_cookie(r, csrf_cookie());
	const char *f = req_form(r, "csrf");
	if (!c || !f || strlen(c) != 32 || strlen(f) != 32)
		return 0;
	return sodium_memcmp(c, f, 32) == 0;
}
