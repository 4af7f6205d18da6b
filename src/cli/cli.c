#include "cli/cli.h"
#include "db/migrate.h"
#include "register/rekey.h"

#include <stdio.h>
#include <string.h>

/* Parses --name value pairs and flags; positional arguments go to rest.
 * Prints help and returns 1 on --help; -1 on a wrong option. */
int
cli_parse(int argc, char **argv, const struct opt *opts, const char *help, char **rest, int *nrest)
{
	int nr = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(help, stdout);
			return 1;
		}
		if (strncmp(argv[i], "--", 2) != 0) {
			if (rest && nr < 8)
				rest[nr++] = argv[i];
			continue;
		}
		const struct opt *o = opts;
		while (o->name && strcmp(o->name, argv[i] + 2) != 0)
			o++;
		if (!o->name) {
			fprintf(stderr, "unknown option %s\n\n%s", argv[i], help);
			return -1;
		}
		if (o->flag) {
			*o->flag = 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			fprintf(stderr, "option %s needs a value\n", argv[i]);
			return -1;
		}
	}
	if (nrest)
		*nrest = nr;
	return 0;
}

/* Brings the schema up to date, and then the sort keys, which SQL cannot
 * make (register/rekey.h): every command that opens the database, so none
 * writes a key of one collator beside keys of another. Says when it made
 * keys anew (on standard output when verbose, as the migrations applied);
 * 0, or -1 on failure. */
int
cli_migrate(struct db *db, int verbose)
{
	if (db_migrate(db, verbose) != 0)
		return -1;
	int64_t n = register_rekey(db);
	if (n < 0) {
		fprintf(stderr, "samverka: cannot make the sort keys anew: %s\n", db_errmsg(db));
		return -1;
	}
	if (n > 0)
		fprintf(verbose ? stdout : stderr,
		        "sort keys: %lld associations keyed anew by ICU's Swedish collation\n",
		        (long long)n);
	return 0;
}

/* Opens the database and brings its schema up to date. */
struct db *
cli_open_db(const char *url)
{
	struct db *db;
	char err[512];
	if (db_open(url, &db, err, sizeof(err)) != DB_OK) {
		fprintf(stderr, "samverka: cannot open %s: %s\n", url, err);
		return NULL;
	}
	if (cli_migrate(db, 0) != 0) {
		db_close(db);
		return NULL;
	}
	return db;
}
