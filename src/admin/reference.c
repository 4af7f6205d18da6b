/* Administration of departments (with their committees), local areas and
 * target groups. */
#include "admin/reference.h"
#include "admin/admin.h"
#include "admin/reference.tpl.h"
#include "base/sortkey.h"
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

void
reference_render(struct req *r, const char *heading, const char *action, const char *const *cols,
                 struct dbq *list, const struct field *fields, int nfields, int nerrors)
{
	struct refrow *rows;
	size_t n;
	if (reference_rows(r, list, &rows, &n) != 0) {
		req_error(r, 500);
		return;
	}
	r->p.title = heading;
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_admin_reference(
	        &r->out, &r->p, csrf, heading, action, cols, rows, n, fields, nfields, nerrors,
	        req_query(r, "tillagd") ? (r->p.english ? "Added." : "Tillagt.") : NULL);
	layout_foot(r);
}

/* Required text of at most max bytes; sets the field's error. */
static int
need(struct req *r, struct field *f, size_t max)
{
	const char *v = req_form(r, f->name);
	f->value = v;
	size_t n = v ? strlen(v) : 0;
	while (n && isspace((unsigned char)v[n - 1]))
		n--;
	if (!v || n == 0)
		f->error = r->p.english ? "This field is required." : "Fältet måste fyllas i.";
	else if (n > max || !text_valid(v, strlen(v)))
		f->error = r->p.english ? "Too long, or characters that are not allowed."
		                        : "För långt, eller otillåtna tecken.";
	return f->error != NULL;
}

/* A URL-safe slug from a name: "Västra hamnen" -> "vastra-hamnen". */
static const char *
slugify(struct req *r, const char *name)
{
	struct buf k = {0}, out = {0};
	sv_sort_key(&k, name, strlen(name));
	for (size_t i = 0; i < k.len; i++) {
		char c = k.data[i];
		if (c == '{' || c == '|')
			c = 'a';
		else if (c == '}')
			c = 'o';
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			buf_putc(&out, c);
		else if (c == ' ' && out.len && out.data[out.len - 1] != '-')
			buf_putc(&out, '-');
	}
	const char *s = arena_strdup(&r->a, buf_cstr(&out));
	buf_free(&k);
	buf_free(&out);
	return s;
}

/* Runs the insert; a duplicate becomes an error on the first field. */
static int
insert(struct req *r, struct dbq *q, const struct dbval *args, int n, struct field *first)
{
	int rc = db_exec(r->db, q, args, n);
	if (rc == DB_CONSTRAINT)
		first->error = r->p.english ? "This already exists." : "Detta finns redan.";
	else if (rc != DB_OK)
		return -1;
	return first->error ? 1 : 0;
}

static const char *const *
dept_cols(struct req *r)
{
	static const char *const sv[] = {"Kod", "Förvaltning", "Nämnd"};
	static const char *const en[] = {"Code", "Department", "Committee"};
	return r->p.english ? en : sv;
}

static void
dept_fields(struct req *r, struct field f[4])
{
	int en = r->p.english;
	f[0] = (struct field){
	        "kod",
	        en ? "Code (for diarienummer, e.g. FRI)" : "Kod (i diarienummer, t.ex. FRI)",
	        NULL,
	        NULL,
	        "text",
	        NULL,
	        1,
	        "off",
	        NULL,
	        NULL};
	f[1] = (struct field){"namn", en ? "Name in Swedish" : "Namn på svenska",
	                      NULL,   NULL,
	                      "text", NULL,
	                      1,      "off",
	                      NULL,   NULL};
	f[2] = (struct field){"namn_en", en ? "Name in English" : "Namn på engelska",
	                      NULL,      NULL,
	                      "text",    NULL,
	                      1,         "off",
	                      NULL,      NULL};
	f[3] = (struct field){"namnd", en ? "Committee (nämnd)" : "Nämnd",
	                      NULL,    NULL,
	                      "text",  NULL,
	                      1,       "off",
	                      NULL,    NULL};
}

void
admin_departments(struct req *r)
{
	struct field f[4];
	dept_fields(r, f);
	reference_render(r, r->p.english ? "Departments" : "Förvaltningar", "/admin/forvaltningar",
	                 dept_cols(r), &Q_DEPTS, f, 4, 0);
}

/* A department code is 2–5 capital letters: it starts every diarienummer. */
void
admin_department_add(struct req *r)
{
	struct field f[4];
	dept_fields(r, f);
	int bad = 0;
	for (int i = 0; i < 4; i++)
		bad += need(r, &f[i], 200);
	const char *code = f[0].value;
	if (!f[0].error && (strlen(code) < 2 || strlen(code) > 5 ||
	                    strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != strlen(code))) {
		f[0].error = r->p.english ? "Two to five capital letters A–Z."
		                          : "Två till fem versaler A–Z.";
		bad++;
	}
	if (!bad) {
		int rc = insert(r, &Q_DEPT_ADD,
		                DB_ARGS(DB_TEXT(code), DB_TEXT(f[1].value), DB_TEXT(f[2].value),
		                        DB_TEXT(f[3].value)),
		                &f[0]);
		if (rc < 0) {
			req_error(r, 500);
			return;
		}
		if (rc == 0) {
			req_redirect(r, "/admin/forvaltningar?tillagd=1");
			return;
		}
		bad = 1;
	}
	r->status = 422;
	reference_render(r, r->p.english ? "Departments" : "Förvaltningar", "/admin/forvaltningar",
	                 dept_cols(r), &Q_DEPTS, f, 4, bad);
}

static const char *const *
area_cols(struct req *r)
{
	static const char *const sv[] = {"Kortnamn", "Område", NULL};
	static const char *const en[] = {"Slug", "Area", NULL};
	return r->p.english ? en : sv;
}

void
admin_areas(struct req *r)
{
	struct field f = {
	        "namn", r->p.english ? "Name" : "Namn", NULL, NULL, "text", NULL, 1, "off", NULL,
	        NULL};
	reference_render(r, r->p.english ? "Local areas" : "Lokalområden", "/admin/omraden",
	                 area_cols(r), &Q_AREAS, &f, 1, 0);
}

void
admin_area_add(struct req *r)
{
	struct field f = {
	        "namn", r->p.english ? "Name" : "Namn", NULL, NULL, "text", NULL, 1, "off", NULL,
	        NULL};
	if (!need(r, &f, 100)) {
		const char *slug = slugify(r, f.value);
		int rc =
		        *slug ? insert(r, &Q_AREA_ADD, DB_ARGS(DB_TEXT(slug), DB_TEXT(f.value)), &f)
		              : 1;
		if (!*slug)
			f.error = r->p.english ? "Use letters in the name."
			                       : "Använd bokstäver i namnet.";
		if (rc < 0) {
			req_error(r, 500);
			return;
		}
		if (rc == 0) {
			req_redirect(r, "/admin/omraden?tillagd=1");
			return;
		}
	}
	r->status = 422;
	reference_render(r, r->p.english ? "Local areas" : "Lokalområden", "/admin/omraden",
	                 area_cols(r), &Q_AREAS, &f, 1, 1);
}

static const char *const *
group_cols(struct req *r)
{
	static const char *const sv[] = {"Kortnamn", "Målgrupp", "På engelska"};
	static const char *const en[] = {"Slug", "Target group (Swedish)", "In English"};
	return r->p.english ? en : sv;
}

static void
group_fields(struct req *r, struct field f[2])
{
	int en = r->p.english;
	f[0] = (struct field){"namn", en ? "Name in Swedish" : "Namn på svenska",
	                      NULL,   NULL,
	                      "text", NULL,
	                      1,      "off",
	                      NULL,   NULL};
	f[1] = (struct field){"namn_en", en ? "Name in English" : "Namn på engelska",
	                      NULL,      NULL,
	                      "text",    NULL,
	                      1,         "off",
	                      NULL,      NULL};
}

void
admin_groups(struct req *r)
{
	struct field f[2];
	group_fields(r, f);
	reference_render(r, r->p.english ? "Target groups" : "Målgrupper", "/admin/malgrupper",
	                 group_cols(r), &Q_GROUPS, f, 2, 0);
}

void
admin_group_add(struct req *r)
{
	struct field f[2];
	group_fields(r, f);
	int bad = need(r, &f[0], 100) + need(r, &f[1], 100);
	if (!bad) {
		const char *slug = slugify(r, f[0].value);
		int rc = insert(r, &Q_GROUP_ADD,
		                DB_ARGS(DB_TEXT(slug), DB_TEXT(f[0].value), DB_TEXT(f[1].value)),
		                &f[0]);
		if (rc < 0) {
			req_error(r, 500);
			return;
		}
		if (rc == 0) {
			req_redirect(r, "/admin/malgrupper?tillagd=1");
			return;
		}
	}
	r->status = 422;
	reference_render(r, r->p.english ? "Target groups" : "Målgrupper", "/admin/malgrupper",
	                 group_cols(r), &Q_GROUPS, f, 2, 1);
}
