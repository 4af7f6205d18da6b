/* The generations (meta rows 'generation…') as this process last read
 * them, kept until a write may have been committed.
 *
 * Every cache hit and every fresh register page needs its domain's
 * generation, and reading it was a statement each time: on SQLite a read
 * transaction (two fcntl locks, an fstat, 7 500 instructions, half of a
 * cache hit's own work), on PostgreSQL a round trip to the server. The rows
 * change only when a write commits, so the process keeps what it read with
 * a note of how the database looked then, and reads again when that
 * changed (decisions.md, "The generations are read again only after a
 * commit"):
 * - SQLite: the WAL index header at the start of the database's -shm file,
 *   which SQLite rewrites at every commit by any process (its change
 *   counter is part of it; the format is SQLite's documented file format);
 * - PostgreSQL: a number that this process's own committed writes bump
 *   (db.c) and that a thread listening for the notification of
 *   meta_bump_once bumps for everybody else's (pg_listen.c); while that
 *   thread is not listening nothing is kept.
 * Whatever is kept is read again after WATCH_TTL_MS anyway, a bound for a
 * change that none of these would show. */
#include "db/db_impl.h"
#include "base/arena.h"

#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum {
	WATCH_KEYS = 16,
	WATCH_KEY_MAX = 40,
	WATCH_TTL_MS = 1000,
	WAL_HEADER_WORDS = 12, /* the first copy of the 48-byte WAL index header */
	WAL_SHM_MIN = 136,     /* both header copies and the checkpoint information */
};

/* How the database looked when the generations were read. */
struct snapshot {
	uint64_t local;
	uint32_t wal[WAL_HEADER_WORDS];
};

struct db_watch {
	struct db_watch *next;
	char *url;
	enum db_kind kind;
	atomic_uint_fast64_t local; /* this process's committed writes, notifications */
	atomic_int listening;       /* PostgreSQL: notifications arrive */
	atomic_flag listener;       /* PostgreSQL: the listening thread was started */
	const uint32_t *wal;        /* SQLite: the mapped -shm file's first page */
	void *keeper;               /* SQLite: the connection that keeps -shm in place */
	int shm_fd;                 /* SQLite: -shm, open for good (see wal_map) */
	pthread_mutex_t mu;         /* the rest */
	int valid, n;
	struct snapshot seen;
	int64_t read_ms;
	char keys[WATCH_KEYS][WATCH_KEY_MAX];
	int64_t vals[WATCH_KEYS];
};

/* SQLite truncates the -shm file when a connection opens the database and
 * no other process has it open, which would make a mapping of it fault:
 * a connection of the watch's own, opened once for the life of the process
 * and having read once, keeps it open (and in place) meanwhile. Then the
 * file's first page is mapped read-only. The descriptor is never closed:
 * closing any descriptor of a file drops every lock the process holds on
 * it (POSIX), SQLite's own on -shm among them, and a process that then
 * opens the database finds nobody and truncates the file under everyone's
 * mapping (SIGBUS in SQLite itself). NULL where there is nothing to map
 * (no WAL, an in-memory database). */
static const uint32_t *
wal_map(const char *path, void **keeper, int *fd)
{
	*fd = -1;
	if (!path[0] || strcmp(path, ":memory:") == 0 || strncmp(path, "file:", 5) == 0)
		return NULL;
	sqlite3 *conn;
	if (sqlite3_open_v2(path, &conn, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
	            SQLITE_OK ||
	    sqlite3_exec(conn, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) !=
	            SQLITE_OK) {
		sqlite3_close(conn);
		return NULL;
	}
	*keeper = conn;
	char shm[4096];
	snprintf(shm, sizeof(shm), "%s-shm", path);
	*fd = open(shm, O_RDONLY | O_CLOEXEC);
	struct stat st;
	void *p = MAP_FAILED;
	if (*fd >= 0 && fstat(*fd, &st) == 0 && st.st_size >= WAL_SHM_MIN)
		p = mmap(NULL, WAL_SHM_MIN, PROT_READ, MAP_SHARED, *fd, 0);
	return p == MAP_FAILED ? NULL : p;
}

/* The watch of a database, one per URL for the process, made at its first
 * connection and kept to the end. */
struct db_watch *
watch_of(enum db_kind kind, const char *url)
{
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	static struct db_watch *all;
	pthread_mutex_lock(&mu);
	struct db_watch *w = all;
	while (w && strcmp(w->url, url) != 0)
		w = w->next;
	if (!w) {
		w = xcalloc(1, sizeof(*w));
		w->url = xstrdup(url);
		w->kind = kind;
		pthread_mutex_init(&w->mu, NULL);
		atomic_flag_clear(&w->listener);
		if (kind == DB_SQLITE) {
			w->wal = wal_map(url + strlen("sqlite:"), &w->keeper, &w->shm_fd);
			atomic_store(&w->listening, w->wal != NULL);
		}
		w->next = all;
		all = w;
	}
	pthread_mutex_unlock(&mu);
	return w;
}

/* After a committed write, or a notification of one. */
void
watch_bump(struct db_watch *w)
{
	if (w)
		atomic_fetch_add(&w->local, 1);
}

/* PostgreSQL's listener says whether notifications reach it. */
void
watch_listening(struct db_watch *w, int on)
{
	atomic_store(&w->listening, on);
}

/* How the database looks now. SQLite writes the header under its write
 * lock while we read it without one: a torn copy only differs, which costs
 * one read more, and SQLite itself never shows a reader a header older
 * than the one it wrote last. */
static void
snapshot_now(const struct db_watch *w, struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->local = atomic_load(&w->local);
	if (w->wal)
		for (int i = 0; i < WAL_HEADER_WORDS; i++)
			s->wal[i] = __atomic_load_n(&w->wal[i], __ATOMIC_ACQUIRE);
}

static int64_t
now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC_COARSE, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* One generation read from the database, the way it was always read. */
static int64_t
read_one(struct db *db, const char *key)
{
	static struct dbq Q_ONE = {"SELECT v FROM meta WHERE k = $1", NULL, 0};
	return db_int(db, &Q_ONE, DB_ARGS(DB_TEXT(key)), -1);
}

/* Every generation at once into the watch (its lock held). */
static int
read_all(struct db *db, struct db_watch *w)
{
	static struct dbq Q_ALL = {"SELECT k, v FROM meta WHERE k LIKE 'generation%'", NULL, 0};
	struct dbcur c;
	int rc = db_query(db, &c, &Q_ALL, DB_NOARGS);
	w->n = 0;
	while (rc == DB_OK && (rc = db_next(&c)) > 0) {
		const char *k = db_col_text(&c, 0);
		if (w->n < WATCH_KEYS && strlen(k) < WATCH_KEY_MAX) {
			snprintf(w->keys[w->n], WATCH_KEY_MAX, "%s", k);
			w->vals[w->n++] = db_col_int(&c, 1);
		}
		rc = DB_OK;
	}
	db_done(&c);
	return rc < 0 ? rc : DB_OK;
}

/* A kept generation, or -2 when it is not among those kept. */
static int64_t
kept(const struct db_watch *w, const char *key)
{
	for (int i = 0; i < w->n; i++)
		if (strcmp(w->keys[i], key) == 0)
			return w->vals[i];
	return -2;
}

/* db_generation's work: the kept value while the database looks as it did
 * when it was read (and for no longer than WATCH_TTL_MS); otherwise every
 * generation read again, by one thread while the others wait for it. The
 * snapshot is taken before the rows are read, so rows read after a commit
 * may be kept under a snapshot from before it, which only costs the next
 * caller a read; never the other way round. */
int64_t
watch_generation(struct db *db, const char *key)
{
	struct db_watch *w = db->watch;
	if (w && w->kind == DB_PG && !atomic_flag_test_and_set(&w->listener))
		pg_listen_start(w, w->url);
	if (!w || db->in_tx || !atomic_load(&w->listening))
		return read_one(db, key);
	struct snapshot now;
	snapshot_now(w, &now);
	int64_t t = now_ms();
	pthread_mutex_lock(&w->mu);
	if (!w->valid || memcmp(&w->seen, &now, sizeof(now)) != 0 ||
	    t - w->read_ms >= WATCH_TTL_MS) {
		w->valid = read_all(db, w) == DB_OK;
		w->seen = now;
		w->read_ms = t;
	}
	int64_t v = w->valid ? kept(w, key) : -2;
	pthread_mutex_unlock(&w->mu);
	return v == -2 ? read_one(db, key) : v;
}
