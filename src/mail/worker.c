/* The mail worker: a thread with its own database connection that sends
 * the outbox through an SMTP relay with libcurl. A row is claimed before it
 * is sent, so that several processes on one database never send it twice,
 * and marked sent right after the relay accepted it. A failed row is tried
 * again later, with a growing pause; a row that could only be sent by
 * letting its text into the mail's headers is refused for good. */
#include "mail/outbox.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/log.h"
#include "db/db.h"

#include <curl/curl.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <unistr.h>

enum {
	BATCH = 20,         /* rows read per look at the outbox */
	LEASE = 300,        /* seconds a claimed row is left alone by other workers */
	MARK_TRIES = 60,    /* seconds spent trying to record a sent row */
	SUBJECT_CHUNK = 39, /* bytes per encoded word: 52 base64 characters */
	QP_LINE = 76,
};

/* A refused row is never due again. */
static const int64_t NEVER = INT64_MAX;
/* Seconds to wait after the 1st, 2nd, … failure; the last repeats. */
static const int backoff[] = {5, 30, 120, 600, 1800, 3600};
/* A mail the relay has not taken within three days is given up, as mail
 * servers do with theirs: it is stale by then, and the case page has it. */
static const int64_t GIVE_UP = 3 * 86400;

static struct dbq Q_DUE = {
        "SELECT id, to_addr, subject, body, created, attempts, next_try FROM outbox "
        "WHERE sent_at IS NULL AND next_try <= $1 ORDER BY next_try, id LIMIT $2",
        NULL, 0};
static struct dbq Q_CLAIM = {"UPDATE outbox SET next_try = $2 "
                             "WHERE id = $1 AND next_try = $3 AND sent_at IS NULL RETURNING id",
                             NULL, 0};
static struct dbq Q_SENT = {"UPDATE outbox SET sent_at = $2 WHERE id = $1", NULL, 0};
static struct dbq Q_FAILED = {
        "UPDATE outbox SET attempts = attempts + 1, next_try = $2, last_error = $3 WHERE id = $1",
        NULL, 0};

struct mail {
	int64_t id, created, next_try;
	int attempts;
	char *to, *subject, *body;
};

static struct {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	atomic_int stopping;
	int running;
	struct db *db;
	char *db_url, *smtp_url, *from, *envelope_from, *domain;
	char *password; /* from --smtp-password-file, or NULL */
	CURL *curl;
} W = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* A plain address (local@domain) in printable ASCII without the characters
 * that would change a header's or an SMTP command's meaning. */
static int
address_ok(const char *a)
{
	const char *at = strchr(a, '@');
	size_t n = strlen(a);
	if (!at || at == a || !at[1] || strchr(at + 1, '@') || n > 254)
		return 0;
	for (const char *p = a; *p; p++)
		if (*p <= ' ' || *p >= 127 || strchr("<>()[],;:\\\"", *p))
			return 0;
	return 1;
}

/* Why a row must never be sent, or NULL when it may be. */
static const char *
refusal(const struct mail *m)
{
	if (strpbrk(m->to, "\r\n"))
		return "refused: the recipient address contains a line break";
	if (strpbrk(m->subject, "\r\n"))
		return "refused: the subject contains a line break";
	if (!address_ok(m->to))
		return "refused: the recipient is not a plain e-mail address";
	if (u8_check((const uint8_t *)m->subject, strlen(m->subject)))
		return "refused: the subject is not UTF-8";
	if (u8_check((const uint8_t *)m->body, strlen(m->body)))
		return "refused: the body is not UTF-8";
	return NULL;
}

/* RFC 5322 date in UTC; names spelled out so the locale cannot change them. */
static void
put_date(struct buf *b, time_t t)
{
	static const char days[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;
	gmtime_r(&t, &tm);
	buf_printf(b, "Date: %s, %02d %s %d %02d:%02d:%02d +0000\r\n", days[tm.tm_wday], tm.tm_mday,
	           months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* The subject as it is when it is short printable ASCII; otherwise as
 * RFC 2047 encoded words (UTF-8, base64), each holding whole characters,
 * one per folded line. */
static void
put_subject(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	int plain = n <= 66 && !strstr(s, "=?");
	for (size_t i = 0; i < n && plain; i++)
		plain = s[i] >= ' ' && s[i] < 127;
	buf_puts(b, "Subject:");
	if (plain || n == 0) {
		buf_printf(b, " %s\r\n", s);
		return;
	}
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	while (p < end) {
		const uint8_t *q = p;
		for (;;) {
			int len = u8_mblen(q, (size_t)(end - q));
			if (len < 1 || (q + len) - p > SUBJECT_CHUNK)
				break;
			q += len;
		}
		char b64[sodium_base64_ENCODED_LEN(SUBJECT_CHUNK, sodium_base64_VARIANT_ORIGINAL)];
		sodium_bin2base64(b64, sizeof(b64), p, (size_t)(q - p),
		                  sodium_base64_VARIANT_ORIGINAL);
		buf_printf(b, "%s=?UTF-8?B?%s?=", p == (const uint8_t *)s ? " " : "\r\n ", b64);
		p = q;
	}
	buf_puts(b, "\r\n");
}

/* The body as quoted-printable with CRLF line ends: 7-bit, no line over 76
 * characters, whatever the relay supports. */
static void
put_qp(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t col = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n' || (*p == '\r' && p[1] == '\n')) {
			p += *p == '\r';
			buf_puts(b, "\r\n");
			col = 0;
			continue;
		}
		int at_end = !p[1] || p[1] == '\n' || (p[1] == '\r' && p[2] == '\n');
		int literal = (*p >= 33 && *p <= 126 && *p != '=') ||
		              ((*p == ' ' || *p == '\t') && !at_end);
		size_t w = literal ? 1 : 3;
		if (col + w > QP_LINE - 1) {
			buf_puts(b, "=\r\n");
			col = 0;
		}
		if (literal) {
			buf_putc(b, (char)*p);
		} else {
			buf_putc(b, '=');
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
		}
		col += w;
	}
	buf_puts(b, "\r\n");
}

/* The whole message. Date and Message-ID come from the row, so a message
 * sent again after a crash is recognisably the same message. */
static void
compose(struct buf *b, const struct mail *m)
{
	put_date(b, (time_t)m->created);
	buf_printf(b, "From: %s\r\nTo: %s\r\n", W.from, m->to);
	put_subject(b, m->subject);
	buf_printf(b,
	           "Message-ID: <outbox.%lld.%lld@%s>\r\n"
	           "MIME-Version: 1.0\r\n"
	           "Content-Type: text/plain; charset=utf-8\r\n"
	           "Content-Transfer-Encoding: quoted-printable\r\n\r\n",
	           (long long)m->id, (long long)m->created, W.domain);
	put_qp(b, m->body);
}

struct upload {
	const char *p;
	size_t left;
};

/* libcurl pulls the message from memory. */
static size_t
on_read(char *dst, size_t size, size_t n, void *arg)
{
	struct upload *u = arg;
	size_t k = size * n < u->left ? size * n : u->left;
	memcpy(dst, u->p, k);
	u->p += k;
	u->left -= k;
	return k;
}

/* Gives up a transfer when the server stops, but only while the message is
 * incomplete: once all of it is out the relay may already have taken it,
 * and giving up then could send it twice. */
static int
on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
	(void)arg;
	(void)dltotal;
	(void)dlnow;
	return atomic_load(&W.stopping) && ulnow < ultotal;
}

/* Hands one message to the relay; 0 when it was accepted, else the reason
 * in err and the relay's last reply code in *code (0 when it gave none). */
static int
smtp_send(const struct mail *m, const struct buf *msg, char *err, size_t errlen, long *code)
{
	CURL *c = W.curl;
	char detail[CURL_ERROR_SIZE] = "", rcpt[300];
	struct upload u = {msg->data, msg->len};
	snprintf(rcpt, sizeof(rcpt), "<%s>", m->to);
	struct curl_slist *to = curl_slist_append(NULL, rcpt);
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, W.smtp_url);
	if (W.password)
		curl_easy_setopt(c, CURLOPT_PASSWORD, W.password);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, W.envelope_from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, to);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)msg->len);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
	CURLcode rc = curl_easy_perform(c);
	*code = 0;
	if (rc != CURLE_OK) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, code);
		snprintf(err, errlen, "%s (SMTP %ld)%s%s", curl_easy_strerror(rc), *code,
		         detail[0] ? ": " : "", detail);
	}
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, NULL);
	curl_slist_free_all(to);
	return rc == CURLE_OK ? 0 : -1;
}

/* Opens the worker's connection again after an error: a PostgreSQL server
 * that restarted leaves the old one dead. */
static void
reconnect(void)
{
	char err[512];
	db_close(W.db);
	if (db_open(W.db_url, &W.db, err, sizeof(err)) != DB_OK)
		log_msg("mail: cannot open the database: %s", err);
}

/* Records that the relay took the message. Tried for a minute, even when
 * the server is stopping, since a row left unmarked would be sent again
 * once its claim runs out. */
static void
mark_sent(const struct mail *m)
{
	for (int i = 0; i < MARK_TRIES; i++) {
		if (W.db &&
		    db_exec(W.db, &Q_SENT, DB_ARGS(DB_INT(m->id), DB_INT(time(NULL)))) == DB_OK)
			return;
		log_msg("mail: outbox %lld was sent but not yet marked: %s", (long long)m->id,
		        W.db ? db_errmsg(W.db) : "no database");
		sleep(1);
		reconnect();
	}
	log_msg("mail: outbox %lld could not be marked sent; it may be sent again",
	        (long long)m->id);
}

/* Counts a failed try and sets when the next one is due. */
static void
mark_failed(const struct mail *m, const char *why, int64_t next)
{
	log_msg("mail: outbox %lld not sent (try %d): %s", (long long)m->id, m->attempts + 1, why);
	if (db_exec(W.db, &Q_FAILED, DB_ARGS(DB_INT(m->id), DB_INT(next), DB_TEXT(why))) != DB_OK)
		log_msg("mail: outbox %lld: %s", (long long)m->id, db_errmsg(W.db));
}

/* When a failed row is tried again: never when the relay said the address
 * does not exist (RFC 5321 550, 551, 553: trying again cannot help) or the
 * mail has waited GIVE_UP; otherwise after a growing wait. Other 5xx
 * replies, such as a refused sign-in, are the relay's setup, which the
 * operator can fix, so those mails wait for it. */
static int64_t
next_try(const struct mail *m, long code, int64_t now)
{
	if (code == 550 || code == 551 || code == 553 || now - m->created >= GIVE_UP)
		return NEVER;
	int n = (int)(sizeof(backoff) / sizeof(backoff[0]));
	return now + backoff[m->attempts < n ? (m->attempts < 0 ? 0 : m->attempts) : n - 1];
}

/* Claims one row, then refuses, sends or reschedules it. */
static void
deliver(const struct mail *m)
{
	time_t now = time(NULL);
	struct dbcur cur;
	int claimed = 0;
	if (db_query(W.db, &cur, &Q_CLAIM,
	             DB_ARGS(DB_INT(m->id), DB_INT(now + LEASE), DB_INT(m->next_try))) == DB_OK)
		claimed = db_next(&cur) > 0;
	db_done(&cur);
	if (!claimed)
		return; /* another worker has it, or it was sent meanwhile */
	const char *why = refusal(m);
	if (why) {
		mark_failed(m, why, NEVER);
		return;
	}
	struct buf msg = {0};
	char err[512];
	long code;
	compose(&msg, m);
	if (smtp_send(m, &msg, err, sizeof(err), &code) == 0)
		mark_sent(m);
	else
		mark_failed(m, err, next_try(m, code, now));
	buf_free(&msg);
}

/* Sends what is due, oldest first; the number of rows looked at. */
static int
run_batch(void)
{
	struct mail rows[BATCH];
	int n = 0;
	struct dbcur cur;
	if (db_query(W.db, &cur, &Q_DUE, DB_ARGS(DB_INT(time(NULL)), DB_INT(BATCH))) != DB_OK) {
		log_msg("mail: cannot read the outbox: %s", db_errmsg(W.db));
		db_done(&cur);
		return -1;
	}
	while (n < BATCH && db_next(&cur) > 0) {
		struct mail *m = &rows[n++];
		m->id = db_col_int(&cur, 0);
		m->to = xstrdup(db_col_text(&cur, 1));
		m->subject = xstrdup(db_col_text(&cur, 2));
		m->body = xstrdup(db_col_text(&cur, 3));
		m->created = db_col_int(&cur, 4);
		m->attempts = (int)db_col_int(&cur, 5);
		m->next_try = db_col_int(&cur, 6);
	}
	db_done(&cur);
	for (int i = 0; i < n; i++) {
		if (!atomic_load(&W.stopping) && W.db)
			deliver(&rows[i]);
		free(rows[i].to);
		free(rows[i].subject);
		free(rows[i].body);
	}
	return n;
}

/* Looks at the outbox every second, at once again after a full batch,
 * until mail_worker_stop. */
static void *
worker_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&W.lock);
	while (!atomic_load(&W.stopping)) {
		pthread_mutex_unlock(&W.lock);
		if (!W.db)
			reconnect();
		int n = W.db ? run_batch() : -1;
		if (n < 0)
			reconnect();
		pthread_mutex_lock(&W.lock);
		if (n == BATCH)
			continue;
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += 1;
		while (!atomic_load(&W.stopping) &&
		       pthread_cond_timedwait(&W.wake, &W.lock, &until) == 0)
			;
	}
	pthread_mutex_unlock(&W.lock);
	return NULL;
}

/* A password from a file goes with a user name in the URL and replaces a
 * password there, which `ps` would show to every local user. */
static int
password_goes_with(const char *smtp_url)
{
	CURLU *u = curl_url();
	char *user = NULL, *pw = NULL;
	int ok = u && curl_url_set(u, CURLUPART_URL, smtp_url, 0) == CURLUE_OK &&
	         curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK && user && *user;
	if (!ok)
		fprintf(stderr, "samverka: --smtp-password-file needs the user name in --smtp "
		                "(smtp://USER@HOST:PORT)\n");
	else if (curl_url_get(u, CURLUPART_PASSWORD, &pw, 0) == CURLUE_OK && pw) {
		fprintf(stderr, "samverka: the --smtp URL holds a password too: give it in "
		                "--smtp-password-file only\n");
		ok = 0;
	}
	curl_free(user);
	curl_free(pw);
	curl_url_cleanup(u);
	return ok;
}

/* Checks the settings, opens the connection and starts the thread with
 * every signal blocked, so SIGINT and SIGTERM reach the main thread. */
int
mail_worker_start(const char *db_url, const char *smtp_url, const char *from, const char *password)
{
	char err[512];
	if (strncmp(smtp_url, "smtp://", 7) != 0 && strncmp(smtp_url, "smtps://", 8) != 0) {
		fprintf(stderr, "samverka: --smtp wants smtp://HOST:PORT or smtps://HOST:PORT\n");
		return -1;
	}
	if (password && !password_goes_with(smtp_url))
		return -1;
	if (!from || !address_ok(from)) {
		fprintf(stderr, "samverka: --mail-from wants a plain address like "
		                "noreply@example.se\n");
		return -1;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		fprintf(stderr, "samverka: libcurl cannot start\n");
		return -1;
	}
	if (db_open(db_url, &W.db, err, sizeof(err)) != DB_OK) {
		fprintf(stderr, "samverka: mail: cannot open %s: %s\n", db_url, err);
		curl_global_cleanup();
		return -1;
	}
	W.db_url = xstrdup(db_url);
	W.smtp_url = xstrdup(smtp_url);
	W.password = password ? xstrdup(password) : NULL;
	W.from = xstrdup(from);
	W.envelope_from = xmalloc(strlen(from) + 3);
	snprintf(W.envelope_from, strlen(from) + 3, "<%s>", from);
	W.domain = xstrdup(strchr(from, '@') + 1);
	W.curl = curl_easy_init();
	atomic_store(&W.stopping, 0);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&W.wake, &ca);
	pthread_condattr_destroy(&ca);
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int rc = pthread_create(&W.thread, NULL, worker_main, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		fprintf(stderr, "samverka: cannot start the mail worker\n");
		abort();
	}
	W.running = 1;
	return 0;
}

/* Wakes the thread and waits for it: a message being handed over is
 * finished first, so it is either marked sent or tried again later. */
void
mail_worker_stop(void)
{
	if (!W.running)
		return;
	pthread_mutex_lock(&W.lock);
	atomic_store(&W.stopping, 1);
	pthread_cond_signal(&W.wake);
	pthread_mutex_unlock(&W.lock);
	pthread_join(W.thread, NULL);
	W.running = 0;
	pthread_cond_destroy(&W.wake);
	curl_easy_cleanup(W.curl);
	db_close(W.db);
	W.db = NULL;
	free(W.db_url);
	free(W.smtp_url);
	if (W.password)
		sodium_memzero(W.password, strlen(W.password));
	free(W.password);
	free(W.from);
	free(W.envelope_from);
	free(W.domain);
	curl_global_cleanup();
}
