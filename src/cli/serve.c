/* samverka serve / migrate / backup. */
#include "auth/access.h"
#include "auth/session.h"
#include "auth/throttle.h"
#include "cases/documents.h"
#include "cli/cli.h"
#include "grants/followup.h"
#include "http/server.h"
#include "layout/layout.h"
#include "mail/outbox.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* What a multipart body may carry besides the document: the other fields
 * and the part headers. */
enum { UPLOAD_SLACK = 64 * 1024, UPLOAD_MAX = 1024 * 1024 * 1024 };

/* Multipart bodies received at once: each holds a spool file and a
 * parser, and more than this many at a time is an attack more often than a
 * crowd. */
enum { UPLOADS_AT_ONCE = 16 };

/* Password hashing (Argon2id, 64 MiB, about 0.2 s) runs on this many
 * threads of its own, with this many sign-ins waiting at most: beyond,
 * 503 at once. One thread keeps a core for the pages on a two-core
 * machine; a sign-in waits some three seconds at most, more on a machine
 * that is busy with other work. */
enum { SLOW_THREADS = 1, SLOW_QUEUE = 16 };

/* The longest relay password we read. */
enum { SMTP_PASSWORD_MAX = 512 };

/* The documents' directory exists, private to the server, before the first
 * upload; a path that is something else stops the start. */
static int
documents_dir_ready(const char *dir)
{
	struct stat st;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		fprintf(stderr, "samverka: cannot create --files %s: %s\n", dir, strerror(errno));
		return 0;
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "samverka: --files %s is not a directory\n", dir);
		return 0;
	}
	return 1;
}

/* A quota in bytes from the command line, when it is given: a whole number
 * from 1 to UPLOAD_MAX * 1024 (a thousand largest documents). */
static int
quota_read(const char *arg, const char *name, int64_t *out)
{
	if (!arg)
		return 1;
	char *end;
	unsigned long long v = strtoull(arg, &end, 10);
	if (!*arg || *end || *arg == '-' || v < 1 || v > (unsigned long long)UPLOAD_MAX * 1024) {
		fprintf(stderr, "samverka: %s must be a number of bytes, 1 to %llu\n", name,
		        (unsigned long long)UPLOAD_MAX * 1024);
		return 0;
	}
	*out = (int64_t)v;
	return 1;
}

/* Links in mails need the site's public address. Without --base-url the
 * listen address stands in, which is right for a demo on one machine and
 * wrong behind a proxy: said once at the start when mail is sent. */
static int
mail_base_url_ready(const char *base_url, const char *listen, int sending)
{
	const char *why;
	if (base_url) {
		if (mail_base_url_set(base_url, &why) == 0)
			return 1;
		fprintf(stderr, "samverka: --base-url %s (e.g. https://samverka.kommun.se)\n", why);
		return 0;
	}
	char fallback[300];
	snprintf(fallback, sizeof(fallback), "http://%s", listen);
	if (mail_base_url_set(fallback, &why) != 0) {
		fprintf(stderr,
		        "samverka: --listen %s is no address for links in mails; "
		        "give --base-url\n",
		        listen);
		return 0;
	}
	if (sending)
		fprintf(stderr,
		        "samverka: links in mails start with %s; --base-url sets the "
		        "public address\n",
		        mail_base_url);
	return 1;
}

/* The relay's password from a file only the service can read (not the
 * command line, which `ps` shows): its first line. 1 when read. */
static int
smtp_password_read(const char *path, char out[SMTP_PASSWORD_MAX])
{
	FILE *f = fopen(path, "r");
	if (!f || !fgets(out, SMTP_PASSWORD_MAX, f)) {
		fprintf(stderr, "samverka: cannot read --smtp-password-file %s%s%s\n", path,
		        f ? "" : ": ", f ? "" : strerror(errno));
		if (f)
			fclose(f);
		return 0;
	}
	fclose(f);
	out[strcspn(out, "\r\n")] = 0;
	if (!*out) {
		fprintf(stderr, "samverka: --smtp-password-file %s is empty\n", path);
		return 0;
	}
	return 1;
}

/* What samverka does at the steps of a request that http leaves to it. */
static const struct http_app samverka_app = {
        .begin = page_init,
        .authorize = auth_authorize,
        .form_ok = auth_form_ok,
        .error_page = layout_error_page,
};

int
cmd_serve(int argc, char **argv)
{
	const char *listen = "127.0.0.1:8080", *db_url = "sqlite:samverka.db", *threads = NULL;
	const char *files = documents_dir, *max_upload = NULL, *case_quota = NULL,
	           *assoc_quota = NULL;
	const char *smtp = NULL, *mail_from = NULL, *base_url = NULL, *pw_file = NULL;
	int insecure = 0, behind_proxy = 0;
	const struct opt opts[] = {
	        {"listen", &listen, NULL},
	        {"db", &db_url, NULL},
	        {"threads", &threads, NULL},
	        {"insecure-cookies", NULL, &insecure},
	        {"behind-proxy", NULL, &behind_proxy},
	        {"files", &files, NULL},
	        {"max-upload", &max_upload, NULL},
	        {"case-quota", &case_quota, NULL},
	        {"association-quota", &assoc_quota, NULL},
	        {"smtp", &smtp, NULL},
	        {"mail-from", &mail_from, NULL},
	        {"base-url", &base_url, NULL},
	        {"smtp-password-file", &pw_file, NULL},
	        {NULL, NULL, NULL},
	};
	const char *help =
	        "usage: samverka serve [--listen HOST:PORT] [--db URL] [--threads N]\n"
	        "                      [--files DIR] [--max-upload BYTES] [--insecure-cookies]\n"
	        "                      [--case-quota BYTES] [--association-quota BYTES]\n"
	        "                      [--smtp URL --mail-from ADDR [--smtp-password-file FILE]]\n"
	        "                      [--base-url URL] [--behind-proxy]\n"
	        "  --listen   address to listen on (default 127.0.0.1:8080)\n"
	        "  --db       sqlite:PATH (default sqlite:samverka.db) or postgresql://...\n"
	        "  --threads  worker threads, one database connection each (default: cores,\n"
	        "             twice that on PostgreSQL)\n"
	        "  --files    where case documents are kept (default samverka-files)\n"
	        "  --max-upload  the largest document in bytes (default 10485760)\n"
	        "  --case-quota  the most documents a case keeps, in bytes (default 52428800)\n"
	        "  --association-quota  the most an association's cases keep together\n"
	        "             (default 209715200)\n"
	        "  --insecure-cookies  cookies without Secure, for plain HTTP on a LAN test\n"
	        "  --smtp     send the queued notifications through this relay:\n"
	        "             smtp://[USER@]HOST:PORT (STARTTLS when offered) or "
	        "smtps://...\n"
	        "  --smtp-password-file  the relay's password for USER: the file's first line\n"
	        "             (kept out of the command line, which every local user can read)\n"
	        "  --mail-from  the sender address of notifications (needed with --smtp)\n"
	        "  --base-url  the site's public address, which links in mails start with:\n"
	        "             http(s)://HOST[:PORT], e.g. https://samverka.kommun.se\n"
	        "             (default http:// and the --listen address)\n"
	        "  --behind-proxy  a proxy in front (nginx) sets X-Real-IP to the client's\n"
	        "             address, which sign-in throttling counts by (else every client\n"
	        "             is the proxy)\n";
	int rc = cli_parse(argc, argv, opts, help, NULL, NULL);
	if (rc)
		return rc > 0 ? 0 : 2;
	if (max_upload) {
		char *end;
		unsigned long long v = strtoull(max_upload, &end, 10);
		if (!*max_upload || *end || v < 1 || v > UPLOAD_MAX) {
			fprintf(stderr, "samverka: --max-upload must be 1 to %d bytes\n",
			        UPLOAD_MAX);
			return 2;
		}
		documents_max_size = (size_t)v;
	}
	if (!quota_read(case_quota, "--case-quota", &documents_case_quota) ||
	    !quota_read(assoc_quota, "--association-quota", &documents_association_quota))
		return 2;
	if (!mail_base_url_ready(base_url, listen, smtp != NULL))
		return 2;
	documents_dir = files;
	char spool[4096];
	if (!documents_dir_ready(documents_dir) ||
	    (size_t)snprintf(spool, sizeof(spool), "%s/.incoming", files) >= sizeof(spool) ||
	    !documents_dir_ready(spool))
		return 1;
	struct db *db = cli_open_db(db_url);
	if (!db)
		return 1;
	if (throttle_key_load(db) != 0) {
		fprintf(stderr, "samverka: cannot read or make the sign-in key: %s\n",
		        db_errmsg(db));
		db_close(db);
		return 1;
	}
	documents_sweep(db);
	/* a PostgreSQL thread waits on its server for every query, so twice
	 * as many keep the cores busy (docs/decisions.md) */
	int per_core = db_kind(db) == DB_PG ? 2 : 1;
	db_close(db);
	struct server_opts o = {
	        .listen = listen,
	        .db_url = db_url,
	        .threads = threads ? atoi(threads) : per_core * (int)sysconf(_SC_NPROCESSORS_ONLN),
	        .form_limit = 1024 * 1024,
	        .upload_limit = documents_max_size + UPLOAD_SLACK,
	        .spool_dir = spool,
	        .uploads_max = UPLOADS_AT_ONCE,
	        .slow_threads = SLOW_THREADS,
	        .slow_queue = SLOW_QUEUE,
	        .behind_proxy = behind_proxy,
	};
	if (o.threads < 1 || o.threads > 256) {
		fprintf(stderr, "samverka: --threads must be 1 to 256\n");
		return 2;
	}
	if (!smtp != !mail_from) {
		fprintf(stderr, "samverka: --smtp and --mail-from go together\n");
		return 2;
	}
	session_secure_cookies = !insecure;
	/* pages show times as people in the municipality read them */
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	if (pw_file && !smtp) {
		fprintf(stderr, "samverka: --smtp-password-file goes with --smtp\n");
		return 2;
	}
	char password[SMTP_PASSWORD_MAX];
	if (pw_file && !smtp_password_read(pw_file, password))
		return 2;
	rc = smtp ? mail_worker_start(db_url, smtp, mail_from, pw_file ? password : NULL) : 0;
	sodium_memzero(password, sizeof(password));
	if (rc != 0)
		return 1;
	followup_sweep_start(db_url);
	rc = server_run(&o, &samverka_app);
	followup_sweep_stop();
	if (smtp)
		mail_worker_stop();
	return rc;
}

int
cmd_migrate(int argc, char **argv)
{
	const char *db_url = "sqlite:samverka.db";
	const struct opt opts[] = {{"db", &db_url, NULL}, {NULL, NULL, NULL}};
	int rc =
	        cli_parse(argc, argv, opts,
	                  "usage: samverka migrate --db URL\n"
	                  "  applies the migrations the database does not have yet, and makes the\n"
	                  "  sort keys anew when they are not of the running collator\n",
	                  NULL, NULL);
	if (rc)
		return rc > 0 ? 0 : 2;
	struct db *db;
	char err[512];
	if (db_open(db_url, &db, err, sizeof(err)) != DB_OK) {
		fprintf(stderr, "samverka: cannot open %s: %s\n", db_url, err);
		return 1;
	}
	rc = cli_migrate(db, 1);
	db_close(db);
	return rc ? 1 : 0;
}

int
cmd_backup(int argc, char **argv)
{
	const char *db_url = "sqlite:samverka.db";
	const struct opt opts[] = {{"db", &db_url, NULL}, {NULL, NULL, NULL}};
	char *rest[8];
	int nrest;
	int rc = cli_parse(argc, argv, opts,
	                   "usage: samverka backup --db URL FILE\n"
	                   "  SQLite: a consistent online copy into FILE while the server runs.\n"
	                   "  PostgreSQL: use pg_dump.\n",
	                   rest, &nrest);
	if (rc)
		return rc > 0 ? 0 : 2;
	if (nrest != 1) {
		fprintf(stderr, "usage: samverka backup --db URL FILE\n");
		return 2;
	}
	if (access(rest[0], F_OK) == 0) {
		fprintf(stderr, "samverka: %s exists; choose a new file\n", rest[0]);
		return 1;
	}
	struct db *db;
	char err[512];
	if (db_open(db_url, &db, err, sizeof(err)) != DB_OK) {
		fprintf(stderr, "samverka: cannot open %s: %s\n", db_url, err);
		return 1;
	}
	rc = db_backup(db, rest[0]);
	if (rc != DB_OK)
		fprintf(stderr, "samverka: %s\n", db_errmsg(db));
	else
		printf("backup written to %s\n", rest[0]);
	db_close(db);
	return rc == DB_OK ? 0 : 1;
}
