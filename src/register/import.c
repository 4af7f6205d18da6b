#include "register/import.h"
#include "base/arena.h"
#include "base/csv.h"
#include "base/fold.h"
#include "http/decode.h"
#include "register/bulk.h"
#include "register/store.h"

#include <stdlib.h>
#include <string.h>

enum col {
	C_ORGNR,
	C_NAME,
	C_FORM,
	C_PURPOSE,
	C_AREAS,
	C_GROUPS,
	C_EMAIL,
	C_PHONE,
	C_WEB,
	C_FOUNDED,
	C_MEMBERS,
	C_COUNT
};

static const char *const col_names[C_COUNT] = {
        "organisationsnummer", "namn",  "form",    "andamal",   "omraden",
        "malgrupper",          "epost", "telefon", "webbplats", "grundad",
        "medlemmar",
};

/* A name or slug and its id, with the folded key to compare by. */
struct named {
	const char *key;
	int64_t id;
};

struct lookup {
	struct named *items;
	size_t n;
};

static struct dbq Q_AREAS = {"SELECT id, slug, name FROM areas", NULL, 0};
static struct dbq Q_GROUPS = {"SELECT id, slug, name_sv, name_en FROM target_groups", NULL, 0};

static const char *
fold(struct arena *a, const char *s)
{
	struct buf b = {0};
	while (*s == ' ')
		s++;
	sv_fold(&b, s, strlen(s));
	while (b.len && b.data[b.len - 1] == ' ')
		b.len--;
	const char *k = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return k;
}

/* Loads every name and slug of areas or target groups. */
static int
lookup_load(struct db *db, struct arena *a, struct dbq *q, int cols, struct lookup *l)
{
	struct dbcur c;
	size_t cap = 64;
	l->items = xmalloc(cap * sizeof(*l->items));
	l->n = 0;
	if (db_query(db, &c, q, DB_NOARGS) != DB_OK)
		return -1;
	while (db_next(&c) > 0) {
		for (int i = 1; i <= cols; i++) {
			if (l->n == cap)
				l->items = xrealloc(l->items, (cap *= 2) * sizeof(*l->items));
			l->items[l->n++] =
			        (struct named){fold(a, db_col_text(&c, i)), db_col_int(&c, 0)};
		}
	}
	db_done(&c);
	return 0;
}

/* Resolves "A|B" to ids; returns the first unknown name, or NULL. */
static const char *
resolve(struct arena *a, const struct lookup *l, const char *list, int64_t *ids, int *n)
{
	*n = 0;
	while (*list) {
		size_t len = strcspn(list, "|");
		const char *name = arena_strndup(a, list, len);
		list += len + (list[len] == '|');
		const char *k = fold(a, name);
		if (!*k)
			continue;
		size_t i = 0;
		while (i < l->n && strcmp(l->items[i].key, k) != 0)
			i++;
		if (i == l->n)
			return name;
		if (*n < ASSOC_MAX_LINKS)
			ids[(*n)++] = l->items[i].id;
	}
	return NULL;
}

static void
progress_bar(FILE *f, const char *what, size_t done, size_t total)
{
	if (!f || total == 0)
		return;
	int pct = (int)(done * 100 / total);
	char bar[41];
	memset(bar, '#', (size_t)pct * 40 / 100);
	memset(bar + pct * 40 / 100, ' ', 40 - (size_t)pct * 40 / 100);
	bar[40] = 0;
	fprintf(f, "\r%-10s [%s] %3d%%", what, bar, pct);
	if (done == total)
		fputc('\n', f);
	fflush(f);
}

/* The import's progress bar, told by assoc_bulk_store. */
static void
importing(void *arg, size_t done, size_t total)
{
	progress_bar(arg, "importing", done, total);
}

struct row {
	int line;
	struct assoc_rec rec;
};

static int
by_orgnr(const void *a, const void *b)
{
	const struct row *x = *(const struct row *const *)a, *y = *(const struct row *const *)b;
	int c = strcmp(x->rec.orgnr, y->rec.orgnr);
	return c ? c : x->line - y->line;
}

/* The same organisationsnummer twice in one file is an error on the later
 * line: sorted, so a large file is checked in n log n. */
static int
report_duplicates(struct row *rows, size_t n, FILE *report)
{
	struct row **s = xmalloc((n ? n : 1) * sizeof(*s));
	for (size_t i = 0; i < n; i++)
		s[i] = &rows[i];
	qsort(s, n, sizeof(*s), by_orgnr);
	int dups = 0;
	for (size_t i = 1; i < n; i++)
		if (s[i]->rec.orgnr[0] && strcmp(s[i]->rec.orgnr, s[i - 1]->rec.orgnr) == 0) {
			fprintf(report, "line %d: organisationsnummer %s is also on line %d\n",
			        s[i]->line, s[i]->rec.orgnr, s[i - 1]->line);
			dups++;
		}
	free(s);
	return dups;
}

/* Maps the header's names to columns; every column must be there once. */
static int
read_header(char **fields, int nf, int map[C_COUNT], FILE *report)
{
	for (int c = 0; c < C_COUNT; c++)
		map[c] = -1;
	for (int i = 0; i < nf; i++) {
		const char *h = fields[i];
		while (*h == ' ')
			h++;
		for (int c = 0; c < C_COUNT; c++)
			if (strncmp(h, col_names[c], strlen(col_names[c])) == 0 &&
			    strspn(h + strlen(col_names[c]), " ") ==
			            strlen(h + strlen(col_names[c])))
				map[c] = i;
	}
	int ok = 1;
	for (int c = 0; c < C_COUNT; c++)
		if (map[c] < 0) {
			fprintf(report, "line 1: the header lacks the column '%s'\n", col_names[c]);
			ok = 0;
		}
	return ok ? 0 : -1;
}

/* Validates every row, reports each bad one with its line, and stores all
 * rows in one transaction only when none is bad. */
int
register_import(struct db *db, const char *data, size_t n, FILE *report, int progress,
                struct import_result *res)
{
	memset(res, 0, sizeof(*res));
	struct arena a = {0};
	struct lookup areas = {0}, groups = {0};
	struct row *rows = NULL;
	size_t nrows = 0, cap = 0;
	int rc = -1;
	FILE *bar = progress ? stderr : NULL;
	if (!text_valid(data, n)) {
		fprintf(report, "the file is not valid UTF-8 text\n");
		goto done;
	}
	if (lookup_load(db, &a, &Q_AREAS, 2, &areas) != 0 ||
	    lookup_load(db, &a, &Q_GROUPS, 3, &groups) != 0) {
		fprintf(report, "database: %s\n", db_errmsg(db));
		goto done;
	}
	struct csv_reader r;
	csv_reader_init(&r, data, n);
	char *f[CSV_MAX_FIELDS];
	int nf, map[C_COUNT];
	if (csv_next(&r, &a, f, &nf) != 1) {
		fprintf(report, "line 1: no header\n");
		goto done;
	}
	if (read_header(f, nf, map, report) != 0)
		goto done;
	int got, width = 0;
	for (int c = 0; c < C_COUNT; c++)
		if (map[c] + 1 > width)
			width = map[c] + 1;
	while ((got = csv_next(&r, &a, f, &nf)) != 0) {
		progress_bar(bar, "checking", (size_t)(r.p - data), n);
		if (got < 0) {
			fprintf(report, "line %d: malformed CSV (unclosed quote or stray text)\n",
			        r.line);
			res->bad_rows++;
			continue;
		}
		if (nf < width) {
			fprintf(report, "line %d: %d fields, expected %d\n", r.line, nf, width);
			res->bad_rows++;
			continue;
		}
		struct assoc_input in = {f[map[C_ORGNR]],   f[map[C_NAME]],    f[map[C_FORM]],
		                         f[map[C_PURPOSE]], f[map[C_EMAIL]],   f[map[C_PHONE]],
		                         f[map[C_WEB]],     f[map[C_FOUNDED]], f[map[C_MEMBERS]]};
		if (nrows == cap)
			rows = xrealloc(rows, (cap = cap ? cap * 2 : 256) * sizeof(*rows));
		struct row *row = &rows[nrows];
		struct assoc_errors e;
		row->line = r.line;
		int bad = assoc_validate(&in, 0, &row->rec, &e);
		const char *msgs[][2] = {{"organisationsnummer", e.orgnr},
		                         {"namn", e.name},
		                         {"form", e.form},
		                         {"andamal", e.purpose},
		                         {"epost", e.email},
		                         {"telefon", e.phone},
		                         {"webbplats", e.website},
		                         {"grundad", e.founded},
		                         {"medlemmar", e.members}};
		for (size_t i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++)
			if (msgs[i][1])
				fprintf(report, "line %d: %s: %s\n", r.line, msgs[i][0],
				        msgs[i][1]);
		const char *unknown =
		        resolve(&a, &areas, f[map[C_AREAS]], row->rec.area_ids, &row->rec.nareas);
		if (unknown) {
			fprintf(report, "line %d: omraden: unknown area '%s'\n", r.line, unknown);
			bad++;
		}
		unknown = resolve(&a, &groups, f[map[C_GROUPS]], row->rec.group_ids,
		                  &row->rec.ngroups);
		if (unknown) {
			fprintf(report, "line %d: malgrupper: unknown target group '%s'\n", r.line,
			        unknown);
			bad++;
		}
		row->rec.active = 1;
		row->rec.public_ = 1;
		if (bad)
			res->bad_rows++;
		else
			nrows++;
	}
	progress_bar(bar, "checking", n, n);
	res->bad_rows += report_duplicates(rows, nrows, report);
	if (res->bad_rows) {
		fprintf(report, "%d bad rows: nothing was imported\n", res->bad_rows);
		goto done;
	}
	if (db_begin(db) != DB_OK || db_keep_plans(db, 0) != DB_OK)
		goto dberr;
	struct assoc_bulk b;
	assoc_bulk_init(&b, db);
	if (bar) {
		b.progress = importing;
		b.progress_arg = bar;
	}
	for (size_t i = 0; i < nrows; i++)
		assoc_bulk_add(&b, &rows[i].rec, rows[i].line);
	int stored = assoc_bulk_store(&b);
	res->created = b.created;
	res->updated = b.updated;
	assoc_bulk_free(&b);
	if (stored != DB_OK) {
		fprintf(report, "lines %d-%d: %s\n", b.first_tag, b.last_tag, db_errmsg(db));
		db_rollback(db);
		res->created = res->updated = 0;
		goto done;
	}
	if (db_commit(db) != DB_OK) {
		db_rollback(db);
		goto dberr;
	}
	res->imported = (int)nrows;
	rc = 0;
	goto done;
dberr:
	fprintf(report, "database: %s\n", db_errmsg(db));
done:
	free(rows);
	free(areas.items);
	free(groups.items);
	arena_reset(&a);
	return rc;
}
