/* A preload library for bench/explain.sh: logs every SQLite statement a
 * process runs, with its bound values written in, so the query plans of a
 * page can be read without copying the SQL out of src/ (where it is built
 * at run time and would drift from any copy).
 *
 * Build: cc -shared -fPIC -O2 -o sqltrace.so sqltrace.c -ldl
 * Use:   SQLTRACE_FILE=/tmp/log LD_PRELOAD=./sqltrace.so samverka serve ... */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

static int (*real_step)(sqlite3_stmt *);
static FILE *log_file;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static _Thread_local int depth;

/* Finds the library's own sqlite3_step and opens the log, once. */
static void
setup(void)
{
	real_step = (int (*)(sqlite3_stmt *))dlsym(RTLD_NEXT, "sqlite3_step");
	const char *path = getenv("SQLTRACE_FILE");
	if (path)
		log_file = fopen(path, "a");
	if (log_file)
		setvbuf(log_file, NULL, _IOLBF, 0);
}

/* Logs a statement the first time it is stepped after a reset: one line
 * per execution, not per row. Statements SQLite runs inside another one
 * (FTS5 reading its shadow tables) are its own business and are left out.
 * stdio locks the stream, so lines from the server's threads do not mix. */
int
sqlite3_step(sqlite3_stmt *st)
{
	pthread_once(&once, setup);
	if (log_file && depth == 0 && !sqlite3_stmt_busy(st)) {
		char *sql = sqlite3_expanded_sql(st);
		if (sql)
			fprintf(log_file, "%s;\n", sql);
		sqlite3_free(sql);
	}
	depth++;
	int rc = real_step(st);
	depth--;
	return rc;
}
