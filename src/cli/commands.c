/* samverka demo / import / user. */
#include "auth/password.h"
#include "auth/users.h"
#include "cli/cli.h"
#include "demo/demo.h"
#include "register/import.h"
#include "base/arena.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int
cmd_demo(int argc, char **argv)
{
	const char *db_url = "sqlite:samverka.db", *count = NULL, *awards = NULL, *venues = NULL,
	           *bookings = NULL;
	int no_history = 0;
	const struct opt opts[] = {{"db", &db_url, NULL},
	                           {"associations", &count, NULL},
	                           {"no-history", NULL, &no_history},
	                           {"grant-awards", &awards, NULL},
	                           {"venues", &venues, NULL},
	                           {"bookings", &bookings, NULL},
	                           {NULL, NULL, NULL}};
	int rc = cli_parse(argc, argv, opts,
	                   "usage: samverka demo --db URL [--associations N] [--no-history]\n"
	                   "         [--grant-awards N] [--venues N] [--bookings M]\n"
	                   "  loads departments, areas, target groups, about 300 associations,\n"
	                   "  a demo user for every role and two years of the leisure\n"
	                   "  department's cases, then prints 'ROLE EMAIL PASSWORD' per user.\n"
	                   "  With --associations N, N generated associations (deterministic,\n"
	                   "  for benchmarks). With --no-history, instead of the two years only\n"
	                   "  the demo representative's six cases, all received now (what the\n"
	                   "  HTTP tests start from). The history has ten years of decided\n"
	                   "  grants (2016-2025, Malmö's 2018 sums); --grant-awards N makes\n"
	                   "  them about N over forty programmes (for benchmarks). The history\n"
	                   "  has Malmö-like venues booked for the school year; --venues N and\n"
	                   "  --bookings M make them N venues and M bookings in all, over two\n"
	                   "  years (for benchmarks; without the history too).\n",
	                   NULL, NULL);
	if (rc)
		return rc > 0 ? 0 : 2;
	long n = count ? strtol(count, NULL, 10) : 0;
	if (count && (n < 1 || n > 10000000)) {
		fprintf(stderr, "samverka: --associations must be 1 to 10000000\n");
		return 2;
	}
	long na = awards ? strtol(awards, NULL, 10) : 0;
	if (awards && (na < 1 || na > 10000000)) {
		fprintf(stderr, "samverka: --grant-awards must be 1 to 10000000\n");
		return 2;
	}
	long nv = venues ? strtol(venues, NULL, 10) : 0;
	if (venues && (nv < 1 || nv > 100000)) {
		fprintf(stderr, "samverka: --venues must be 1 to 100000\n");
		return 2;
	}
	long nb = bookings ? strtol(bookings, NULL, 10) : 0;
	if (bookings && (nb < 1 || nb > 100000000)) {
		fprintf(stderr, "samverka: --bookings must be 1 to 100000000\n");
		return 2;
	}
	/* bookings are made in local time, as serve shows them */
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	struct db *db = cli_open_db(db_url);
	if (!db)
		return 1;
	rc = demo_load(db, n, !no_history, na, nv, nb, stdout);
	db_close(db);
	return rc ? 1 : 0;
}

/* Reads a whole file; the import checks every row before storing any. */
static char *
read_file(const char *path, size_t *n)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, len = 0, got;
	char *d = xmalloc(cap);
	while ((got = fread(d + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap)
			d = xrealloc(d, cap *= 2);
	}
	if (f != stdin)
		fclose(f);
	*n = len;
	return d;
}

int
cmd_import(int argc, char **argv)
{
	const char *db_url = "sqlite:samverka.db";
	const struct opt opts[] = {{"db", &db_url, NULL}, {NULL, NULL, NULL}};
	const char *help =
	        "usage: samverka import foreningar --db URL FILE.csv\n"
	        "  UTF-8 CSV, comma or semicolon separated, with the header\n"
	        "  organisationsnummer,namn,form,andamal,omraden,malgrupper,epost,telefon,\n"
	        "  webbplats,grundad,medlemmar (lists in a field separated by |).\n"
	        "  Every row is checked first; if any is bad nothing is imported.\n"
	        "  A known organisationsnummer updates that association.\n";
	char *rest[8];
	int nrest;
	int rc = cli_parse(argc, argv, opts, help, rest, &nrest);
	if (rc)
		return rc > 0 ? 0 : 2;
	if (nrest != 2 || strcmp(rest[0], "foreningar") != 0) {
		fputs(help, stderr);
		return 2;
	}
	size_t n;
	char *data = read_file(rest[1], &n);
	if (!data) {
		fprintf(stderr, "samverka: cannot read %s\n", rest[1]);
		return 1;
	}
	struct db *db = cli_open_db(db_url);
	if (!db) {
		free(data);
		return 1;
	}
	struct import_result res;
	rc = register_import(db, data, n, stderr, isatty(2), &res);
	if (rc == 0)
		printf("imported %d %s (%d new, %d updated)\n", res.imported,
		       res.imported == 1 ? "association" : "associations", res.created,
		       res.updated);
	free(data);
	db_close(db);
	return rc ? 1 : 0;
}

/* The password comes from standard input, never from the command line. */
static int
read_password(char *pw, size_t n)
{
	if (isatty(0))
		fputs("password: ", stderr);
	if (!fgets(pw, (int)n, stdin))
		return -1;
	pw[strcspn(pw, "\r\n")] = 0;
	return 0;
}

int
cmd_user(int argc, char **argv)
{
	const char *db_url = "sqlite:samverka.db", *email = NULL, *name = NULL, *role = NULL,
	           *dept = NULL;
	const struct opt opts[] = {{"db", &db_url, NULL},       {"email", &email, NULL},
	                           {"name", &name, NULL},       {"role", &role, NULL},
	                           {"department", &dept, NULL}, {NULL, NULL, NULL}};
	const char *help = "usage: samverka user add --db URL --email E --name N --role ROLE\n"
	                   "                         [--department CODE]\n"
	                   "  ROLE is admin, officer, moderator, coordinator or representative;\n"
	                   "  an officer needs --department (its code, e.g. FRI).\n"
	                   "  The password (at least 10 characters) is read from standard input.\n";
	char *rest[8];
	int nrest;
	int rc = cli_parse(argc, argv, opts, help, rest, &nrest);
	if (rc)
		return rc > 0 ? 0 : 2;
	if (nrest != 1 || strcmp(rest[0], "add") != 0 || !email || !name || !role) {
		fputs(help, stderr);
		return 2;
	}
	if (!role_valid(role) || email_problem(email, 1) ||
	    (strcmp(role, "officer") == 0 && !dept)) {
		fprintf(stderr, "samverka: %s\n",
		        email_problem(email, 1)
		                ? email_problem(email, 1)
		                : "unknown role, or an officer without --department");
		return 2;
	}
	char pw[PASSWORD_MAX + 2];
	if (read_password(pw, sizeof(pw)) != 0 || !password_acceptable(pw)) {
		fprintf(stderr, "samverka: the password must be 10 to 256 characters\n");
		return 2;
	}
	struct db *db = cli_open_db(db_url);
	if (!db)
		return 1;
	int64_t dept_id = dept ? department_id(db, dept) : 0;
	int64_t id = 0;
	if (dept && !dept_id) {
		fprintf(stderr, "samverka: no department with code %s\n", dept);
		rc = 1;
	} else if (db_begin(db) != DB_OK || user_create(db, email, name, pw, &id) != DB_OK ||
	           user_grant(db, id, role, dept_id, 0, 0) != DB_OK || db_commit(db) != DB_OK) {
		fprintf(stderr, "samverka: %s\n", db_errmsg(db));
		db_rollback(db);
		rc = 1;
	} else {
		printf("user %lld added\n", (long long)id);
	}
	sodium_memzero(pw, sizeof(pw));
	db_close(db);
	return rc;
}
