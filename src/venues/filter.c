/* The venues' filters: what /lokaler, /lokaler/lediga and /api/v1/lokaler
 * take, declared once. Unlike the register's, a value that is no value
 * of the filter is refused, not ignored: a resident who asks for venues
 * "for tio" should be told, and an API client must be. */
#include "venues/filter.h"

#include <stdlib.h>
#include <string.h>

#include "base/valid.h"
#include "register/queries.h"

enum { VF_Q, VF_TYPE, VF_AREA, VF_CAPACITY, VF_STEP_FREE, VF_TOILET, VF_LOOP, VF_LIFT, VF_COUNT };

static const struct field_def filter_fields[VF_COUNT] = {
        [VF_Q] = {.name = "q",
                  .label_sv = "Sök på namn eller adress",
                  .label_en = "Search by name or address",
                  .type = FIELD_SEARCH},
        [VF_TYPE] = {.name = "typ",
                     .label_sv = "Typ av lokal",
                     .label_en = "Type of venue",
                     .type = FIELD_SELECT,
                     .any_sv = "Alla typer",
                     .any_en = "All types"},
        [VF_AREA] = {.name = "omrade",
                     .label_sv = "Område",
                     .label_en = "Area",
                     .type = FIELD_SELECT,
                     .any_sv = "Alla områden",
                     .any_en = "All areas"},
        [VF_CAPACITY] = {.name = "kapacitet",
                         .label_sv = "Minst antal personer",
                         .label_en = "At least this many people",
                         .type = FIELD_INT,
                         .min = 1,
                         .max_int = 100000},
        [VF_STEP_FREE] = {.name = "stegfri",
                          .label_sv = "Stegfri entré",
                          .label_en = "Step-free entrance",
                          .type = FIELD_CHECKBOX},
        [VF_TOILET] = {.name = "rwc",
                       .label_sv = "Tillgänglig toalett",
                       .label_en = "Accessible toilet",
                       .type = FIELD_CHECKBOX},
        [VF_LOOP] = {.name = "horslinga",
                     .label_sv = "Hörslinga",
                     .label_en = "Hearing loop",
                     .type = FIELD_CHECKBOX},
        [VF_LIFT] = {.name = "hiss",
                     .label_sv = "Hiss",
                     .label_en = "Lift",
                     .type = FIELD_CHECKBOX},
};
static const struct form_def filter_form = {"lokaler", filter_fields, VF_COUNT};

static struct dbq Q_TYPES = {"SELECT code, name_sv, name_en FROM venue_types ORDER BY pos", NULL,
                             0};

int
venue_choices_get(struct req *r, struct venue_choices *out)
{
	struct dbcur c;
	size_t n = 0, cap = 0;
	out->types = NULL;
	if (db_query(r->db, &c, &Q_TYPES, DB_NOARGS) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		out->types = arena_grow(&r->a, out->types, n, &cap, sizeof *out->types);
		out->types[n++] =
		        (struct choice){.code = arena_strdup(&r->a, db_col_text(&c, 0)),
		                        .name_sv = arena_strdup(&r->a, db_col_text(&c, 1)),
		                        .name_en = arena_strdup(&r->a, db_col_text(&c, 2))};
	}
	db_done(&c);
	if (rc < 0)
		return -1;
	out->types = arena_grow(&r->a, out->types, n, &cap, sizeof *out->types);
	out->types[n] = (struct choice){0};
	return register_choices(r->db, &r->a, 0, &out->areas, &n) == 0 ? 0 : -1;
}

/* Whether code is one of the choices. */
static int
known(const struct choice *c, const char *code)
{
	for (; c && c->code; c++)
		if (strcmp(c->code, code) == 0)
			return 1;
	return 0;
}

/* A box of the filter: 0 when absent or empty, 1 for "1", -1 otherwise. */
static int
box(struct req *r, int i)
{
	const char *v = req_query(r, filter_fields[i].name);
	if (!v || !*v)
		return 0;
	return strcmp(v, "1") == 0 ? 1 : -1;
}

int
venue_filter_read(struct req *r, const struct venue_choices *c, struct venue_filter *f,
                  const char **bad)
{
	memset(f, 0, sizeof *f);
	*bad = NULL;
	const char *q = req_query(r, "q"), *type = req_query(r, "typ"),
	           *area = req_query(r, "omrade"), *cap = req_query(r, "kapacitet");
	if (q && *q && utf8_chars(q) > 200)
		*bad = "q";
	f->q = q && *q ? q : NULL;
	if (type && *type && !known(c->types, type))
		*bad = "typ";
	f->type = type && *type ? type : NULL;
	if (area && *area && !known(c->areas, area))
		*bad = "omrade";
	f->area = area && *area ? area : NULL;
	if (cap && *cap) {
		char *end;
		long v = strtol(cap, &end, 10);
		if (*end || end == cap || v < 1 || v > 100000)
			*bad = "kapacitet";
		else
			f->min_capacity = (int)v;
	}
	int *boxes[] = {&f->step_free, &f->accessible_toilet, &f->hearing_loop, &f->lift};
	for (int i = 0; i < 4; i++) {
		int v = box(r, VF_STEP_FREE + i);
		if (v < 0)
			*bad = filter_fields[VF_STEP_FREE + i].name;
		else
			*boxes[i] = v;
	}
	return *bad ? -1 : 0;
}

struct field *
venue_filter_fields(struct req *r, const struct venue_choices *c, const struct venue_filter *f,
                    int *n)
{
	*n = VF_COUNT;
	struct form form;
	form_init(&form, r, &filter_form);
	form.filter = 1;
	form_set(&form, "q", f->q);
	form_set(&form, "typ", f->type);
	form_set(&form, "omrade", f->area);
	if (f->min_capacity)
		form_set(&form, "kapacitet", arena_printf(&r->a, "%d", f->min_capacity));
	const int boxes[] = {f->step_free, f->accessible_toilet, f->hearing_loop, f->lift};
	for (int i = 0; i < 4; i++)
		if (boxes[i])
			form_set(&form, filter_fields[VF_STEP_FREE + i].name, "1");
	form_set_choices(&form, "typ", c->types);
	form_set_choices(&form, "omrade", c->areas);
	return form_fields(&form, &r->a);
}
