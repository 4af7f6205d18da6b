/* Counting failed password checks by account, client address and prefix,
 * under keyed hashes, with growing delays instead of a lock. */
#include "auth/throttle.h"
#include "base/log.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicase.h>
#include <uninorm.h>

/* Failures older than this are forgotten. */
enum { THROTTLE_WINDOW = 3600 };
/* count_attempt: another claim made one of the rows first. */
enum { RACED = -2 };

/* How a counter slows: the failures it allows without a wait, then a wait
 * after the last failure that doubles from one second up to its cap.
 *
 * An account waits at most 45 s, so its owner signs in within a minute
 * from an address of their own whatever an attacker does elsewhere, and
 * an hour holds at most 5 + 6 (1, 2 … 32 s) + 3600 / 45 = 91 checked
 * failures (ASVS 2.2.1: at most 100). An address and a prefix wait up to
 * 15 minutes: one that tries a thousand accounts gets ten checks at once,
 * 22 in its first hour and 4 an hour after (tests/unit/auth/throttle.c).
 * A prefix (an office, or a mobile operator's many users behind one /24)
 * allows more before it waits. */
static const struct throttle_rule {
	const char *kind;
	int64_t free, cap;
} rules[THROTTLE_KINDS] = {
        [THROTTLE_ACCOUNT] = {"account", 5, 45},
        [THROTTLE_ADDRESS] = {"address", 10, 900},
        [THROTTLE_PREFIX] = {"prefix", 30, 900},
};

static unsigned char secret[crypto_auth_hmacsha256_KEYBYTES];
static int secret_ready;

static struct dbq Q_KEY_MAKE = {"INSERT INTO settings (key, value) VALUES ('throttle_key', $1) "
                                "ON CONFLICT (key) DO NOTHING",
                                NULL, 0};
static struct dbq Q_KEY = {"SELECT value FROM settings WHERE key = 'throttle_key'", NULL, 0};
static struct dbq Q_READ = {"SELECT key, failures, last_at FROM login_throttle "
                            "WHERE key IN ($1, $2, $3) AND last_at >= $4",
                            NULL, 0};
/* The same inside the claim's transaction, where SQLite already holds the
 * write lock and PostgreSQL locks the rows in the claims' one order
 * (account, address, prefix), so two claims never wait for each other in
 * a circle. */
static struct dbq Q_READ_LOCKED = {"SELECT key, failures, last_at FROM login_throttle "
                                   "WHERE key IN ($1, $2, $3) AND last_at >= $4",
                                   "SELECT key, failures, last_at FROM login_throttle "
                                   "WHERE key IN ($1, $2, $3) AND last_at >= $4 "
                                   "ORDER BY kind FOR UPDATE",
                                   0};
/* Counts one attempt if the row is still as it was read ($5 failures at
 * $6, or stale): otherwise (a row another claim made meanwhile) no row
 * comes back and the attempt is read again. */
static struct dbq Q_CLAIM = {
        "INSERT INTO login_throttle (key, kind, failures, last_at) VALUES ($1, $2, 1, $3) "
        "ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN login_throttle.last_at < $4 "
        "THEN 1 ELSE login_throttle.failures + 1 END, last_at = $3 "
        "WHERE login_throttle.last_at < $4 OR "
        "(login_throttle.failures = $5 AND login_throttle.last_at = $6) RETURNING failures",
        NULL, 0};
static struct dbq Q_CLEAR = {"DELETE FROM login_throttle WHERE key = $1", NULL, 0};
static struct dbq Q_GIVE_BACK = {
        "UPDATE login_throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0", NULL,
        0};
/* PostgreSQL skips rows a claim holds, so forgetting never waits for one
 * and cannot deadlock with it. */
static struct dbq Q_FORGET = {
        "DELETE FROM login_throttle WHERE last_at < $1",
        "DELETE FROM login_throttle WHERE key IN (SELECT key FROM login_throttle "
        "WHERE last_at < $1 FOR UPDATE SKIP LOCKED)",
        0};

/* The key is random, made once for the database and kept in its settings,
 * so every process on it counts alike; two first starts at once agree on
 * the one that was stored first. */
int
throttle_key_load(struct db *db)
{
	unsigned char fresh[sizeof(secret)];
	char hex[2 * sizeof(secret) + 1];
	randombytes_buf(fresh, sizeof(fresh));
	sodium_bin2hex(hex, sizeof(hex), fresh, sizeof(fresh));
	sodium_memzero(fresh, sizeof(fresh));
	if (db_exec(db, &Q_KEY_MAKE, DB_ARGS(DB_TEXT(hex))) != DB_OK)
		return -1;
	struct dbcur c;
	size_t len = 0;
	if (db_query(db, &c, &Q_KEY, DB_NOARGS) == DB_OK && db_next(&c) > 0) {
		const char *v = db_col_text(&c, 0);
		if (sodium_hex2bin(secret, sizeof(secret), v, strlen(v), NULL, &len, NULL) != 0)
			len = 0;
	}
	db_done(&c);
	secret_ready = len == sizeof(secret);
	return secret_ready ? 0 : -1;
}

/* A counter's key: the keyed hash of its kind and its value, 128 bits in
 * hex. Without the secret the stored keys say nothing of the addresses
 * behind them, and do not match another installation's. */
static void
key_of(enum throttle_kind k, const void *value, size_t n, char out[33])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, secret, sizeof(secret));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)rules[k].kind,
	                              strlen(rules[k].kind) + 1);
	crypto_auth_hmacsha256_update(&st, value, n);
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2hex(out, 33, mac, 16);
}

/* An e-mail address as its counter knows it: without the blanks around
 * it, case folded as Unicode does and in NFC, so no spelling of one
 * account (ÅSA@, Åsa@, åsa@) escapes the count. The folded bytes go to
 * out (which is returned) when they fit, else to a malloc'd buffer. */
static uint8_t *
account_fold(const char *s, uint8_t *out, size_t *n)
{
	size_t len = strlen(s);
	while (len && strchr(" \t\r\n", s[len - 1]))
		len--;
	while (len && strchr(" \t\r\n", *s))
		s++, len--;
	uint8_t *f = u8_casefold((const uint8_t *)s, len, NULL, UNINORM_NFC, out, n);
	if (f)
		return f;
	/* not UTF-8 (the forms refuse that): A-Z folded, the rest as it is */
	*n = 0;
	for (size_t i = 0; i < len && i < 254; i++)
		out[(*n)++] = (uint8_t)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	return out;
}

/* The client address as text in one form (an IPv4 address mapped into
 * IPv6 is IPv4) and its prefix: /24 for IPv4, /64 for IPv6, a network
 * that one person or household usually has to itself. Text that is no
 * address is its own prefix. */
static void
address_prefix(const char *addr, char text[64], char prefix[64])
{
	unsigned char b[16];
	char t[INET6_ADDRSTRLEN];
	int v6 = inet_pton(AF_INET6, addr, b) == 1;
	if (v6 && IN6_IS_ADDR_V4MAPPED((const struct in6_addr *)b)) {
		memmove(b, b + 12, 4);
		v6 = 0;
	} else if (!v6 && inet_pton(AF_INET, addr, b) != 1) {
		snprintf(text, 64, "%s", addr);
		snprintf(prefix, 64, "%s", addr);
		return;
	}
	inet_ntop(v6 ? AF_INET6 : AF_INET, b, t, sizeof(t));
	snprintf(text, 64, "%s", t);
	memset(b + (v6 ? 8 : 3), 0, v6 ? 8 : 1);
	inet_ntop(v6 ? AF_INET6 : AF_INET, b, t, sizeof(t));
	snprintf(prefix, 64, "%s/%d", t, v6 ? 64 : 24);
}

/* The wait a counter asks for after its last failure. */
static int64_t
delay_after(const struct throttle_rule *rule, int64_t failures)
{
	if (failures < rule->free)
		return 0;
	int64_t shift = failures - rule->free;
	return shift >= 20 || ((int64_t)1 << shift) > rule->cap ? rule->cap : (int64_t)1 << shift;
}

/* The seconds until a counter lets the next attempt be checked. */
static int64_t
wait_for(const struct throttle_rule *rule, int64_t failures, int64_t last, int64_t now)
{
	if (failures <= 0 || last < now - THROTTLE_WINDOW)
		return 0;
	int64_t w = last + delay_after(rule, failures) - now;
	return w > 0 ? w : 0;
}

/* The three keys of an attempt. */
static void
keys(const char *account, const char *client, struct throttle *t)
{
	uint8_t buf[1024];
	size_t n = sizeof(buf);
	uint8_t *folded = account_fold(account, buf, &n);
	key_of(THROTTLE_ACCOUNT, folded, n, t->key[THROTTLE_ACCOUNT]);
	if (folded != buf)
		free(folded);
	char text[64], prefix[64];
	address_prefix(client ? client : "", text, prefix);
	key_of(THROTTLE_ADDRESS, text, strlen(text), t->key[THROTTLE_ADDRESS]);
	key_of(THROTTLE_PREFIX, prefix, strlen(prefix), t->key[THROTTLE_PREFIX]);
}

/* What the counters hold now; the wait the longest of them asks for, or
 * -1 when the database failed. */
static int64_t
read_counters(struct db *db, struct dbq *q, const struct throttle *t, int64_t now,
              int64_t failures[], int64_t last[])
{
	struct dbcur c;
	int64_t wait = 0;
	for (int k = 0; k < THROTTLE_KINDS; k++)
		failures[k] = last[k] = 0;
	if (db_query(db, &c, q,
	             DB_ARGS(DB_TEXT(t->key[0]), DB_TEXT(t->key[1]), DB_TEXT(t->key[2]),
	                     DB_INT(now - THROTTLE_WINDOW))) != DB_OK) {
		db_done(&c);
		return -1;
	}
	while (db_next(&c) > 0)
		for (int k = 0; k < THROTTLE_KINDS; k++)
			if (strcmp(db_col_text(&c, 0), t->key[k]) == 0) {
				failures[k] = db_col_int(&c, 1);
				last[k] = db_col_int(&c, 2);
				int64_t w = wait_for(&rules[k], failures[k], last[k], now);
				wait = w > wait ? w : wait;
			}
	db_done(&c);
	return wait;
}

/* Inside a transaction: reads the counters with their rows locked and,
 * when none asks for a wait, counts the attempt on all three. 0 counted,
 * > 0 the wait, RACED another claim made a row first, -1 the database
 * failed. */
static int64_t
count_attempt(struct db *db, const struct throttle *t, int64_t now)
{
	int64_t failures[THROTTLE_KINDS], last[THROTTLE_KINDS];
	int64_t wait = read_counters(db, &Q_READ_LOCKED, t, now, failures, last);
	if (wait != 0)
		return wait;
	for (int k = 0; k < THROTTLE_KINDS; k++) {
		int64_t n;
		int rc = db_returning(db, &Q_CLAIM,
		                      DB_ARGS(DB_TEXT(t->key[k]), DB_TEXT(rules[k].kind),
		                              DB_INT(now), DB_INT(now - THROTTLE_WINDOW),
		                              DB_INT(failures[k]), DB_INT(last[k])),
		                      &n);
		if (rc != DB_OK)
			return rc == DB_NOROW ? RACED : -1;
	}
	return 0;
}

/* Reads the counters, and when none asks for a wait counts the attempt
 * before the password is checked, so attempts at once (a pool of threads,
 * several processes) cannot slip past the count. The first reading takes
 * no lock, so an attempt that must wait writes nothing; old counters go
 * once an attempt is let through. */
int
throttle_claim(struct req *r, const char *account, struct throttle *t)
{
	if (!secret_ready) {
		log_msg("throttle: no key (throttle_key_load was not called)");
		return -1;
	}
	keys(account, r->client_addr, t);
	int64_t now = time(NULL), failures[THROTTLE_KINDS], last[THROTTLE_KINDS];
	int64_t wait = read_counters(r->db, &Q_READ, t, now, failures, last);
	for (int tries = 0; wait == 0; tries++) {
		if (tries == 4)
			return 1; /* claims at once won four times: a second is enough */
		if (db_begin(r->db) != DB_OK)
			return -1;
		wait = count_attempt(r->db, t, now);
		if (wait != 0) {
			db_rollback(r->db);
			wait = wait == RACED ? 0 : wait;
			continue;
		}
		if (db_commit(r->db) != DB_OK)
			return -1;
		db_exec(r->db, &Q_FORGET, DB_ARGS(DB_INT(now - THROTTLE_WINDOW)));
		return 0;
	}
	return wait < 0 ? -1 : (int)wait;
}

/* The account's failures are over; the address and its prefix keep
 * theirs but not this attempt, so an office's colleagues signing in one
 * after another never slow each other down. One row at a time, in the
 * claims' order. */
void
throttle_passed(struct req *r, const struct throttle *t)
{
	db_exec(r->db, &Q_CLEAR, DB_ARGS(DB_TEXT(t->key[THROTTLE_ACCOUNT])));
	db_exec(r->db, &Q_GIVE_BACK, DB_ARGS(DB_TEXT(t->key[THROTTLE_ADDRESS])));
	db_exec(r->db, &Q_GIVE_BACK, DB_ARGS(DB_TEXT(t->key[THROTTLE_PREFIX])));
}

/* The answer to an attempt that came too early: the status and header a
 * client can act on, and the wait in words. */
void
throttle_refusal(struct req *r, int wait, const char **sv, const char **en)
{
	char secs[16];
	snprintf(secs, sizeof(secs), "%d", wait);
	r->status = 429;
	req_header(r, "Retry-After", arena_strdup(&r->a, secs));
	char *s = arena_alloc(&r->a, 128), *e = arena_alloc(&r->a, 128);
	snprintf(s, 128, "För många misslyckade försök. Vänta %d %s och försök igen.", wait,
	         wait == 1 ? "sekund" : "sekunder");
	snprintf(e, 128, "Too many failed attempts. Wait %d %s and try again.", wait,
	         wait == 1 ? "second" : "seconds");
	*sv = s;
	*en = e;
}
