#include "register/queries.h"
#include "base/buf.h"
#include "base/sortkey.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* The SQL is composed from shared parts so that the list, the count and
 * the two engines' variants cannot drift apart. */
#define COLS_SQLITE                                                                                \
	"a.id, a.orgnr, a.name, a.form, a.purpose, a.email, a.phone, a.website, "                  \
	"coalesce(a.founded, 0), coalesce(a.members, 0), a.active, a.public, a.updated, "          \
	"(SELECT group_concat(name, '|') FROM (SELECT ar.name FROM association_areas x "           \
	"JOIN areas ar ON ar.id = x.area_id WHERE x.association_id = a.id ORDER BY ar.name)), "    \
	"(SELECT group_concat(name, '|') FROM (SELECT g.name_sv AS name FROM association_groups "  \
	"y JOIN target_groups g ON g.id = y.group_id WHERE y.association_id = a.id ORDER BY "      \
	"g.name_sv)), coalesce(a.last_update, 0) "
#define COLS_PG                                                                                    \
	"a.id, a.orgnr, a.name, a.form, a.purpose, a.email, a.phone, a.website, "                  \
	"coalesce(a.founded, 0), coalesce(a.members, 0), a.active, a.public, a.updated, "          \
	"(SELECT string_agg(ar.name, '|' ORDER BY ar.name) FROM association_areas x "              \
	"JOIN areas ar ON ar.id = x.area_id WHERE x.association_id = a.id), "                      \
	"(SELECT string_agg(g.name_sv, '|' ORDER BY g.name_sv) FROM association_groups y "         \
	"JOIN target_groups g ON g.id = y.group_id WHERE y.association_id = a.id), "               \
	"coalesce(a.last_update, 0) "
/* The filters a visitor can combine; each combination gets its own
 * statement, so each engine plans it with its own indexes. */
enum { F_FORM = 1, F_AREA = 2, F_GROUP = 4, F_WORDS = 8, F_COMBOS = 16 };

static struct dbq list_q[F_COMBOS], walk_q[F_COMBOS], count_q[F_COMBOS];
static pthread_once_t combos_once = PTHREAD_ONCE_INIT;

/* The WHERE clause of one combination; parameters are numbered in the
 * order of the bits, from $1. Returns the next free number. With walk, the
 * IN terms are written +a.id so that SQLite cannot drive the query from
 * them: it walks the listed associations in name order instead and stops
 * after a page of hits. */
static int
combo_where(struct buf *b, unsigned combo, int pg, int walk)
{
	int n = 1;
	const char *id = walk ? "+a.id" : "a.id";
	buf_puts(b, "FROM associations a WHERE a.public = 1 AND a.active = 1");
	if (combo & F_FORM)
		buf_printf(b, " AND a.form = $%d", n++);
	if (combo & F_AREA)
		buf_printf(b,
		           " AND %s IN (SELECT x.association_id FROM association_areas x "
		           "JOIN areas ar ON ar.id = x.area_id WHERE ar.slug = $%d)",
		           id, n++);
	if (combo & F_GROUP)
		buf_printf(b,
		           " AND %s IN (SELECT y.association_id FROM association_groups y "
		           "JOIN target_groups g ON g.id = y.group_id WHERE g.slug = $%d)",
		           id, n++);
	if (combo & F_WORDS) {
		if (pg)
			buf_printf(b, " AND a.tsv @@ to_tsquery('swedish', $%d)", n++);
		else
			buf_printf(b,
			           " AND %s IN (SELECT rowid FROM associations_fts "
			           "WHERE associations_fts MATCH $%d)",
			           id, n++);
	}
	return n;
}

/* Writes the SQL of all combinations, once per process. */
static void
combos_build(void)
{
	for (unsigned combo = 0; combo < F_COMBOS; combo++) {
		const char *sql[2][3];
		for (int pg = 0; pg < 2; pg++)
			for (int walk = 0; walk < 2; walk++) {
				struct buf l = {0};
				buf_puts(&l, "SELECT ");
				buf_puts(&l, pg ? COLS_PG : COLS_SQLITE);
				int n = combo_where(&l, combo, pg, walk && !pg);
				buf_printf(&l, " ORDER BY a.sort_key, a.id LIMIT %d OFFSET $%d",
				           REGISTER_PAGE_SIZE, n);
				sql[pg][walk] = buf_take(&l);
			}
		for (int pg = 0; pg < 2; pg++) {
			/* words alone: SQLite's search index holds exactly the
			 * listed associations, so it counts the hits by itself */
			if (!pg && combo == F_WORDS) {
				sql[pg][2] = "SELECT count(*) FROM associations_fts "
				             "WHERE associations_fts MATCH $1";
				continue;
			}
			struct buf c = {0};
			buf_puts(&c, "SELECT count(*) ");
			combo_where(&c, combo, pg, 0);
			sql[pg][2] = buf_take(&c);
		}
		list_q[combo] = (struct dbq){sql[0][0], sql[1][0], 0};
		walk_q[combo] = (struct dbq){sql[0][1], sql[1][1], 0};
		count_q[combo] = (struct dbq){sql[0][2], sql[1][2], 0};
	}
}

static struct dbq Q_GET = {"SELECT " COLS_SQLITE "FROM associations a WHERE a.id = $1",
                           "SELECT " COLS_PG "FROM associations a WHERE a.id = $1", 0};
static struct dbq Q_ALL = {"SELECT " COLS_SQLITE "FROM associations a "
                           "WHERE a.public = 1 AND a.active = 1 ORDER BY a.sort_key, a.id",
                           "SELECT " COLS_PG "FROM associations a "
                           "WHERE a.public = 1 AND a.active = 1 ORDER BY a.sort_key, a.id",
                           0};
static struct dbq Q_ADMIN = {"SELECT " COLS_SQLITE
                             "FROM associations a WHERE $1 = '' OR a.orgnr = $1 "
                             "OR a.name LIKE $2 ESCAPE '\\' ORDER BY a.sort_key, a.id LIMIT 100",
                             "SELECT " COLS_PG "FROM associations a WHERE $1 = '' OR a.orgnr = $1 "
                             "OR a.name ILIKE $2 ESCAPE '\\' ORDER BY a.sort_key, a.id LIMIT 100",
                             0};
static struct dbq Q_LINKED_AREAS = {
        "SELECT area_id FROM association_areas WHERE association_id = $1", NULL, 0};
static struct dbq Q_LINKED_GROUPS = {
        "SELECT group_id FROM association_groups WHERE association_id = $1", NULL, 0};
static struct dbq Q_AREAS = {"SELECT id, slug, name, name FROM areas ORDER BY name", NULL, 0};
static struct dbq Q_GROUPS = {
        "SELECT id, slug, name_sv, name_en FROM target_groups ORDER BY name_sv", NULL, 0};

/* Copies the current row into an association, in the arena. */
static void
row_to_assoc(struct dbcur *c, struct arena *a, struct assoc *x)
{
	x->id = db_col_int(c, 0);
	x->orgnr = arena_strdup(a, db_col_text(c, 1));
	x->name = arena_strdup(a, db_col_text(c, 2));
	x->form = arena_strdup(a, db_col_text(c, 3));
	x->purpose = arena_strdup(a, db_col_text(c, 4));
	x->email = arena_strdup(a, db_col_text(c, 5));
	x->phone = arena_strdup(a, db_col_text(c, 6));
	x->website = arena_strdup(a, db_col_text(c, 7));
	x->founded = db_col_int(c, 8);
	x->members = db_col_int(c, 9);
	x->active = (int)db_col_int(c, 10);
	x->public_ = (int)db_col_int(c, 11);
	x->updated = db_col_int(c, 12);
	x->areas = arena_strdup(a, db_col_text(c, 13));
	x->groups = arena_strdup(a, db_col_text(c, 14));
	x->last_update = db_col_int(c, 15);
}

/* Turns what a person typed into the engine's full-text query: each word a
 * prefix (so "idrott" finds "idrottsförening"), all words required, no
 * operator of the engine's query language can get through. NULL when no
 * word is left. */
const char *
search_query(struct arena *a, enum db_kind kind, const char *q)
{
	struct buf b = {0};
	int words = 0;
	const unsigned char *s = (const unsigned char *)q;
	while (*s && words < 8) {
		while (*s && *s < 0x80 && !((*s >= '0' && *s <= '9') || (*s | 0x20) >= 'a'))
			s++;
		const unsigned char *w = s;
		while (*s && (*s >= 0x80 || (*s >= '0' && *s <= '9') ||
		              ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z')))
			s++;
		if (s == w) {
			if (*s)
				s++;
			continue;
		}
		if (words++)
			buf_puts(&b, kind == DB_PG ? " & " : " ");
		if (kind == DB_PG) {
			buf_add(&b, w, (size_t)(s - w));
			buf_puts(&b, ":*");
		} else {
			buf_putc(&b, '"');
			buf_add(&b, w, (size_t)(s - w));
			buf_puts(&b, "\"*");
		}
	}
	const char *out = words ? arena_strdup(a, buf_cstr(&b)) : NULL;
	buf_free(&b);
	return out;
}

/* Counting the hits walks every match, while a page of 50 is cheap: each
 * thread remembers counts per filter until the content generation changes,
 * so paging through a search counts once. */
enum { COUNT_MEMO = 256 };

struct count_memo {
	char *key;
	int64_t total;
};

static _Thread_local struct count_memo *count_memo;
static _Thread_local int64_t count_generation;
static pthread_key_t memo_key;
static pthread_once_t memo_once = PTHREAD_ONCE_INIT;

/* A thread's memo goes when the thread ends. */
static void
memo_free(void *memo)
{
	struct count_memo *m = memo;
	for (int i = 0; i < COUNT_MEMO; i++)
		free(m[i].key);
	free(m);
}

static void
memo_key_create(void)
{
	pthread_key_create(&memo_key, memo_free);
}

static struct dbq Q_GENERATION = {"SELECT v FROM meta WHERE k = 'generation'", NULL, 0};

/* The count for combo and its arguments, from the memo kept for the content
 * generation gen (read once per request by the caller) or the database. */
static int64_t
count_hits(struct db *db, int64_t gen, unsigned combo, const struct dbval *args, int n)
{
	if (!count_memo) {
		pthread_once(&memo_once, memo_key_create);
		count_memo = xcalloc(COUNT_MEMO, sizeof(*count_memo));
		pthread_setspecific(memo_key, count_memo);
	}
	if (gen != count_generation) {
		for (int i = 0; i < COUNT_MEMO; i++) {
			free(count_memo[i].key);
			count_memo[i].key = NULL;
		}
		count_generation = gen;
	}
	struct buf key = {0};
	buf_int(&key, combo);
	for (int i = 0; i < n; i++) {
		buf_putc(&key, '\x1f');
		buf_add(&key, args[i].s, args[i].n);
	}
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < key.len; i++)
		h = (h ^ (unsigned char)key.data[i]) * 1099511628211ull;
	struct count_memo *m = &count_memo[h % COUNT_MEMO];
	int64_t total;
	if (gen >= 0 && m->key && strcmp(m->key, buf_cstr(&key)) == 0) {
		total = m->total;
	} else {
		total = db_int(db, &count_q[combo], args, n, -1);
		if (total >= 0 && gen >= 0) {
			free(m->key);
			m->key = buf_take(&key);
			m->total = total;
		}
	}
	buf_free(&key);
	return total;
}

/* Whether to find a page of a filtered list by walking all listed
 * associations in name order (testing each against the filter) rather than
 * by looking up every hit and sorting them. Walking passes about
 * page × 50 × listed ÷ hits index entries, each far cheaper than the
 * random row lookup sorting needs per hit (measured on 100 000: a common
 * word's first page 25 → 3 ms); for a rare word sorting its few hits wins.
 * PostgreSQL plans this itself, so only SQLite walks. */
static int
walk_pays(struct db *db, int64_t gen, int64_t page, int64_t hits)
{
	if (db_kind(db) != DB_SQLITE || hits <= 0)
		return 0;
	int64_t listed = count_hits(db, gen, 0, NULL, 0);
	return (double)page * REGISTER_PAGE_SIZE * (double)listed <
	       10.0 * (double)hits * (double)hits;
}

/* One page of public, active associations matching the filter, and the
 * number of hits. */
int
register_list(struct db *db, struct arena *a, const struct register_filter *f,
              struct assoc_list *out)
{
	memset(out, 0, sizeof(*out));
	const char *fts = f->q ? search_query(a, db_kind(db), f->q) : NULL;
	int64_t page = f->page < 1 ? 1 : f->page;
	pthread_once(&combos_once, combos_build);
	unsigned combo = 0;
	struct dbval args[5];
	int n = 0;
	if (f->form)
		combo |= F_FORM, args[n++] = DB_TEXT(f->form);
	if (f->area)
		combo |= F_AREA, args[n++] = DB_TEXT(f->area);
	if (f->group)
		combo |= F_GROUP, args[n++] = DB_TEXT(f->group);
	if (fts)
		combo |= F_WORDS, args[n++] = DB_TEXT(fts);
	int64_t gen = db_int(db, &Q_GENERATION, DB_NOARGS, -1);
	out->total = count_hits(db, gen, combo, args, n);
	if (out->total < 0)
		return -1;
	int walk = combo != 0 && walk_pays(db, gen, page, out->total);
	args[n++] = DB_INT((page - 1) * REGISTER_PAGE_SIZE);
	out->items = arena_alloc(a, REGISTER_PAGE_SIZE * sizeof(struct assoc));
	struct dbcur c;
	if (db_query(db, &c, walk ? &walk_q[combo] : &list_q[combo], args, n) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0 && out->n < REGISTER_PAGE_SIZE)
		row_to_assoc(&c, a, &out->items[out->n++]);
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* One association; with public_only, only a public and active one.
 * 1 found, 0 not found, -1 error. */
int
register_get(struct db *db, struct arena *a, int64_t id, int public_only, struct assoc *out)
{
	struct dbcur c;
	if (db_query(db, &c, &Q_GET, DB_ARGS(DB_INT(id))) != DB_OK)
		return -1;
	int rc = db_next(&c);
	if (rc > 0)
		row_to_assoc(&c, a, out);
	db_done(&c);
	if (rc > 0 && public_only && !(out->public_ && out->active))
		return 0;
	return rc;
}

/* A choice with the sort key of its Swedish name, made once per choice
 * rather than twice per comparison (a key is ICU's work, about half a
 * microsecond, and every list page sorts its areas and groups). */
struct keyed_choice {
	const char *key;
	struct choice ch;
};

/* Orders choices by their Swedish name in Swedish order. */
static int
by_swedish_name(const void *a, const void *b)
{
	const struct keyed_choice *x = a, *y = b;
	return strcmp(x->key, y->key);
}

/* Sorts n choices by the sort keys of their Swedish names. */
static void
sort_choices(struct arena *a, struct choice *items, size_t n)
{
	struct keyed_choice *k = arena_alloc(a, (n ? n : 1) * sizeof(*k));
	struct buf key = {0};
	for (size_t i = 0; i < n; i++) {
		key.len = 0;
		sv_sort_key(&key, items[i].name_sv, strlen(items[i].name_sv));
		k[i] = (struct keyed_choice){arena_strndup(a, buf_cstr(&key), key.len), items[i]};
	}
	buf_free(&key);
	qsort(k, n, sizeof(*k), by_swedish_name);
	for (size_t i = 0; i < n; i++)
		items[i] = k[i].ch;
}

/* Areas (groups = 0) or target groups (groups = 1), by name. */
int
register_choices(struct db *db, struct arena *a, int groups, struct choice **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 16;
	*n = 0;
	*out = arena_alloc(a, cap * sizeof(**out));
	if (db_query(db, &c, groups ? &Q_GROUPS : &Q_AREAS, DB_NOARGS) != DB_OK)
		return -1;
	while (db_next(&c) > 0) {
		*out = arena_grow(a, *out, *n + 1, &cap, sizeof(**out));
		struct choice *ch = &(*out)[(*n)++];
		ch->id = db_col_int(&c, 0);
		ch->code = arena_strdup(a, db_col_text(&c, 1));
		ch->name_sv = arena_strdup(a, db_col_text(&c, 2));
		ch->name_en = arena_strdup(a, db_col_text(&c, 3));
	}
	(*out)[*n] = (struct choice){0};
	db_done(&c);
	sort_choices(a, *out, *n);
	return 0;
}

/* Calls fn for every public association in register order, reusing one
 * small arena so the whole register never sits in memory at once. */
int
register_each_public(struct db *db, void (*fn)(const struct assoc *, void *), void *arg)
{
	struct dbcur c;
	if (db_query(db, &c, &Q_ALL, DB_NOARGS) != DB_OK)
		return -1;
	struct arena row = {0};
	int rc;
	while ((rc = db_next(&c)) > 0) {
		struct assoc x;
		row_to_assoc(&c, &row, &x);
		fn(&x, arg);
		arena_reset(&row);
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* For administrators: every association, public or not, by name or
 * organisationsnummer; at most 100. */
int
register_admin_list(struct db *db, struct arena *a, const char *q, struct assoc_list *out)
{
	memset(out, 0, sizeof(*out));
	struct buf like = {0};
	buf_putc(&like, '%');
	for (const char *s = q; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			buf_putc(&like, '\\');
		buf_putc(&like, *s);
	}
	buf_putc(&like, '%');
	struct dbcur c;
	int rc = db_query(db, &c, &Q_ADMIN, DB_ARGS(DB_TEXT(q), DB_TEXTN(like.data, like.len)));
	if (rc == DB_OK) {
		out->items = arena_alloc(a, 100 * sizeof(struct assoc));
		while ((rc = db_next(&c)) > 0 && out->n < 100)
			row_to_assoc(&c, a, &out->items[out->n++]);
	}
	db_done(&c);
	buf_free(&like);
	out->total = (int64_t)out->n;
	return rc < 0 ? -1 : 0;
}

/* The ids of an association's areas (groups = 0) or target groups. */
int
register_links(struct db *db, int64_t id, int groups, int64_t *ids, int max)
{
	struct dbcur c;
	int n = 0;
	if (db_query(db, &c, groups ? &Q_LINKED_GROUPS : &Q_LINKED_AREAS, DB_ARGS(DB_INT(id))) !=
	    DB_OK)
		return 0;
	while (db_next(&c) > 0 && n < max)
		ids[n++] = db_col_int(&c, 0);
	db_done(&c);
	return n;
}
