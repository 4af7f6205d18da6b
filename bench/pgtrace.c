/* A preload library for bench/explain.sh: logs every prepared statement a
 * process executes through libpq, with the values it was given, so that
 * the PostgreSQL plans of a page can be read for exactly the SQL and the
 * values the server sends (src/db/pg.c prepares each statement once per
 * connection under a name and executes it with text parameters).
 *
 * One line per execution: the SQL, then each value, separated by tabs;
 * tab, newline and backslash written as \t, \n and \\, NULL as \N.
 *
 * Build: cc -shared -fPIC -O2 -o pgtrace.so pgtrace.c -ldl
 * Use:   PGTRACE_FILE=/tmp/log LD_PRELOAD=./pgtrace.so samverka serve ... */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef PGresult *(*prepare_fn)(PGconn *, const char *, const char *, int, const Oid *);
typedef PGresult *(*exec_fn)(PGconn *, const char *, int, const char *const *, const int *,
                             const int *, int);

static prepare_fn real_prepare;
static exec_fn real_exec;
static FILE *log_file;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* The statements prepared so far, by name. The server names a statement
 * by its slot, the same on every connection, so one table serves all. */
enum { MAX_STMTS = 512 };
static struct {
	char *name, *sql;
} stmts[MAX_STMTS];
static int nstmts;

/* Finds libpq's own functions and opens the log, once. */
static void
setup(void)
{
	real_prepare = (prepare_fn)dlsym(RTLD_NEXT, "PQprepare");
	real_exec = (exec_fn)dlsym(RTLD_NEXT, "PQexecPrepared");
	const char *path = getenv("PGTRACE_FILE");
	if (path)
		log_file = fopen(path, "a");
	if (log_file)
		setvbuf(log_file, NULL, _IOFBF, 1 << 16);
}

/* Writes s escaped as the log's format says; the lock is held. */
static void
put_escaped(const char *s)
{
	for (; *s; s++) {
		if (*s == '\t')
			fputs("\\t", log_file);
		else if (*s == '\n')
			fputs("\\n", log_file);
		else if (*s == '\\')
			fputs("\\\\", log_file);
		else
			fputc(*s, log_file);
	}
}

/* Remembers the statement's SQL under its name (the latest wins). */
PGresult *
PQprepare(PGconn *conn, const char *name, const char *query, int nparams, const Oid *types)
{
	pthread_once(&once, setup);
	pthread_mutex_lock(&lock);
	int i = 0;
	while (i < nstmts && strcmp(stmts[i].name, name) != 0)
		i++;
	if (i == nstmts && nstmts < MAX_STMTS)
		stmts[nstmts++].name = strdup(name);
	if (i < nstmts) {
		free(stmts[i].sql);
		stmts[i].sql = strdup(query);
	}
	pthread_mutex_unlock(&lock);
	return real_prepare(conn, name, query, nparams, types);
}

/* Logs the execution (its SQL and values), then runs it. A whole line is
 * written under the lock, so lines of the server's threads do not mix. */
PGresult *
PQexecPrepared(PGconn *conn, const char *name, int n, const char *const *values, const int *lengths,
               const int *formats, int result_format)
{
	pthread_once(&once, setup);
	pthread_mutex_lock(&lock);
	for (int i = 0; log_file && i < nstmts; i++) {
		if (strcmp(stmts[i].name, name) != 0)
			continue;
		put_escaped(stmts[i].sql);
		for (int k = 0; k < n; k++) {
			fputc('\t', log_file);
			if (values[k])
				put_escaped(values[k]);
			else
				fputs("\\N", log_file);
		}
		fputc('\n', log_file);
		fflush(log_file);
		break;
	}
	pthread_mutex_unlock(&lock);
	return real_exec(conn, name, n, values, lengths, formats, result_format);
}
