/* The invoice basis (issue 11, point 9): what each association is to be
 * charged for a month, for the finance system. A row per department and
 * association: its confirmed bookings that start in the month (local
 * time) and the cancellations marked late, which are still charged, with
 * the hours and the amount in öre summed in one statement. The same rows
 * go to the page (with their total), to CSV and to XLSX, so the three
 * agree to the öre. An officer sees their department's venues; an
 * administrator every department's, or one chosen. */
#include "venues/usage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/days.h"
#include "base/money.h"
#include "layout/layout.h"
#include "ui/xlsx.h"
#include "venues/invoice.tpl.h"
#include "venues/invoice.h"

static struct dbq Q_ROWS = {
        DB_PLAN_EACH
        "SELECT d.name_sv, d.name_en, a.name, coalesce(a.orgnr, ''), count(*), "
        "sum(b.ends - b.starts), sum(b.price) FROM bookings b "
        "JOIN venues v ON v.id = b.venue_id JOIN departments d ON d.id = v.department_id "
        "JOIN associations a ON a.id = b.association_id "
        "WHERE b.starts >= $1 AND b.starts < $2 AND ($3 = 0 OR v.department_id = $3) "
        "AND b.status IN ('confirmed', 'cancelled') AND (b.status = 'confirmed' OR b.late = 1) "
        "GROUP BY d.id, d.name_sv, d.name_en, a.id, a.name, a.orgnr, a.sort_key "
        "ORDER BY d.name_sv, d.id, a.sort_key, a.id",
        NULL, 0};

static const struct field_def basis_fields[] = {
        {.name = "manad",
         .label_sv = "Månad",
         .label_en = "Month",
         .type = FIELD_TEXT,
         .max = 7,
         .hint_sv = "ÅÅÅÅ-MM.",
         .hint_en = "YYYY-MM."},
        {.name = "forvaltning",
         .label_sv = "Förvaltning",
         .label_en = "Department",
         .type = FIELD_SELECT,
         .any_sv = "Alla förvaltningar",
         .any_en = "Every department"},
};
static const struct form_def basis_form = {"fakturaunderlag", basis_fields, 2};

/* The columns of both files, in their order. */
static const char *const columns[] = {"manad",     "forvaltning", "forening", "organisationsnummer",
                                      "bokningar", "timmar",      "belopp_kr"};
enum { NCOLUMNS = sizeof(columns) / sizeof(columns[0]) };

/* Hundredths of an hour, rounded, of a number of seconds: what the page
 * and the files show as hours with two decimals. */
static int64_t
hour_hundredths(int64_t secs)
{
	return (secs + 18) / 36;
}

/* Whether s is a month YYYY-MM from 2000 to 2100. */
static int
month_valid(const char *s)
{
	if (!s || strlen(s) != 7 || s[4] != '-')
		return 0;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int y = atoi(s), m = atoi(s + 5);
	return y >= 2000 && y <= 2100 && m >= 1 && m <= 12;
}

/* The month before today's (the one an invoice is usually made for). */
static void
last_month(char out[8])
{
	char today[11];
	day_today(today);
	int y = atoi(today), m = atoi(today + 5) - 1;
	if (m == 0)
		y--, m = 12;
	snprintf(out, 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
}

/* Reads the month and department of the address and the rows: 1; 0
 * with the errors beside the fields of b->f (a month or department that
 * is none; the files answer 404); -1 on a database error; -2 after
 * answering 404 to an officer without a department. */
static int
basis_read(struct req *r, struct invoice_basis *b)
{
	memset(b, 0, sizeof(*b));
	int64_t dept;
	if (!usage_scope(r, &dept, &b->admin))
		return -2;
	struct choice *depts = NULL;
	if (b->admin && usage_departments(r, &depts) != 0)
		return -1;
	form_init(&b->f, r, &basis_form);
	form_read_query(&b->f, r);
	form_set_choices(&b->f, "forvaltning", depts);
	const char *m = form_value(&b->f, "manad");
	if (!m) {
		last_month(b->month);
		form_set(&b->f, "manad", arena_strdup(&r->a, b->month));
	} else if (month_valid(m)) {
		snprintf(b->month, sizeof(b->month), "%s", m);
	} else {
		form_error(&b->f, "manad", "Skriv en månad som ÅÅÅÅ-MM, till exempel 2026-03.",
		           "Write a month as YYYY-MM, for example 2026-03.");
	}
	b->department = b->admin ? form_value(&b->f, "forvaltning") : NULL;
	if (b->admin && !usage_department(b->department, depts, &dept))
		form_error(&b->f, "forvaltning", "Välj en förvaltning i listan.",
		           "Choose a department from the list.");
	if (b->f.nerrors)
		return 0;
	char first[11], next[11];
	snprintf(first, sizeof(first), "%s-01", b->month);
	int y = atoi(b->month), mo = atoi(b->month + 5) + 1;
	if (mo == 13)
		y++, mo = 1;
	snprintf(next, sizeof(next), "%04u-%02u-01", (unsigned)y % 10000u, (unsigned)mo % 100u);
	struct dbcur c;
	size_t cap = 0;
	if (db_query(r->db, &c, &Q_ROWS,
	             DB_ARGS(DB_INT(local_time(first, 0)), DB_INT(local_time(next, 0)),
	                     DB_INT(dept))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		b->rows = arena_grow(&r->a, b->rows, b->n, &cap, sizeof(*b->rows));
		struct invoice_row *x = &b->rows[b->n++];
		x->dept_sv = arena_strdup(&r->a, db_col_text(&c, 0));
		x->dept_en = arena_strdup(&r->a, db_col_text(&c, 1));
		x->association = arena_strdup(&r->a, db_col_text(&c, 2));
		x->orgnr = arena_strdup(&r->a, db_col_text(&c, 3));
		x->bookings = db_col_int(&c, 4);
		x->hours = hour_hundredths(db_col_int(&c, 5));
		x->amount = db_col_int(&c, 6);
		b->bookings += x->bookings;
		b->secs += db_col_int(&c, 5);
		b->amount += x->amount;
	}
	db_done(&c);
	b->hours = hour_hundredths(b->secs);
	return rc < 0 ? -1 : 1;
}

/* GET /handlaggning/lokaler/fakturaunderlag: the rows with their total,
 * or the form with its errors (422). */
void
venues_invoice_page(struct req *r)
{
	struct invoice_basis b;
	int rc = basis_read(r, &b);
	if (rc == -2)
		return;
	if (rc < 0) {
		req_fail(r, "the invoice basis could not be read");
		return;
	}
	if (rc == 0)
		r->status = 422;
	r->p.title = r->p.english ? "Invoice basis" : "Fakturaunderlag";
	layout_head(r);
	tpl_venues_invoice(&r->out, &r->p, &b, form_fields(&b.f, &r->a));
	layout_foot(r);
}

/* The files' rows answer only a month and department that are ones. */
static int
basis_for_file(struct req *r, struct invoice_basis *b)
{
	int rc = basis_read(r, b);
	if (rc == 0)
		req_error(r, 404);
	else if (rc == -1)
		req_fail(r, "the invoice basis could not be read");
	return rc == 1;
}

/* A file's name: fakturaunderlag-MONTH[-DEPARTMENT].ext. */
static const char *
file_name(struct req *r, const struct invoice_basis *b, const char *ext)
{
	return arena_printf(&r->a, "fakturaunderlag-%s%s%s.%s", b->month, b->department ? "-" : "",
	                    b->department ? b->department : "", ext);
}

/* GET …/fakturaunderlag.csv: RFC 4180, a comma between fields, hours and
 * kronor with two decimals and a point. */
void
venues_invoice_csv(struct req *r)
{
	struct invoice_basis b;
	if (!basis_for_file(r, &b))
		return;
	for (int i = 0; i < NCOLUMNS; i++) {
		buf_puts(&r->out, columns[i]);
		buf_puts(&r->out, i + 1 < NCOLUMNS ? "," : "\r\n");
	}
	for (size_t i = 0; i < b.n; i++) {
		const struct invoice_row *x = &b.rows[i];
		struct buf hours = {0}, amount = {0};
		money_decimal(&hours, x->hours);
		money_decimal(&amount, x->amount);
		char count[24];
		snprintf(count, sizeof(count), "%lld", (long long)x->bookings);
		const char *v[NCOLUMNS] = {b.month, x->dept_sv,       x->association,   x->orgnr,
		                           count,   buf_cstr(&hours), buf_cstr(&amount)};
		for (int k = 0; k < NCOLUMNS; k++) {
			csv_field(&r->out, v[k], strlen(v[k]));
			buf_puts(&r->out, k + 1 < NCOLUMNS ? "," : "\r\n");
		}
		buf_free(&hours);
		buf_free(&amount);
	}
	r->ctype = "text/csv; charset=utf-8";
	req_header(r, "Content-Disposition",
	           arena_printf(&r->a, "attachment; filename=\"%s\"", file_name(r, &b, "csv")));
}

/* The rows as a worksheet: the same columns, hours and kronor numbers
 * shown with two decimals. */
static int
basis_sheet(lxw_workbook *wb, const struct invoice_basis *b)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Fakturaunderlag");
	if (!ws)
		return -1;
	lxw_format *bold = workbook_add_format(wb), *two = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_num_format(two, "0.00");
	for (int i = 0; i < NCOLUMNS; i++)
		worksheet_write_string(ws, 0, (lxw_col_t)i, columns[i], bold);
	for (size_t i = 0; i < b->n; i++) {
		lxw_row_t row = (lxw_row_t)(i + 1);
		const struct invoice_row *x = &b->rows[i];
		worksheet_write_string(ws, row, 0, b->month, NULL);
		worksheet_write_string(ws, row, 1, x->dept_sv, NULL);
		worksheet_write_string(ws, row, 2, x->association, NULL);
		worksheet_write_string(ws, row, 3, x->orgnr, NULL);
		worksheet_write_number(ws, row, 4, (double)x->bookings, NULL);
		worksheet_write_number(ws, row, 5, (double)x->hours / 100.0, two);
		worksheet_write_number(ws, row, 6, (double)x->amount / 100.0, two);
	}
	worksheet_set_column(ws, 0, 6, 18, NULL);
	return 0;
}

/* GET …/fakturaunderlag.xlsx */
void
venues_invoice_xlsx(struct req *r)
{
	struct invoice_basis b;
	if (!basis_for_file(r, &b))
		return;
	struct xlsx_file x;
	lxw_workbook *wb = xlsx_begin(&x);
	xlsx_send(r, wb ? xlsx_end(&x, wb, basis_sheet(wb, &b) == 0) : -1,
	          file_name(r, &b, "xlsx"));
}
