/* Administration of departments (with their committees), local areas and
 * target groups. */
#include "admin/reference.h"
#include "admin/admin.h"
#include "admin/reference.tpl.h"
#include "base/fold.h"
#include "http/decode.h"
#include "layout/layout.h"

#include <ctype.h>
#include <string.h>

static struct dbq Q_DEPTS = {"SELECT code, name_sv, committee FROM departments ORDER BY code", NULL,
                             0};
static struct dbq Q_DEPT_ADD = {
        "INSERT INTO departments (code, name_sv, name_en, committee) VALUES ($1, $2, $3, $4)", NULL,
        0};
static struct dbq Q_AREAS = {"SELECT slug, name, '' FROM areas ORDER BY name", NULL, 0};
static struct dbq Q_AREA_ADD = {"INSERT INTO areas (slug, name) VALUES ($1, $2)", NULL, 0};
static struct dbq Q_GROUPS = {"SELECT slug, name_sv, name_en FROM target_groups ORDER BY name_sv",
                              NULL, 0};
static struct dbq Q_GROUP_ADD = {
        "INSERT INTO target_groups (slug, name_sv, name_en) VALUES ($1, $2, $3)", NULL, 0};

/* Reads the first three columns of every row. */
int
reference_rows(struct req *r, struct dbq *q, struct refrow **rows, size_t *n)
{
	struct dbcur c;
	size_t cap = 32;
	*n = 0;
	*rows = arena_alloc(&r->a, cap * sizeof(**rows));
	if (db_query(r->db, &c, q, DB_NOARGS) != DB_OK)
		return -1;
	while (db_next(&c) > 0) {
		*rows = arena_grow(&r->a, *rows, *n, &cap, sizeof(**rows));
		for (int i = 0; i < 3; i++)
			(*rows)[*n].v[i] = arena_strdup(&r->a, db_col_text(&c, i));
		(*n)++;
	}
	db_done(&c);
	return 0;
}

/* Choices from a query of (id, code, name_sv, name_en), for a select. */
struct choice *
reference_choices(struct req *r, struct dbq *q)
{
	struct dbcur c;
	size_t cap = 64, k = 0;
	struct choice *out = arena_alloc(&r->a, cap * sizeof(*out));
	if (db_query(r->db, &c, q, DB_NOARGS) == DB_OK) {
		while (db_next(&c) > 0) {
			out = arena_grow(&r->a, out, k + 1, &cap, sizeof(*out));
			out[k++] = (struct choice){arena_strdup(&r->a, db_col_text(&c, 1)),
			                           arena_strdup(&r->a, db_col_text(&c, 2)),
			                           arena_strdup(&r->a, db_col_text(&c, 3)),
			                           db_col_int(&c, 0)};
		}
	}
	db_done(&c);
	out[k] = (struct choice){0};
	return out;
}

/* The list with its form to add to it; f is empty, or the refused form
 * with what was typed. */
void
reference_render(struct req *r, const char *heading, const char *action, const char *const *cols,
                 struct dbq *list, const struct form *f)
{
	struct refrow *rows;
	size_t n;
	if (reference_rows(r, list, &rows, &n) != 0) {
		req_error(r, 500);
		return;
	}
	r->p.title = heading;
	layout_form_page(r, action);
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_admin_reference(
	        &r->out, &r->p, csrf, heading, action, cols, rows, n, f, form_fields(f, &r->a),
	        req_query(r, "tillagd") ? (r->p.english ? "Added." : "Tillagt.") : NULL);
	layout_foot(r);
}

/* A department code is 2–5 capital letters: it starts every diarienummer. */
static const char *
code_problem(const char *v, int english)
{
	if (strlen(v) >= 2 && strlen(v) <= 5 &&
	    strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == strlen(v))
		return NULL;
	return english ? "Two to five capital letters A–Z." : "Två till fem versaler A–Z.";
}

/* The three lists' forms: short required texts, a department's code by
 * its rule. */
static const struct field_def dept_fields[] = {
        {.name = "kod",
         .label_sv = "Kod (i diarienummer, t.ex. FRI)",
         .label_en = "Code (for diarienummer, e.g. FRI)",
         .type = FIELD_TEXT,
         .required = 1,
         .autocomplete = "off",
         .check = code_problem,
         .missing_sv = "Fältet måste fyllas i.",
         .missing_en = "This field is required."},
        {.name = "namn",
         .label_sv = "Namn på svenska",
         .label_en = "Name in Swedish",
         .type = FIELD_TEXT,
         .required = 1,
         .autocomplete = "off",
         .missing_sv = "Fältet måste fyllas i.",
         .missing_en = "This field is required."},
        {.name = "namn_en",
         .label_sv = "Namn på engelska",
         .label_en = "Name in English",
         .type = FIELD_TEXT,
         .required = 1,
         .autocomplete = "off",
         .missing_sv = "Fältet måste fyllas i.",
         .missing_en = "This field is required."},
        {.name = "namnd",
         .label_sv = "Nämnd",
         .label_en = "Committee (nämnd)",
         .type = FIELD_TEXT,
         .required = 1,
         .autocomplete = "off",
         .missing_sv = "Fältet måste fyllas i.",
         .missing_en = "This field is required."},
};
static const struct form_def dept_form = {"forvaltning", dept_fields, 4};

static const struct field_def area_fields[] = {
        {.name = "namn",
         .label_sv = "Namn",
         .label_en = "Name",
         .type = FIELD_TEXT,
         .required = 1,
         .max = 100,
         .autocomplete = "off",
         .missing_sv = "Fältet måste fyllas i.",
         .missing_en = "This field is required."},
};
static const struct form_def area_form = {"omrade", area_fields, 1};

static const struct field_def group_fields[] = {
        {.name = "namn",
         .label_sv = "Namn på svenska",
         .label_en = "Name in Swedish",
         .type = FIELD_TEXT,
         .required = 1,
         .max = 100,
         .autocomplete = "off",
         .missing_sv = "Fältet måste fyllas i.",
         .missing_en = "This field is required."},
        {.name = "namn_en",
         .label_sv = "Namn på engelska",
         .label_en = "Name in English",
         .type = FIELD_TEXT,
         .required = 1,
         .max = 100,
         .autocomplete = "off",
         .missing_sv = "Fältet måste fyllas i.",
         .missing_en = "This field is required."},
};
static const struct form_def group_form = {"malgrupp", group_fields, 2};

/* Runs the insert; a duplicate becomes an error on the form's first
 * field: 0 stored, 1 a duplicate, -1 the database failed. */
static int
insert(struct req *r, struct dbq *q, const struct dbval *args, int n, struct form *f)
{
	int rc = db_exec(r->db, q, args, n);
	if (rc == DB_CONSTRAINT) {
		form_error(f, f->def->fields[0].name, "Detta finns redan.", "This already exists.");
		return 1;
	}
	return rc == DB_OK ? 0 : -1;
}

/* One of the three lists: its heading, address, columns and rows. */
struct reflist {
	const char *heading, *action;
	const char *const *cols;
	struct dbq *rows;
};

/* Ends an add: back to the list, or the list again with the form refused
 * (422), or 500. */
static void
added(struct req *r, int rc, const char *done, const struct reflist *l, const struct form *f)
{
	if (rc < 0) {
		req_error(r, 500);
		return;
	}
	if (rc == 0 && f->nerrors == 0) {
		req_redirect(r, done);
		return;
	}
	r->status = 422;
	reference_render(r, l->heading, l->action, l->cols, l->rows, f);
}

static struct reflist
departments(struct req *r)
{
	static const char *const sv[] = {"Kod", "Förvaltning", "Nämnd"};
	static const char *const en[] = {"Code", "Department", "Committee"};
	int e = r->p.english;
	return (struct reflist){e ? "Departments" : "Förvaltningar", "/admin/forvaltningar",
	                        e ? en : sv, &Q_DEPTS};
}

void
admin_departments(struct req *r)
{
	struct form f;
	form_init(&f, r, &dept_form);
	struct reflist l = departments(r);
	reference_render(r, l.heading, l.action, l.cols, l.rows, &f);
}

void
admin_department_add(struct req *r)
{
	struct form f;
	form_init(&f, r, &dept_form);
	int rc = 0;
	if (form_read(&f, r) == 0)
		rc = insert(r, &Q_DEPT_ADD,
		            DB_ARGS(DB_TEXT(form_value(&f, "kod")), DB_TEXT(form_value(&f, "namn")),
		                    DB_TEXT(form_value(&f, "namn_en")),
		                    DB_TEXT(form_value(&f, "namnd"))),
		            &f);
	struct reflist l = departments(r);
	added(r, rc, "/admin/forvaltningar?tillagd=1", &l, &f);
}

static struct reflist
areas(struct req *r)
{
	static const char *const sv[] = {"Kortnamn", "Område", NULL};
	static const char *const en[] = {"Slug", "Area", NULL};
	int e = r->p.english;
	return (struct reflist){e ? "Local areas" : "Lokalområden", "/admin/omraden", e ? en : sv,
	                        &Q_AREAS};
}

void
admin_areas(struct req *r)
{
	struct form f;
	form_init(&f, r, &area_form);
	struct reflist l = areas(r);
	reference_render(r, l.heading, l.action, l.cols, l.rows, &f);
}

/* An area's slug comes from its name, so the name needs letters. */
void
admin_area_add(struct req *r)
{
	struct form f;
	form_init(&f, r, &area_form);
	int rc = 0;
	if (form_read(&f, r) == 0) {
		const char *name = form_value(&f, "namn"), *slug = sv_slug(&r->a, name, 80);
		if (*slug)
			rc = insert(r, &Q_AREA_ADD, DB_ARGS(DB_TEXT(slug), DB_TEXT(name)), &f);
		else
			form_error(&f, "namn", "Använd bokstäver i namnet.",
			           "Use letters in the name.");
	}
	struct reflist l = areas(r);
	added(r, rc, "/admin/omraden?tillagd=1", &l, &f);
}

static struct reflist
groups(struct req *r)
{
	static const char *const sv[] = {"Kortnamn", "Målgrupp", "På engelska"};
	static const char *const en[] = {"Slug", "Target group (Swedish)", "In English"};
	int e = r->p.english;
	return (struct reflist){e ? "Target groups" : "Målgrupper", "/admin/malgrupper",
	                        e ? en : sv, &Q_GROUPS};
}

void
admin_groups(struct req *r)
{
	struct form f;
	form_init(&f, r, &group_form);
	struct reflist l = groups(r);
	reference_render(r, l.heading, l.action, l.cols, l.rows, &f);
}

void
admin_group_add(struct req *r)
{
	struct form f;
	form_init(&f, r, &group_form);
	int rc = 0;
	if (form_read(&f, r) == 0) {
		const char *name = form_value(&f, "namn");
		rc = insert(r, &Q_GROUP_ADD,
		            DB_ARGS(DB_TEXT(sv_slug(&r->a, name, 80)), DB_TEXT(name),
		                    DB_TEXT(form_value(&f, "namn_en"))),
		            &f);
	}
	struct reflist l = groups(r);
	added(r, rc, "/admin/malgrupper?tillagd=1", &l, &f);
}
