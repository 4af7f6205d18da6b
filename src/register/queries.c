#include "register/queries.h"
#include "base/buf.h"
#include "base/sortkey.h"
#include "register/counts.h"
#include "register/listing.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The columns every reader of associations takes; tags name the areas
 * and groups by id (migration 011), so no query runs per row. */
#define COLS                                                                                       \
	"a.id, a.orgnr, a.name, a.form, a.purpose, a.email, a.phone, a.website, "                  \
	"coalesce(a.founded, 0), coalesce(a.members, 0), a.active, a.public, a.updated, a.tags, "  \
	"coalesce(a.last_update, 0), a.rev "

/* The rows of a page that its caller does not hold as rendered, by id:
 * which rows a page shows, and at which rev, the listing tells
 * (register/listing.c). */
static struct dbq Q_BY_IDS = {"SELECT " COLS "FROM associations a WHERE " DB_IDS_SQLITE("a.id"),
                              "SELECT " COLS "FROM associations a WHERE " DB_IDS_PG("a.id"), 0};
/* SQLite: a search's part (a word's prefix query or a filter's term, list_parts)
 * is a query of the search index, whose rowid is pos, so its hits come in
 * register order (between $2 and $3: all of them, or one place a write
 * touched, counts_page). */
static struct dbq Q_MATCH_HITS = {"SELECT rowid FROM associations_fts WHERE associations_fts "
                                  "MATCH $1 AND rowid >= $2 AND rowid <= $3 ORDER BY rowid",
                                  NULL, 0};

/* PostgreSQL: a search is the hits all its parts have (counts_page), each
 * word a part (the tsvector's prefix query, planned for its word: a
 * common one is read from the text index, one place a write touched from
 * the order's) and each filter a term in register order (register_terms,
 * migration 014); each lists its hits' keys in order, between its last
 * two parameters. */
static struct dbq Q_WORD_HITS = {
        DB_PLAN_EACH "SELECT a.pos FROM associations a WHERE a.public = 1 AND a.active = 1 "
                     "AND a.tsv @@ to_tsquery('swedish', $1) AND a.pos >= $2 AND a.pos <= $3 "
                     "ORDER BY a.pos",
        NULL, 0};
static struct dbq Q_TERM_HITS = {"SELECT pos FROM register_terms WHERE term = $1 AND pos >= $2 "
                                 "AND pos <= $3 ORDER BY pos",
                                 NULL, 0};

static struct dbq Q_GET = {"SELECT " COLS "FROM associations a WHERE a.id = $1", NULL, 0};
static struct dbq Q_ALL = {"SELECT " COLS "FROM associations a "
                           "WHERE a.public = 1 AND a.active = 1 ORDER BY a.pos",
                           NULL, 0};
static struct dbq Q_ADMIN = {"SELECT " COLS "FROM associations a WHERE $1 = '' OR a.orgnr = $1 "
                             "OR a.name LIKE $2 ESCAPE '\\' ORDER BY a.pos LIMIT 100",
                             DB_PLAN_EACH "SELECT " COLS
                                          "FROM associations a WHERE $1 = '' OR a.orgnr = $1 "
                                          "OR a.name ILIKE $2 ESCAPE '\\' ORDER BY a.pos LIMIT 100",
                             0};
static struct dbq Q_LINKED_AREAS = {
        "SELECT area_id FROM association_areas WHERE association_id = $1", NULL, 0};
static struct dbq Q_LINKED_GROUPS = {
        "SELECT group_id FROM association_groups WHERE association_id = $1", NULL, 0};
static struct dbq Q_AREAS = {"SELECT id, slug, name, name FROM areas ORDER BY name", NULL, 0};
static struct dbq Q_GROUPS = {
        "SELECT id, slug, name_sv, name_en FROM target_groups ORDER BY name_sv", NULL, 0};

/* The areas and target groups, read once per content generation by each
 * thread: every list row names its own from them, by the ids in its tags. */
struct names {
	int64_t gen;
	uint64_t stamp; /* a hash of every id and name */
	struct arena a;
	struct choice *areas, *groups;
	size_t nareas, ngroups;
};

static _Thread_local struct names names = {.gen = -1};
static pthread_key_t names_key;
static pthread_once_t names_once = PTHREAD_ONCE_INIT;

/* A thread's names go when the thread ends (the key's value is the
 * thread's own names). */
static void
names_free(void *nm)
{
	arena_reset(&((struct names *)nm)->a);
}

static void
names_key_create(void)
{
	pthread_key_create(&names_key, names_free);
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

/* Reads areas (q = Q_AREAS) or groups into the arena, in Swedish order, with
 * an empty choice after the last. */
static int
choices_read(struct db *db, struct arena *a, struct dbq *q, struct choice **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 16;
	*n = 0;
	*out = arena_alloc(a, cap * sizeof(**out));
	if (db_query(db, &c, q, DB_NOARGS) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
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
	return rc < 0 ? -1 : 0;
}

/* FNV-1a over the ids and names of the areas and groups: equal for the
 * same names, so a write elsewhere in the register, which makes them be
 * read again, does not make every kept row be rendered again. */
static uint64_t
names_hash(const struct names *nm)
{
	uint64_t h = 0xcbf29ce484222325ull;
	const struct choice *lists[] = {nm->areas, nm->groups};
	const size_t counts[] = {nm->nareas, nm->ngroups};
	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < counts[l]; i++) {
			const struct choice *c = &lists[l][i];
			const char *parts[] = {c->code, c->name_sv, c->name_en};
			for (size_t k = 0; k < 8; k++)
				h = (h ^ (uint8_t)((uint64_t)c->id >> (8 * k))) * 0x100000001b3ull;
			for (size_t j = 0; j < 3; j++) {
				for (const char *t = parts[j]; *t; t++)
					h = (h ^ (uint8_t)*t) * 0x100000001b3ull;
				h = (h ^ 0xff) * 0x100000001b3ull;
			}
		}
	return h;
}

/* This thread's areas and groups as they are at gen (read when older). */
static const struct names *
names_at(struct db *db, int64_t gen)
{
	if (names.gen == gen && gen >= 0)
		return &names;
	if (!names.a.head) {
		pthread_once(&names_once, names_key_create);
		pthread_setspecific(names_key, &names);
	}
	arena_reset(&names.a);
	names.gen = -1;
	if (choices_read(db, &names.a, &Q_AREAS, &names.areas, &names.nareas) != 0 ||
	    choices_read(db, &names.a, &Q_GROUPS, &names.groups, &names.ngroups) != 0)
		return NULL;
	names.stamp = names_hash(&names);
	names.gen = gen;
	return &names;
}

/* The content generation of the register, which the names of areas and
 * groups are kept under. */
static int64_t
generation(struct db *db)
{
	return db_generation(db, "generation");
}

/* Both generations: the content's (*content) and the search index's and
 * order's (*search, migration 013), which counts and page starts are kept
 * under. 0, or -1 on error. */
static int
generations(struct db *db, int64_t *content, int64_t *search)
{
	*content = db_generation(db, "generation");
	*search = db_generation(db, "generation:search");
	return *content < 0 || *search < 0 ? -1 : 0;
}

/* The names of the choices whose ids follow "_<kind>" in tags, '|'-joined
 * in the choices' (Swedish) order, in the arena. */
static const char *
tag_names(struct arena *a, const char *tags, char kind, const struct choice *ch, size_t n)
{
	unsigned char on[256] = {0};
	size_t hits = 0;
	for (const char *t = tags; (t = strchr(t, '_')) != NULL;) {
		t++;
		if (*t++ != kind)
			continue;
		int64_t id = strtoll(t, NULL, 10);
		for (size_t i = 0; i < n && i < sizeof(on); i++)
			if (ch[i].id == id && !on[i])
				on[i] = 1, hits++;
	}
	if (!hits)
		return "";
	/* measured, then written once into the arena: no allocation of its own
	 * per row (a list page draws fifty) */
	size_t len = 0;
	for (size_t i = 0; i < n && i < sizeof(on); i++)
		if (on[i])
			len += strlen(ch[i].name_sv) + 1;
	char *out = arena_alloc(a, len), *p = out;
	for (size_t i = 0; i < n && i < sizeof(on); i++)
		if (on[i]) {
			if (p > out)
				*p++ = '|';
			size_t k = strlen(ch[i].name_sv);
			memcpy(p, ch[i].name_sv, k);
			p += k;
		}
	*p = 0;
	return out;
}

/* Copies the current row into an association, in the arena. */
static void
row_to_assoc(struct dbcur *c, struct arena *a, const struct names *nm, struct assoc *x)
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
	const char *tags = db_col_text(c, 13);
	x->areas = tag_names(a, tags, 'a', nm->areas, nm->nareas);
	x->groups = tag_names(a, tags, 'g', nm->groups, nm->ngroups);
	x->last_update = db_col_int(c, 14);
	x->rev = db_col_int(c, 15);
}

/* Who may already hold rows as rendered (register_list_known). */
struct known {
	register_known *fn;
	void *arg;
};

/* Reads up to max rows of a query into out->items. */
static int
read_rows(struct db *db, struct arena *a, const struct names *nm, struct dbq *q,
          const struct dbval *args, int n, size_t max, struct assoc_list *out)
{
	struct dbcur c;
	out->items = arena_alloc(a, max * sizeof(struct assoc));
	out->names_stamp = nm->stamp;
	if (db_query(db, &c, q, args, n) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0 && out->n < max)
		row_to_assoc(&c, a, nm, &out->items[out->n++]);
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* Reads a page of n listed rows for a caller that may hold rows as
 * rendered (k): in one statement the rows it does not hold, each left as
 * its id and rev otherwise (and so if it went since the listing's
 * generation). */
static int
read_page(struct db *db, struct arena *a, const struct names *nm, const struct known *k,
          const struct listed *rows, size_t n, struct assoc_list *out)
{
	struct dbcur c;
	out->items = arena_alloc(a, REGISTER_PAGE_SIZE * sizeof(struct assoc));
	out->names_stamp = nm->stamp;
	int64_t missing[REGISTER_PAGE_SIZE];
	size_t nmissing = 0;
	for (; out->n < n && out->n < REGISTER_PAGE_SIZE; out->n++) {
		int64_t id = rows[out->n].id, rev = rows[out->n].rev;
		out->items[out->n] = (struct assoc){.id = id, .rev = rev};
		if (!k->fn(k->arg, nm->stamp, id, rev, out->n))
			missing[nmissing++] = id;
	}
	int rc = 0;
	if (nmissing) {
		if (db_query(db, &c, &Q_BY_IDS,
		             DB_ARGS(DB_TEXT(db_ids(a, db_kind(db), missing, nmissing)))) != DB_OK)
			return -1;
		while ((rc = db_next(&c)) > 0) {
			int64_t id = db_col_int(&c, 0);
			/* hidden since the listing's generation: left out */
			if (!db_col_int(&c, 10) || !db_col_int(&c, 11))
				continue;
			for (size_t i = 0; i < out->n; i++)
				if (out->items[i].id == id)
					row_to_assoc(&c, a, nm, &out->items[i]);
		}
		db_done(&c);
	}
	return rc < 0 ? -1 : 0;
}

/* A page of the whole list: fifty of the listing's rows and their number. */
static int
list_page(struct db *db, struct arena *a, const struct names *nm, const struct known *k,
          int64_t page, struct assoc_list *out)
{
	const struct listing *l = listing_get(db);
	if (!l)
		return -1;
	size_t total, n = 0;
	const struct listed *all = listing_rows(l, &total);
	struct listed rows[REGISTER_PAGE_SIZE];
	for (size_t i = (size_t)(page - 1) * REGISTER_PAGE_SIZE;
	     i < total && n < REGISTER_PAGE_SIZE; i++)
		rows[n++] = all[i];
	out->total = (int64_t)total;
	listing_put(l);
	return read_page(db, a, nm, k, rows, n, out);
}

/* A page of the search that is the hits all parts have: the page's keys
 * (places), kept per search generation (counts_page), then its rows as
 * the listing has them at those places. */
static int
search_page(struct db *db, struct arena *a, const struct names *nm, const struct known *k,
            int64_t gen, const struct counts_part *parts, int nparts, int64_t page,
            struct assoc_list *out)
{
	int64_t keys[REGISTER_PAGE_SIZE];
	size_t nkeys, n = 0;
	if (counts_page(db, gen, parts, nparts, page, keys, &nkeys, &out->total) != 0)
		return -1;
	struct listed rows[REGISTER_PAGE_SIZE];
	if (nkeys) {
		const struct listing *l = listing_get(db);
		if (!l)
			return -1;
		for (size_t i = 0; i < nkeys; i++) {
			const struct listed *r = listing_at(l, keys[i]);
			if (r)
				rows[n++] = *r;
		}
		listing_put(l);
	}
	return read_page(db, a, nm, k, rows, n, out);
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

/* A filter's terms: its form, area and group. */
enum { TERMS_MAX = 3 };

/* The id of the choice with the code, 0 if none. */
static int64_t
choice_id(const struct choice *ch, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(ch[i].code, code) == 0)
			return ch[i].id;
	return 0;
}

/* The filter's terms (_f<form>, _a<area id>, _g<group id>) into the
 * arena; their number, or -1 when a filter names no form, area or group
 * there can be (no hits). */
static int
filter_terms(struct arena *a, const struct names *nm, const struct register_filter *f,
             const char **terms)
{
	int n = 0;
	if (f->form) {
		/* a form is a code of letters (assoc_forms); any other is none,
		 * and must not reach the search index's query syntax */
		if (strspn(f->form, "abcdefghijklmnopqrstuvwxyz0123456789") != strlen(f->form))
			return -1;
		struct buf b = {0};
		buf_printf(&b, "_f%s", f->form);
		terms[n++] = arena_strdup(a, buf_cstr(&b));
		buf_free(&b);
	}
	const struct {
		const char *slug;
		const struct choice *ch;
		size_t nch;
		char kind;
	} links[] = {{f->area, nm->areas, nm->nareas, 'a'},
	             {f->group, nm->groups, nm->ngroups, 'g'}};
	for (size_t i = 0; i < 2; i++) {
		if (!links[i].slug)
			continue;
		int64_t id = choice_id(links[i].ch, links[i].nch, links[i].slug);
		if (!id)
			return -1;
		struct buf b = {0};
		buf_printf(&b, "_%c%lld", links[i].kind, (long long)id);
		terms[n++] = arena_strdup(a, buf_cstr(&b));
		buf_free(&b);
	}
	return n;
}

/* One page of a filtered list and its hit count: the hits each filter
 * term and each word has (counts_page), each a part read by its engine's
 * statement, intersected in C. */
static int
list_parts(struct db *db, struct arena *a, const struct names *nm, const struct known *k,
           int64_t gen, const struct register_filter *f, const char *words, int64_t page,
           struct assoc_list *out)
{
	const char *terms[TERMS_MAX];
	int nterms = filter_terms(a, nm, f, terms);
	if (nterms < 0) {
		out->items = arena_alloc(a, sizeof(struct assoc));
		return 0;
	}
	int pg = db_kind(db) == DB_PG;
	struct dbval args[COUNTS_PARTS];
	struct counts_part parts[COUNTS_PARTS];
	int n = 0;
	for (int i = 0; i < nterms; i++, n++) {
		args[n] = DB_TEXT(terms[i]);
		parts[n] = (struct counts_part){pg ? &Q_TERM_HITS : &Q_MATCH_HITS, &args[n], 1};
	}
	/* words are search_query's, each word a part */
	const char *sep = pg ? " & " : " ";
	for (const char *w = words; w && n < COUNTS_PARTS; n++) {
		const char *end = strstr(w, sep);
		size_t len = end ? (size_t)(end - w) : strlen(w);
		args[n] = DB_TEXT(arena_strndup(a, w, len));
		parts[n] = (struct counts_part){pg ? &Q_WORD_HITS : &Q_MATCH_HITS, &args[n], 1};
		w = end ? end + strlen(sep) : NULL;
	}
	return search_page(db, a, nm, k, gen, parts, n, page, out);
}

/* One page of public, active associations matching the filter, the number
 * of hits, and the areas and groups to filter by: by its hits' keys, kept
 * per search generation (counts_page), the whole list's from the listed
 * index, a filtered one's as the hits all its words and terms have
 * (list_parts). A row the caller holds as rendered (known) is not copied. */
int
register_list_known(struct db *db, struct arena *a, const struct register_filter *f,
                    struct assoc_list *out, register_known *known, void *arg)
{
	memset(out, 0, sizeof(*out));
	const struct known held = {known, arg}, *k = &held;
	int64_t page = f->page < 1 ? 1 : f->page;
	int64_t content, gen;
	const struct names *nm =
	        generations(db, &content, &gen) == 0 ? names_at(db, content) : NULL;
	if (!nm)
		return -1;
	out->areas = nm->areas, out->nareas = nm->nareas;
	out->groups = nm->groups, out->ngroups = nm->ngroups;
	const char *words = f->q ? search_query(a, db_kind(db), f->q) : NULL;
	if (!words && !f->form && !f->area && !f->group)
		return list_page(db, a, nm, k, page, out);
	return list_parts(db, a, nm, k, gen, f, words, page, out);
}

/* One association; with public_only, only a public and active one.
 * 1 found, 0 not found, -1 error. */
int
register_get(struct db *db, struct arena *a, int64_t id, int public_only, struct assoc *out)
{
	const struct names *nm = names_at(db, generation(db));
	struct dbcur c;
	if (!nm || db_query(db, &c, &Q_GET, DB_ARGS(DB_INT(id))) != DB_OK)
		return -1;
	int rc = db_next(&c);
	if (rc > 0)
		row_to_assoc(&c, a, nm, out);
	db_done(&c);
	if (rc > 0 && public_only && !(out->public_ && out->active))
		return 0;
	return rc;
}

/* Areas (groups = 0) or target groups (groups = 1), by name, copied into
 * the arena. */
int
register_choices(struct db *db, struct arena *a, int groups, struct choice **out, size_t *n)
{
	const struct names *nm = names_at(db, generation(db));
	if (!nm)
		return -1;
	*n = groups ? nm->ngroups : nm->nareas;
	*out = arena_alloc(a, (*n + 1) * sizeof(**out));
	memcpy(*out, groups ? nm->groups : nm->areas, (*n + 1) * sizeof(**out));
	return 0;
}

/* Calls fn for every public association in register order, reusing one
 * small arena so the whole register never sits in memory at once. */
int
register_each_public(struct db *db, void (*fn)(const struct assoc *, void *), void *arg)
{
	const struct names *nm = names_at(db, generation(db));
	struct dbcur c;
	if (!nm || db_query(db, &c, &Q_ALL, DB_NOARGS) != DB_OK)
		return -1;
	struct arena row = {0};
	int rc;
	while ((rc = db_next(&c)) > 0) {
		struct assoc x;
		row_to_assoc(&c, &row, nm, &x);
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
	const struct names *nm = names_at(db, generation(db));
	if (!nm)
		return -1;
	struct buf like = {0};
	buf_putc(&like, '%');
	for (const char *s = q; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			buf_putc(&like, '\\');
		buf_putc(&like, *s);
	}
	buf_putc(&like, '%');
	int rc = read_rows(db, a, nm, &Q_ADMIN, DB_ARGS(DB_TEXT(q), DB_TEXTN(like.data, like.len)),
	                   100, out);
	buf_free(&like);
	out->total = (int64_t)out->n;
	return rc;
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
