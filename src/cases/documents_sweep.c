/* What a crash leaves in the documents directory, removed at start: an
 * upload is spooled to .incoming/NAME.part as it arrives and named among
 * the documents only just before its transaction commits (documents.c),
 * so a server killed in between leaves a file without a row, and one
 * killed while a body came leaves its .part (older versions wrote
 * NAME.tmp). Several servers may share the directory and the database,
 * and one that starts must not take the files another is writing: only
 * leftovers older than SWEEP_AGE go. */
#include "cases/documents.h"
#include "base/log.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Far longer than any upload takes from its first byte to its commit. */
enum { SWEEP_AGE = 10 * 60 };

/* The directory says which database its documents belong to, so a server
 * started with the wrong --db (a new database, another installation's)
 * removes nothing. */
static const char MARKER[] = ".samverka-database";

static struct dbq Q_OWNER_NEW = {
        "INSERT INTO meta (k, v) VALUES ('documents:database', $1) ON CONFLICT (k) DO NOTHING",
        NULL, 0};
static struct dbq Q_OWNER = {"SELECT v FROM meta WHERE k = 'documents:database'", NULL, 0};
static struct dbq Q_NAMES = {"SELECT storage_name FROM case_documents", NULL, 0};

/* A file that may be a document without its row. */
struct candidate {
	char name[DOCUMENTS_NAME_HEX + 1];
	int has_row;
};

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct candidate *)a)->name, ((const struct candidate *)b)->name);
}

/* The database's own id for its documents' directory, made the first time
 * it is asked for; 0 when it cannot be read. */
static int64_t
database_id(struct db *db)
{
	uint64_t r = 0;
	if (getrandom(&r, sizeof(r), 0) != sizeof(r))
		return 0;
	int64_t id = (int64_t)(r >> 2) + 1;
	if (db_exec(db, &Q_OWNER_NEW, DB_ARGS(DB_INT(id))) != DB_OK)
		return 0;
	return db_int(db, &Q_OWNER, DB_NOARGS, 0);
}

/* Whether the directory's documents are the database's: the marker names
 * its id, or there is no marker yet and it is written now. */
static int
directory_is_ours(struct db *db, int dir)
{
	int64_t id = database_id(db);
	if (!id)
		return 0;
	char want[32], got[32] = "";
	int n = snprintf(want, sizeof(want), "%lld\n", (long long)id);
	int fd = openat(dir, MARKER, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return 0;
	ssize_t len = read(fd, got, sizeof(got) - 1);
	int ours = len == n && memcmp(got, want, (size_t)n) == 0;
	if (len == 0)
		ours = write(fd, want, (size_t)n) == n && fsync(fd) == 0;
	close(fd);
	return ours;
}

/* Whether a directory entry is a regular file last written before the
 * cutoff (a symbolic link or a directory never is). */
static int
stale(int dir, const char *name, time_t cutoff)
{
	struct stat st;
	return fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
	       st.st_mtime < cutoff;
}

static int
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n >= t && strcmp(s + n - t, tail) == 0;
}

/* Removes the stale request bodies spooled in .incoming/; their count. */
static int
sweep_incoming(int dir, time_t cutoff)
{
	int fd = openat(dir, ".incoming", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	int removed = 0;
	for (struct dirent *e; (e = readdir(d));)
		if (ends_with(e->d_name, ".part") && stale(fd, e->d_name, cutoff) &&
		    unlinkat(fd, e->d_name, 0) == 0)
			removed++;
	closedir(d);
	return removed;
}

/* Marks the candidates that have a row; -1 when the rows cannot be read,
 * and then none may go. */
static int
mark_rows(struct db *db, struct candidate *c, size_t n)
{
	struct dbcur cur;
	if (db_query(db, &cur, &Q_NAMES, DB_NOARGS) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&cur)) > 0) {
		struct candidate key = {{0}, 0};
		snprintf(key.name, sizeof(key.name), "%s", db_col_text(&cur, 0));
		struct candidate *hit = bsearch(&key, c, n, sizeof(*c), by_name);
		if (hit)
			hit->has_row = 1;
	}
	db_done(&cur);
	return rc < 0 ? -1 : 0;
}

/* At start, before any request: removes from the documents directory the
 * files without a row and the temporary files (.incoming/NAME.part,
 * NAME.tmp) last written more than SWEEP_AGE ago, and says how many in
 * the log. Nothing is removed from a directory that belongs to another
 * database, or when the rows cannot be read. */
void
documents_sweep(struct db *db)
{
	int dir = open(documents_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = dir >= 0 ? fdopendir(dir) : NULL;
	if (!d) {
		log_msg("documents: cannot read %s: %s", documents_dir, strerror(errno));
		if (dir >= 0)
			close(dir);
		return;
	}
	if (!directory_is_ours(db, dir)) {
		log_msg("documents: %s/%s names another database, or it cannot be read; "
		        "nothing removed (remove that file if the directory is this "
		        "database's)",
		        documents_dir, MARKER);
		closedir(d);
		return;
	}
	time_t cutoff = time(NULL) - SWEEP_AGE;
	size_t n = 0, cap = 64;
	struct candidate *c = xmalloc(cap * sizeof(*c));
	int temporary = 0, orphans = 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		int doc = documents_name_ok(e->d_name, len);
		int tmp = len == DOCUMENTS_NAME_HEX + 4 && ends_with(e->d_name, ".tmp") &&
		          documents_name_ok(e->d_name, DOCUMENTS_NAME_HEX);
		if ((!doc && !tmp) || !stale(dir, e->d_name, cutoff))
			continue;
		if (tmp) {
			temporary += unlinkat(dir, e->d_name, 0) == 0;
			continue;
		}
		if (n == cap)
			c = xrealloc(c, (cap *= 2) * sizeof(*c));
		memcpy(c[n].name, e->d_name, DOCUMENTS_NAME_HEX + 1);
		c[n++].has_row = 0;
	}
	temporary += sweep_incoming(dir, cutoff);
	qsort(c, n, sizeof(*c), by_name);
	if (mark_rows(db, c, n) == 0) {
		for (size_t i = 0; i < n; i++)
			orphans += !c[i].has_row && unlinkat(dir, c[i].name, 0) == 0;
	} else {
		log_msg("documents: cannot read the documents' names: %s", db_errmsg(db));
	}
	log_msg("documents: removed %d files without a row, %d temporary files", orphans,
	        temporary);
	free(c);
	closedir(d);
}
