/* samverka serve / migrate / backup. */
#include "auth/session.h"
#include "cli/cli.h"
#include "db/migrate.h"
#include "http/server.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int
cmd_serve(int argc, char **argv)
{
	const char *listen = "127.0.0.1:8080", *db_url = "sqlite:samverka.db", *threads = NULL;
	int insecure = 0;
	const struct opt opts[] = {
	        {"listen", &listen, NULL},   {"db", &db_url, NULL},
	        {"threads", &threads, NULL}, {"insecure-cookies", NULL, &insecure},
	        {NULL, NULL, NULL},
	};
	const char *help =
	        "usage: samverka serve [--listen HOST:PORT] [--db URL] [--threads N]\n"
	        "                      [--insecure-cookies]\n"
	        "  --listen   address to listen on (default 127.0.0.1:8080)\n"
	        "  --db       sqlite:PATH (default sqlite:samverka.db) or postgresql://...\n"
	        "  --threads  worker threads, one database connection each (default: cores)\n"
	        "  --insecure-cookies  cookies without Secure, for plain HTTP on a LAN test\n";
	int rc = cli_parse(argc, argv, opts, help, NULL, NULL);
	if (rc)
		return rc > 0 ? 0 : 2;
	struct db *db = cli_open_db(db_url);
	if (!db)
		return 1;
	db_close(db);
	struct server_opts o = {
	        .listen = listen,
	        .db_url = db_url,
	        .threads = threads ? atoi(threads) : (int)sysconf(_SC_NPROCESSORS_ONLN),
	        .form_limit = 1024 * 1024,
	        .upload_limit = 1024 * 1024,
	};
	if (o.threads < 1 || o.threads > 256) {
		fprintf(stderr, "samverka: --threads must be 1 to 256\n");
		return 2;
	}
	session_secure_cookies = !insecure;
	return server_run(&o);
}

int
cmd_migrate(int argc, char **argv)
{
	const char *db_url = "sqlite:samverka.db";
	const struct opt opts[] = {{"db", &db_url, NULL}, {NULL, NULL, NULL}};
	int rc = cli_parse(argc, argv, opts,
	                   "usage: samverka migrate --db URL\n"
	                   "  applies the migrations the database does not have yet\n",
	                   NULL, NULL);
	if (rc)
		return rc > 0 ? 0 : 2;
	struct db *db;
	char err[512];
	if (db_open(db_url, &db, err, sizeof(err)) != DB_OK) {
		fprintf(stderr, "samverka: cannot open %s: %s\n", db_url, err);
		return 1;
	}
	rc = db_migrate(db, 1);
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
