/* The decided grants' public list: one filter read from the address, the
 * awards it selects found in the ledger, the page's rows read by id. */
#include "grants/granted.h"
#include "base/esc.h"
#include "base/valid.h"
#include "register/queries.h"
#include "ui/form.h"
#include "ui/page.h"

#include <stdio.h>
#include <string.h>

/* A page's awards by id, given as one list (db_ids: one statement
 * whatever their number, on both engines), with what the list shows of
 * each. PostgreSQL reads it as an array, which the primary key serves in
 * one index scan (a set from its JSON function was planned as a join of a
 * hundred rows, the planning ten times the execution). The names of the
 * department and the kind are the ledger's: our sessions plan every
 * execution (pg.c), and planning the join of five tables took 0.45 ms of
 * the backend's time a page, of three 0.16, the execution 0.19 and 0.12. */
#define ROWS_SELECT                                                                                \
	"SELECT w.id, w.year, w.amount, w.association_id, w.department_id, w.kind, "               \
	"coalesce(p.name, ''), a.name, coalesce(a.orgnr, ''), a.public * a.active "                \
	"FROM grant_awards w JOIN associations a ON a.id = w.association_id "                      \
	"LEFT JOIN grant_programmes p ON p.id = w.programme_id "
static struct dbq Q_ROWS = {ROWS_SELECT "WHERE " DB_IDS_SQLITE("w.id") " ORDER BY w.id DESC",
                            ROWS_SELECT "WHERE " DB_IDS_PG("w.id") " ORDER BY w.id DESC", 0};
enum { GF_YEAR, GF_DEPT, GF_KIND, GF_AREA, GF_GROUP, GF_COUNT };

/* The filter form above the list, the query string of the CSV and the
 * API alike; its choices are the database's. */
static const struct field_def filter_fields[GF_COUNT] = {
        [GF_YEAR] = {.name = "ar",
                     .label_sv = "År",
                     .label_en = "Year",
                     .type = FIELD_SELECT,
                     .any_sv = "Alla år",
                     .any_en = "All years"},
        [GF_DEPT] = {.name = "forvaltning",
                     .label_sv = "Förvaltning",
                     .label_en = "Department",
                     .type = FIELD_SELECT,
                     .any_sv = "Alla förvaltningar",
                     .any_en = "All departments"},
        [GF_KIND] = {.name = "typ",
                     .label_sv = "Typ av bidrag",
                     .label_en = "Kind of grant",
                     .type = FIELD_SELECT,
                     .any_sv = "Alla typer",
                     .any_en = "All kinds"},
        [GF_AREA] = {.name = "omrade",
                     .label_sv = "Område",
                     .label_en = "Area",
                     .type = FIELD_SELECT,
                     .any_sv = "Alla områden",
                     .any_en = "All areas"},
        [GF_GROUP] = {.name = "malgrupp",
                      .label_sv = "Målgrupp",
                      .label_en = "Target group",
                      .type = FIELD_SELECT,
                      .any_sv = "Alla målgrupper",
                      .any_en = "All target groups"},
};
static const struct form_def filter_form = {"beviljade", filter_fields, GF_COUNT};

/* A filter's value, NULL when it is empty. */
static const char *
given(const struct form *f, int i)
{
	return f->value[i] && *f->value[i] ? f->value[i] : NULL;
}

void
granted_query_read(struct req *r, struct granted_query *q)
{
	struct form form;
	form_init(&form, r, &filter_form);
	form_read_query(&form, r);
	*q = (struct granted_query){.year = given(&form, GF_YEAR),
	                            .department = given(&form, GF_DEPT),
	                            .kind = given(&form, GF_KIND),
	                            .area = given(&form, GF_AREA),
	                            .group = given(&form, GF_GROUP),
	                            .page = page_param(r)};
}

/* The id of the choice with code, 0 when there is none. */
static int64_t
choice_id(const struct choice *c, const char *code)
{
	for (; c && c->code; c++)
		if (strcmp(c->code, code) == 0)
			return c->id;
	return 0;
}

/* The years granted in, newest first, as choices. */
static struct choice *
year_choices(struct arena *a, const struct ledger *l)
{
	size_t n = l->first_year ? (size_t)(l->last_year - l->first_year + 1) : 0;
	struct choice *c = arena_zalloc(a, (n + 1) * sizeof(*c));
	for (size_t i = 0; i < n; i++) {
		char y[8];
		snprintf(y, sizeof(y), "%d", l->last_year - (int)i);
		c[i] = (struct choice){arena_strdup(a, y), NULL, NULL, l->last_year - (int64_t)i};
		c[i].name_sv = c[i].name_en = c[i].code;
	}
	return c;
}

/* The choices of the filter: years, departments and kinds of grant from
 * the ledger, areas and target groups as the register names them. 0, or
 * -1 on a database error. */
int
granted_choices_read(struct req *r, const struct ledger *l, struct granted_choices *ch)
{
	struct choice *areas, *groups;
	size_t na, ng;
	ch->years = year_choices(&r->a, l);
	ch->departments = l->departments;
	ch->kinds = l->kind_names;
	if (register_choices(r->db, &r->a, 0, &areas, &na) != 0 ||
	    register_choices(r->db, &r->a, 1, &groups, &ng) != 0)
		return -1;
	ch->areas = areas, ch->groups = groups;
	return 0;
}

/* The filter in the ledger's terms. A value that names nothing (a year
 * without grants, an unknown department) selects nothing, as the
 * register's filters do. 0, or -1 on a database error. */
int
granted_filter(struct req *r, const struct ledger *l, const struct granted_query *q,
               const struct granted_choices *ch, struct ledger_filter *f)
{
	*f = (struct ledger_filter){.kind = -1};
	int64_t year = 0, area = 0, group = 0;
	if (q->year && !int_in_range(q->year, 1990, 2200, &year))
		f->none = 1;
	f->year = (int)year;
	if (q->department && !(f->department_id = choice_id(ch->departments, q->department)))
		f->none = 1;
	if (q->kind && (f->kind = ledger_kind(l, q->kind)) < 0)
		f->none = 1;
	if (q->area && !(area = choice_id(ch->areas, q->area)))
		f->none = 1;
	if (q->group && !(group = choice_id(ch->groups, q->group)))
		f->none = 1;
	int64_t reg = area || group ? db_generation(r->db, "generation") : 0;
	snprintf(f->key, sizeof(f->key), "%d|%lld|%d|%lld|%lld|%lld|%d", f->year,
	         (long long)f->department_id, f->kind, (long long)area, (long long)group,
	         (long long)reg, f->none);
	if (f->none)
		return 0;
	return reg < 0 ? -1
	               : ledger_assoc_match(r->db, &r->a, l, f->key, area, group, &f->assoc_match);
}

/* The choice of a department by id, of a kind by code (id 0); one with
 * empty names if there is none, which the foreign keys rule out. */
static const struct choice *
choice_of(const struct choice *c, int64_t id, const char *code)
{
	static const struct choice none = {"", "", "", 0};
	for (; c && c->code; c++)
		if (code ? strcmp(c->code, code) == 0 : c->id == id)
			return c;
	return &none;
}

/* Reads the rows of up to GRANTED_PAGE_SIZE awards by id into out->rows
 * (after out->n already there), their departments and kinds named from
 * the choices. */
static int
rows_read(struct db *db, struct arena *a, const struct granted_choices *ch, const int64_t *ids,
          size_t n, struct granted_list *out)
{
	struct dbcur c;
	if (db_query(db, &c, &Q_ROWS, DB_ARGS(DB_TEXT(db_ids(a, db_kind(db), ids, n)))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		struct granted_row *x = &out->rows[out->n++];
		int shown = db_col_int(&c, 9) == 1;
		const struct choice *d = choice_of(ch->departments, db_col_int(&c, 4), NULL);
		const struct choice *k = choice_of(ch->kinds, 0, db_col_text(&c, 5));
		*x = (struct granted_row){
		        .id = db_col_int(&c, 0),
		        .year = (int)db_col_int(&c, 1),
		        .amount = db_col_int(&c, 2),
		        .association_id = shown ? db_col_int(&c, 3) : 0,
		        .shown = shown,
		        .department = d->name_sv,
		        .department_en = d->name_en,
		        .department_code = d->code,
		        .programme = arena_strdup(a, db_col_text(&c, 6)),
		        .kind = arena_strdup(a, db_col_text(&c, 5)),
		        .kind_sv = k->name_sv,
		        .kind_en = k->name_en,
		        .name = shown ? arena_strdup(a, db_col_text(&c, 7)) : "",
		        .orgnr = shown ? arena_strdup(a, db_col_text(&c, 8)) : "",
		};
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* What the filter selects: its count and sum, and the rows of page
 * (1-based; past the last page none). The count, the sum and where the
 * page starts are the ledger's memo (one walk per filter and generation);
 * then the page's hits from its start and one read of their rows by id. */
int
granted_list(struct req *r, const struct ledger *l, const struct granted_choices *ch,
             const struct ledger_filter *f, int64_t page, struct granted_list *out)
{
	int64_t ids[GRANTED_PAGE_SIZE];
	size_t nids = 0, i;
	struct ledger_selection sel;
	ledger_select(l, f, page, &sel, &i);
	*out = (struct granted_list){.total = sel.total, .sum = sel.sum};
	for (; i < l->n && nids < GRANTED_PAGE_SIZE; i++)
		if (ledger_match(f, &l->awards[i]))
			ids[nids++] = l->awards[i].id;
	out->rows = arena_alloc(&r->a, GRANTED_PAGE_SIZE * sizeof(*out->rows));
	return nids ? rows_read(r->db, &r->a, ch, ids, nids, out) : 0;
}

/* Calls fn for every award the filter selects, newest first, a page's
 * rows read at a time into an arena of their own, emptied after each:
 * the whole list never sits in memory. 0, or -1. */
int
granted_each(struct req *r, const struct ledger *l, const struct granted_choices *ch,
             const struct ledger_filter *f, void (*fn)(const struct granted_row *, void *),
             void *arg)
{
	int64_t ids[GRANTED_PAGE_SIZE];
	struct granted_list page = {0};
	page.rows = arena_alloc(&r->a, GRANTED_PAGE_SIZE * sizeof(*page.rows));
	struct arena rows = {0};
	int rc = 0;
	for (size_t i = 0; i < l->n && rc == 0;) {
		size_t nids = 0;
		for (; i < l->n && nids < GRANTED_PAGE_SIZE; i++)
			if (ledger_match(f, &l->awards[i]))
				ids[nids++] = l->awards[i].id;
		if (!nids)
			break;
		page.n = 0;
		rc = rows_read(r->db, &rows, ch, ids, nids, &page);
		for (size_t k = 0; rc == 0 && k < page.n; k++)
			fn(&page.rows[k], arg);
		arena_reset(&rows);
	}
	return rc;
}

/* The filter form as the page draws it (*n fields). */
struct field *
granted_filter_fields(struct req *r, const struct granted_query *q,
                      const struct granted_choices *ch, int *n)
{
	*n = GF_COUNT;
	struct form form;
	form_init(&form, r, &filter_form);
	form.filter = 1;
	const char *vals[GF_COUNT] = {q->year, q->department, q->kind, q->area, q->group};
	const struct choice *choices[GF_COUNT] = {ch->years, ch->departments, ch->kinds, ch->areas,
	                                          ch->groups};
	for (int i = 0; i < GF_COUNT; i++) {
		form_set(&form, filter_fields[i].name, vals[i]);
		form_set_choices(&form, filter_fields[i].name, choices[i]);
	}
	return form_fields(&form, &r->a);
}

/* An address (the list, the CSV, the API) with the same filter, at page
 * (1: none). */
const char *
granted_url(struct req *r, const char *base, const struct granted_query *q, int64_t page)
{
	const char *keys[GF_COUNT],
	        *vals[GF_COUNT] = {q->year, q->department, q->kind, q->area, q->group};
	for (int i = 0; i < GF_COUNT; i++)
		keys[i] = filter_fields[i].name;
	return url_with_page(&r->a, base, keys, vals, GF_COUNT, page);
}
