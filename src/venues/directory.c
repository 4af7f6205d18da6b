/* The active venues in memory (see directory.h), and the lists of
 * venue.h and catalog.h filtered from them. */
#include "venues/directory.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/fold.h"
#include "db/kept.h"

struct venue_directory {
	struct kept_value kept;      /* its generation and readers (db/kept.h) */
	struct arena a;              /* everything below */
	const struct venue_entry *e; /* in Swedish order: sort key, then id */
	size_t n;
	const uint32_t *by_id;     /* indexes into e, in order of id */
	const char *const *folded; /* each venue's name and address folded */
};

/* Frees a directory its last reader let go of. */
static void
directory_free(struct kept_value *v)
{
	struct venue_directory *d = (struct venue_directory *)v;
	arena_reset(&d->a);
	free(d);
}

/* Lets go of a directory (arena_defer's signature). */
static void
directory_put(void *d)
{
	kept_put(d);
}

/* For qsort_r: entries' indexes (into the entries arg) by venue id. */
static int
by_venue_id(const void *x, const void *y, void *arg)
{
	const struct venue_entry *e = arg;
	int64_t a = e[*(const uint32_t *)x].v.id, b = e[*(const uint32_t *)y].v.id;
	return (a > b) - (a < b);
}

/* Reads every active venue with what it is let at. */
static struct venue_directory *
directory_load(struct db *db, int64_t gen)
{
	struct venue_directory *d = xcalloc(1, sizeof *d);
	d->kept = (struct kept_value){.gen = gen, .free = directory_free};
	struct venue_entry *e;
	if (venue_catalog_load(db, &d->a, &e, &d->n) != 0) {
		directory_free(&d->kept);
		return NULL;
	}
	d->e = e;
	uint32_t *by_id = arena_alloc(&d->a, (d->n + 1) * sizeof *by_id);
	const char **folded = arena_alloc(&d->a, (d->n + 1) * sizeof *folded);
	struct buf b = {0};
	for (size_t i = 0; i < d->n; i++) {
		by_id[i] = (uint32_t)i;
		b.len = 0;
		sv_fold(&b, e[i].v.name, strlen(e[i].v.name));
		buf_putc(&b, '\n');
		sv_fold(&b, e[i].v.address, strlen(e[i].v.address));
		folded[i] = arena_strndup(&d->a, b.data ? b.data : "", b.len);
	}
	buf_free(&b);
	qsort_r(by_id, d->n, sizeof *by_id, by_venue_id, e);
	d->by_id = by_id;
	d->folded = folded;
	return d;
}

/* The directory kept per 'generation:venues'. */
static struct kept_value *
directory_kept_load(struct db *db, int64_t gen)
{
	struct venue_directory *d = directory_load(db, gen);
	return d ? &d->kept : NULL;
}

static struct kept kept = KEPT_INIT("generation:venues", directory_kept_load);

const struct venue_directory *
venue_directory(struct db *db, struct arena *a)
{
	struct kept_value *v;
	if (db_in_transaction(db)) {
		int64_t gen = db_generation(db, "generation:venues");
		v = gen < 0 ? NULL : directory_kept_load(db, gen);
		if (v)
			v->refs = 1;
	} else {
		v = kept_get(&kept, db);
	}
	if (v)
		arena_defer(a, directory_put, v);
	return (const struct venue_directory *)v;
}

const struct venue_entry *
venue_directory_find(const struct venue_directory *d, int64_t id)
{
	size_t lo = 0, hi = d->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int64_t at = d->e[d->by_id[mid]].v.id;
		if (at == id)
			return &d->e[d->by_id[mid]];
		if (at < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int
venue_entry_related(struct db *db, const struct venue_entry *e, int64_t *ids, size_t *n)
{
	*n = 0;
	ids[(*n)++] = e->v.id;
	if (e->v.parent_id) {
		ids[(*n)++] = e->v.parent_id;
		return 0;
	}
	size_t nleaves;
	if (venue_leaves(db, e->v.id, ids + 1, &nleaves) != 0)
		return -1;
	if (!(nleaves == 1 && ids[1] == e->v.id))
		*n += nleaves;
	return 0;
}

/* Whether entry i is among what the filter selects; fq is the search's
 * words folded as the names are, NULL for none. */
static int
matches(const struct venue_directory *d, size_t i, const struct venue_filter *f, const char *fq)
{
	const struct venue *v = &d->e[i].v;
	return (!fq || strstr(d->folded[i], fq)) && (!f->type || strcmp(v->type, f->type) == 0) &&
	       (!f->area || strcmp(v->area_slug, f->area) == 0) && v->capacity >= f->min_capacity &&
	       v->step_free >= f->step_free && v->accessible_toilet >= f->accessible_toilet &&
	       v->hearing_loop >= f->hearing_loop && v->lift >= f->lift &&
	       (!f->department_id || v->department_id == f->department_id) &&
	       (!f->wholes_only || !v->parent_id);
}

/* The search's words folded, in the arena; NULL for no search. */
static const char *
folded_query(struct arena *a, const struct venue_filter *f)
{
	if (!f->q || !*f->q)
		return NULL;
	struct buf b = {0};
	sv_fold(&b, f->q, strlen(f->q));
	const char *s = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return s;
}

/* Whether entry i comes after the span's venue in the order. */
static int
after(const struct venue_entry *e, const struct venue_span *span)
{
	if (!span || !span->after_key)
		return 1;
	int c = strcmp(e->v.sort_key, span->after_key);
	return c > 0 || (c == 0 && e->v.id > span->after_id);
}

int
venue_list_span(struct db *db, struct arena *a, const struct venue_filter *f,
                const struct venue_span *span, struct venue **out, size_t *n)
{
	const struct venue_directory *d = venue_directory(db, a);
	*out = NULL;
	*n = 0;
	if (!d)
		return -1;
	const char *fq = folded_query(a, f);
	int skip = span ? span->offset : 0;
	size_t limit = span && span->limit ? (size_t)span->limit : d->n, cap = 0;
	for (size_t i = 0; i < d->n && *n < limit; i++) {
		if (!after(&d->e[i], span) || !matches(d, i, f, fq) || skip-- > 0)
			continue;
		*out = arena_grow(a, *out, *n, &cap, sizeof **out);
		(*out)[(*n)++] = d->e[i].v;
	}
	return 0;
}

int64_t
venue_count(struct db *db, struct arena *a, const struct venue_filter *f)
{
	const struct venue_directory *d = venue_directory(db, a);
	if (!d)
		return -1;
	const char *fq = folded_query(a, f);
	int64_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += matches(d, i, f, fq);
	return n;
}

int
venue_list(struct db *db, struct arena *a, const struct venue_filter *f, struct venue **out,
           size_t *n)
{
	return venue_list_span(db, a, f, NULL, out, n);
}

int
venue_catalog(struct db *db, struct arena *a, const struct venue_filter *f,
              struct venue_entry **out, size_t *n)
{
	const struct venue_directory *d = venue_directory(db, a);
	*out = NULL;
	*n = 0;
	if (!d)
		return -1;
	const char *fq = folded_query(a, f);
	size_t cap = 0;
	for (size_t i = 0; i < d->n; i++)
		if (matches(d, i, f, fq)) {
			*out = arena_grow(a, *out, *n, &cap, sizeof **out);
			(*out)[(*n)++] = d->e[i];
		}
	return 0;
}
