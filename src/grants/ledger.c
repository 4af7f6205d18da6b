/* The decided grants kept in memory per generation (see ledger.h). */
#include "grants/ledger.h"
#include "base/buf.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct dbq Q_AWARDS = {
        "SELECT id, year, department_id, kind, association_id, amount FROM grant_awards "
        "ORDER BY id DESC",
        NULL, 0};
static struct dbq Q_DEPARTMENTS = {
        "SELECT id, code, name_sv, name_en FROM departments ORDER BY name_sv", NULL, 0};
static struct dbq Q_KINDS = {"SELECT 0, code, name_sv, name_en FROM grant_kinds ORDER BY pos", NULL,
                             0};
static struct dbq Q_IN_AREA = {"SELECT association_id FROM association_areas WHERE area_id = $1",
                               NULL, 0};
static struct dbq Q_IN_GROUP = {"SELECT association_id FROM association_groups WHERE group_id = $1",
                                NULL, 0};

/* What filters selected, so that paging through one walks the awards
 * once: its count, its sum and each page's first award (every 50th hit),
 * as counts.c keeps a search's, and for an area or a target group which
 * associations are in it (the key holds the register's generation), so
 * that its next page does not read the members again. A slot per hash of
 * the filter's key; a new filter takes the slot over. The ledger's
 * generation is the memo's: it goes with its ledger. */
enum { MEMO_SLOTS = 256 };

struct ledger_memo {
	pthread_mutex_t lock;
	struct memo_slot {
		char key[96];
		int64_t total, sum;
		uint32_t *starts;
		size_t nstarts;
		uint8_t *match; /* a copy of the filter's assoc_match, or NULL */
	} slot[MEMO_SLOTS];
	struct ledger_yearly *yearly; /* made by the first who asks */
};

/* Frees a list of names that ends in a zero. */
static void
names_free(const struct choice *c)
{
	for (const struct choice *p = c; p && p->code; p++) {
		free((void *)p->code);
		free((void *)p->name_sv);
		free((void *)p->name_en);
	}
	free((void *)c);
}

/* Rows of id, code, Swedish and English name as a list that ends in a
 * zero; NULL on a database error. */
static struct choice *
names_read(struct db *db, struct dbq *q)
{
	struct dbcur c;
	if (db_query(db, &c, q, DB_NOARGS) != DB_OK)
		return NULL;
	size_t n = 0, cap = 16;
	struct choice *out = xcalloc(cap, sizeof(*out));
	int rc;
	while ((rc = db_next(&c)) > 0) {
		if (n + 1 == cap) {
			out = xrealloc(out, 2 * cap * sizeof(*out));
			memset(out + cap, 0, cap * sizeof(*out));
			cap *= 2;
		}
		out[n++] = (struct choice){xstrdup(db_col_text(&c, 1)), xstrdup(db_col_text(&c, 2)),
		                           xstrdup(db_col_text(&c, 3)), db_col_int(&c, 0)};
	}
	db_done(&c);
	if (rc < 0) {
		names_free(out);
		return NULL;
	}
	return out;
}

static void
ledger_free(struct kept_value *v)
{
	struct ledger *l = (struct ledger *)v;
	if (l->memo) {
		for (size_t i = 0; i < MEMO_SLOTS; i++) {
			free(l->memo->slot[i].starts);
			free(l->memo->slot[i].match);
		}
		struct ledger_yearly *y = l->memo->yearly;
		if (y) {
			free((void *)y->departments);
			free((void *)y->by_department);
			free((void *)y->by_kind);
			free((void *)y->organisations);
			free(y);
		}
		pthread_mutex_destroy(&l->memo->lock);
		free(l->memo);
	}
	names_free(l->departments);
	names_free(l->kind_names);
	free((void *)l->awards);
	free((void *)l->assoc_ids);
	for (size_t i = 0; i < l->nkinds; i++)
		free((void *)l->kinds[i]);
	free(l);
}

static int
by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The index of a kind's code, added the first time it is seen; -1 when
 * there are more kinds than the ledger holds. */
static int
kind_index(struct ledger *l, const char *code)
{
	for (size_t i = 0; i < l->nkinds; i++)
		if (strcmp(l->kinds[i], code) == 0)
			return (int)i;
	if (l->nkinds == LEDGER_KINDS)
		return -1;
	l->kinds[l->nkinds] = xstrdup(code);
	return (int)l->nkinds++;
}

/* Reads every award, then the departments and kinds: the ledger, or NULL
 * on a database error. The associations are numbered in a second pass,
 * once all are known. */
static struct ledger *
ledger_load(struct db *db, int64_t gen)
{
	struct ledger *l = xmalloc(sizeof(*l));
	*l = (struct ledger){.kept = {.gen = gen, .free = ledger_free}};
	struct ledger_award *w = NULL;
	int64_t *assoc = NULL;
	size_t cap = 0;
	struct dbcur c;
	if (db_query(db, &c, &Q_AWARDS, DB_NOARGS) != DB_OK) {
		free(l);
		return NULL;
	}
	int rc;
	while ((rc = db_next(&c)) > 0) {
		if (l->n == cap) {
			cap = cap ? cap * 2 : 1024;
			w = xrealloc(w, cap * sizeof(*w));
			assoc = xrealloc(assoc, cap * sizeof(*assoc));
		}
		int kind = kind_index(l, db_col_text(&c, 3));
		int year = (int)db_col_int(&c, 1);
		if (kind < 0) {
			rc = -1;
			break;
		}
		w[l->n] = (struct ledger_award){.id = db_col_int(&c, 0),
		                                .amount = db_col_int(&c, 5),
		                                .department_id = db_col_int(&c, 2),
		                                .year = (int16_t)year,
		                                .kind = (uint8_t)kind};
		assoc[l->n++] = db_col_int(&c, 4);
		if (!l->first_year || year < l->first_year)
			l->first_year = year;
		if (year > l->last_year)
			l->last_year = year;
	}
	db_done(&c);
	l->awards = w;
	if (rc >= 0 && (!(l->departments = names_read(db, &Q_DEPARTMENTS)) ||
	                !(l->kind_names = names_read(db, &Q_KINDS))))
		rc = -1;
	if (rc < 0) {
		free(assoc);
		ledger_free(&l->kept);
		return NULL;
	}
	int64_t *ids = xmalloc((l->n ? l->n : 1) * sizeof(*ids));
	memcpy(ids, assoc, l->n * sizeof(*ids));
	qsort(ids, l->n, sizeof(*ids), by_id);
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++)
		if (!k || ids[k - 1] != ids[i])
			ids[k++] = ids[i];
	l->assoc_ids = ids;
	l->nassoc = k;
	for (size_t i = 0; i < l->n; i++)
		w[i].assoc = (uint32_t)ledger_assoc(l, assoc[i]);
	free(assoc);
	l->memo = xcalloc(1, sizeof(*l->memo));
	pthread_mutex_init(&l->memo->lock, NULL);
	return l;
}

/* The slot of a key: FNV-1a. */
static struct memo_slot *
memo_slot(struct ledger_memo *m, const char *key)
{
	uint64_t h = 1469598103934665603ull;
	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	return &m->slot[h % MEMO_SLOTS];
}

/* The page's start in the awards from a slot: the index of its first
 * hit, or past the end when the page is past the last. */
static size_t
page_start(const struct ledger *l, const uint32_t *starts, size_t nstarts, int64_t page)
{
	return page >= 1 && (size_t)(page - 1) < nstarts ? starts[page - 1] : l->n;
}

/* What the filter selects (its count and sum) and where page starts in
 * the awards (*start, l->n past the last page): from the memo, or one
 * walk over the awards that the memo keeps. */
void
ledger_select(const struct ledger *l, const struct ledger_filter *f, int64_t page,
              struct ledger_selection *out, size_t *start)
{
	struct ledger_memo *m = l->memo;
	struct memo_slot *s = memo_slot(m, f->key);
	pthread_mutex_lock(&m->lock);
	if (strcmp(s->key, f->key) == 0) {
		*out = (struct ledger_selection){s->total, s->sum};
		*start = page_start(l, s->starts, s->nstarts, page);
		pthread_mutex_unlock(&m->lock);
		return;
	}
	pthread_mutex_unlock(&m->lock);
	struct memo_slot made = {.total = 0};
	size_t cap = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct ledger_award *w = &l->awards[i];
		if (!ledger_match(f, w))
			continue;
		if (made.total % LEDGER_PAGE == 0) {
			if (made.nstarts == cap)
				made.starts = xrealloc(made.starts, (cap = cap ? cap * 2 : 16) *
				                                            sizeof(*made.starts));
			made.starts[made.nstarts++] = (uint32_t)i;
		}
		made.total++;
		made.sum += w->amount;
	}
	*out = (struct ledger_selection){made.total, made.sum};
	*start = page_start(l, made.starts, made.nstarts, page);
	snprintf(made.key, sizeof(made.key), "%s", f->key);
	if (f->assoc_match) {
		made.match = xmalloc(l->nassoc ? l->nassoc : 1);
		memcpy(made.match, f->assoc_match, l->nassoc);
	}
	pthread_mutex_lock(&m->lock);
	free(s->starts);
	free(s->match);
	*s = made;
	pthread_mutex_unlock(&m->lock);
}

/* The decided grants kept per 'generation:grants' (db/kept.h). */
static struct kept_value *
ledger_kept_load(struct db *db, int64_t gen)
{
	struct ledger *l = ledger_load(db, gen);
	return l ? &l->kept : NULL;
}

static struct kept kept = KEPT_INIT("generation:grants", ledger_kept_load);

/* The ledger as of the database's generation, held until ledger_put; NULL
 * on a database error. */
const struct ledger *
ledger_get(struct db *db)
{
	return (const struct ledger *)kept_get(&kept, db);
}

/* Lets go of a ledger; the last user of an old one frees it. */
void
ledger_put(const struct ledger *l)
{
	if (l)
		kept_put((struct kept_value *)&l->kept);
}

/* The yearly sums, made in one walk over the awards. */
static struct ledger_yearly *
yearly_make(const struct ledger *l)
{
	struct ledger_yearly *y = xmalloc(sizeof(*y));
	size_t years = l->first_year ? (size_t)(l->last_year - l->first_year + 1) : 0, cap = 16;
	int64_t *depts = xmalloc(cap * sizeof(*depts));
	size_t nd = 0, d = 0;
	int64_t last = 0;
	for (size_t i = 0; i < l->n; i++) { /* the departments, in order of first sight */
		if (l->awards[i].department_id == last)
			continue;
		last = l->awards[i].department_id;
		for (d = 0; d < nd && depts[d] != last; d++)
			;
		if (d == nd) {
			if (nd == cap)
				depts = xrealloc(depts, (cap *= 2) * sizeof(*depts));
			depts[nd++] = last;
		}
	}
	int64_t *by_dept = xcalloc(nd * years + 1, sizeof(*by_dept));
	int64_t *by_kind = xcalloc(l->nkinds * years + 1, sizeof(*by_kind));
	int64_t *orgs = xcalloc(years + 1, sizeof(*orgs));
	uint8_t *seen = xcalloc(l->nassoc * years + 1, 1), *ever = xcalloc(l->nassoc + 1, 1);
	*y = (struct ledger_yearly){years, nd, depts, by_dept, by_kind, orgs, 0, 0};
	last = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct ledger_award *w = &l->awards[i];
		size_t yi = (size_t)(w->year - l->first_year);
		if (w->department_id != last)
			for (d = 0, last = w->department_id; depts[d] != last; d++)
				;
		by_dept[d * years + yi] += w->amount;
		by_kind[(size_t)w->kind * years + yi] += w->amount;
		y->total += w->amount;
		orgs[yi] += !seen[(size_t)w->assoc * years + yi];
		seen[(size_t)w->assoc * years + yi] = 1;
		y->organisations_all += !ever[w->assoc];
		ever[w->assoc] = 1;
	}
	free(seen);
	free(ever);
	return y;
}

/* The ledger's yearly sums: made by the first request that asks, under
 * the memo's lock (the others wait for them rather than make them too). */
const struct ledger_yearly *
ledger_yearly(const struct ledger *l)
{
	pthread_mutex_lock(&l->memo->lock);
	if (!l->memo->yearly)
		l->memo->yearly = yearly_make(l);
	struct ledger_yearly *y = l->memo->yearly;
	pthread_mutex_unlock(&l->memo->lock);
	return y;
}

/* The index of a kind's code, -1 when no award has it. */
int
ledger_kind(const struct ledger *l, const char *code)
{
	for (size_t i = 0; i < l->nkinds; i++)
		if (strcmp(l->kinds[i], code) == 0)
			return (int)i;
	return -1;
}

/* The index of an association, -1 when it was granted nothing. */
int
ledger_assoc(const struct ledger *l, int64_t association_id)
{
	const int64_t *at =
	        bsearch(&association_id, l->assoc_ids, l->nassoc, sizeof(int64_t), by_id);
	return at ? (int)(at - l->assoc_ids) : -1;
}

/* The memo's copy of the associations a filter's key matched, copied
 * into the arena (the slot may be taken over once the lock is let go);
 * NULL when the memo has none. */
static const uint8_t *
memo_match(const struct ledger *l, const char *key, struct arena *a)
{
	struct ledger_memo *m = l->memo;
	struct memo_slot *s = memo_slot(m, key);
	uint8_t *copy = NULL;
	pthread_mutex_lock(&m->lock);
	if (s->match && strcmp(s->key, key) == 0) {
		copy = arena_alloc(a, l->nassoc ? l->nassoc : 1);
		memcpy(copy, s->match, l->nassoc);
	}
	pthread_mutex_unlock(&m->lock);
	return copy;
}

/* Marks the associations in the area and the target group (0: either
 * any) for the filter of key: *out NULL when neither is asked; 0, or -1
 * on a database error. The memo's marks when a page of the same filter
 * made them, else one indexed read of the area's or group's members. */
int
ledger_assoc_match(struct db *db, struct arena *a, const struct ledger *l, const char *key,
                   int64_t area_id, int64_t group_id, const uint8_t **out)
{
	*out = NULL;
	if (!area_id && !group_id)
		return 0;
	if ((*out = memo_match(l, key, a)) != NULL)
		return 0;
	uint8_t *m = arena_zalloc(a, l->nassoc ? l->nassoc : 1);
	struct {
		struct dbq *q;
		int64_t id;
	} sets[] = {{&Q_IN_AREA, area_id}, {&Q_IN_GROUP, group_id}};
	uint8_t need = 0;
	for (int s = 0; s < 2; s++) {
		if (!sets[s].id)
			continue;
		need |= (uint8_t)(1 << s);
		struct dbcur c;
		if (db_query(db, &c, sets[s].q, DB_ARGS(DB_INT(sets[s].id))) != DB_OK)
			return -1;
		int rc;
		while ((rc = db_next(&c)) > 0) {
			int i = ledger_assoc(l, db_col_int(&c, 0));
			if (i >= 0)
				m[i] |= (uint8_t)(1 << s);
		}
		db_done(&c);
		if (rc < 0)
			return -1;
	}
	for (size_t i = 0; i < l->nassoc; i++)
		m[i] = m[i] == need;
	*out = m;
	return 0;
}
