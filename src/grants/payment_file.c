/* Payment files for the finance system (issue 10, point 6): a
 * department's payouts due up to a day and in no file before, one row
 * per payment with the association's organisationsnummer, the kind and
 * number of its approved account, the amount, the decision's diarienummer,
 * the association's name and the day. Making a file puts its payments in
 * it for good (grant_payment_file_rows, keyed by the payment), so nothing
 * is paid twice; the file is written from those rows, as CSV and as XLSX,
 * as often as it is fetched. A payout whose association has no approved
 * account is listed as blocked and stays out. */
#include "grants/payment_file.tpl.h"
#include "grants/payouts.h"
#include "grants/programme.h"
#include "auth/roles.h"
#include "base/csv.h"
#include "base/money.h"
#include "base/valid.h"
#include "layout/layout.h"
#include "ui/xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct field_def file_fields[] = {
        {.name = "till",
         .label_sv = "Betalningar med datum till och med",
         .label_en = "Payments dated up to and including",
         .type = FIELD_DATE,
         .required = 1,
         .hint_sv = "ÅÅÅÅ-MM-DD.",
         .hint_en = "YYYY-MM-DD.",
         .missing_sv = "Skriv dagen som ÅÅÅÅ-MM-DD.",
         .missing_en = "Write the day as YYYY-MM-DD."},
};
static const struct form_def file_form = {"betalfil", file_fields, 1};

/* The day the finance system paid a whole file, one form per file. */
static const struct form_def paid_form = {"betalfil-betald", payout_paid_fields, 1};

/* The columns of both files, in their order. */
static const char *const columns[] = {"organisationsnummer", "kontotyp", "kontonummer", "belopp",
                                      "diarienummer",        "forening", "datum"};
enum { NCOLUMNS = sizeof(columns) / sizeof(columns[0]) };

/* Whether the officer has a department whose files to show; 404 when
 * not. */
static int
has_department(struct req *r)
{
	if (r->user->department_id)
		return 1;
	req_error(r, 404);
	return 0;
}

/* The page: the day chosen, what a file made now would take and what is
 * blocked, and the files made before, each not yet paid with its form
 * (sent: the one refused, else NULL). */
static void
render(struct req *r, struct form *f, const char *notice, const struct form *sent)
{
	const char *up_to = f->nerrors ? NULL : form_value(f, "till");
	struct payout_due *due = NULL;
	struct payment_file *files;
	size_t ndue = 0, nfiles;
	if ((up_to && payouts_due(r->db, &r->a, r->user->department_id, up_to, &due, &ndue) != 0) ||
	    payment_files_of(r->db, &r->a, r->user->department_id, &files, &nfiles) != 0) {
		req_error(r, 500);
		return;
	}
	int64_t ready = 0, blocked = 0;
	size_t nready = 0;
	for (size_t i = 0; i < ndue; i++) {
		if (due[i].account_number)
			ready += due[i].amount, nready++;
		else
			blocked += due[i].amount;
	}
	char today[11];
	grant_day(0, today);
	const struct field **paid = arena_alloc(&r->a, (nfiles + 1) * sizeof(*paid));
	for (size_t i = 0; i < nfiles; i++) {
		char *key = arena_alloc(&r->a, 24);
		snprintf(key, 24, "%lld", (long long)files[i].id);
		struct form pf;
		if (form_sent(sent, &paid_form, key)) {
			pf = *sent;
		} else {
			form_init(&pf, r, &paid_form);
			pf.key = key;
			form_set(&pf, "betald", arena_strdup(&r->a, today));
		}
		paid[i] = form_fields(&pf, &r->a);
	}
	layout_form_page(r, "/handlaggning/bidrag/utbetalningar");
	r->p.title = r->p.english ? "Payment files" : "Betalfiler";
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_grants_payment_file(&r->out, &r->p, csrf, f, form_fields(f, &r->a), up_to, due, ndue,
	                        nready, ready, blocked, files, nfiles, paid, sent,
	                        sent ? form_fields(sent, &r->a) : NULL, notice);
	layout_foot(r);
}

/* GET /handlaggning/bidrag/utbetalningar: the day of the address (today
 * when none is given); a file just made is named at the top. */
void
payment_file_page(struct req *r)
{
	if (!has_department(r))
		return;
	struct form f;
	form_init(&f, r, &file_form);
	form_read_query(&f, r);
	f.filter = 0; /* a form of its own, with its error beside the day */
	const char *till = form_value(&f, "till");
	if (!till) {
		char today[11];
		grant_day(0, today);
		form_set(&f, "till", arena_strdup(&r->a, today));
	} else if (!date_valid(till)) {
		form_error(&f, "till", "Skriv ett datum som finns, som ÅÅÅÅ-MM-DD.",
		           "Write a date that exists, as YYYY-MM-DD.");
		r->status = 422;
	}
	const char *notice = NULL;
	if (req_query(r, "betald"))
		notice = r->p.english ? "The file's payments are marked paid."
		                      : "Filens betalningar är markerade som utbetalda.";
	struct payment_file made;
	int64_t id = req_query(r, "fil") ? strtoll(req_query(r, "fil"), NULL, 10) : 0;
	if (id > 0 && payment_file_get(r->db, &r->a, id, &made) > 0 &&
	    made.department_id == r->user->department_id) {
		struct buf sum = {0};
		money_format(&sum, made.total, r->p.english);
		char *n = arena_alloc(&r->a, 200);
		snprintf(n, 200,
		         r->p.english ? "Payment file %lld is made: %d payments, %s in all."
		                      : "Betalfil %lld är skapad: %d betalningar, sammanlagt %s.",
		         (long long)made.id, made.rows, buf_cstr(&sum));
		buf_free(&sum);
		notice = n;
	}
	render(r, &f, notice, NULL);
}

/* POST /handlaggning/bidrag/utbetalningar: makes the file of what is due
 * by the day; with nothing that can go in, the page again saying so
 * beside the day, nothing written. */
void
payment_file_create(struct req *r)
{
	if (!has_department(r))
		return;
	struct form f;
	form_init(&f, r, &file_form);
	int64_t id = 0;
	int rc = form_read(&f, r)
	                 ? 2
	                 : payment_file_make(r->db, r->user->department_id, form_value(&f, "till"),
	                                     r->user->id, r->user->name, &id);
	if (rc < 0) {
		req_error(r, 500);
		return;
	}
	if (rc == 0) {
		char to[80];
		snprintf(to, sizeof(to), "/handlaggning/bidrag/utbetalningar?fil=%lld",
		         (long long)id);
		req_redirect(r, arena_strdup(&r->a, to));
		return;
	}
	if (rc == 1)
		form_error(
		        &f, "till",
		        "Inga betalningar till ett godkänt konto förfaller till och med den dagen.",
		        "No payments to an approved account are due by that day.");
	r->status = 422;
	render(r, &f, NULL, NULL);
}

/* The file of the address with its rows, when it is the officer's
 * department's: 1, or 0 after answering 404 or 500. */
static int
file_of(struct req *r, struct payment_file *pf, struct payout_due **rows, size_t *n)
{
	int64_t id = req_param_id(r, 0);
	int rc = id ? payment_file_get(r->db, &r->a, id, pf) : 0;
	if (rc > 0 && pf->department_id != r->user->department_id)
		rc = 0;
	if (rc > 0 && payment_file_rows(r->db, &r->a, id, rows, n) != 0)
		rc = -1;
	if (rc <= 0)
		req_error(r, rc < 0 ? 500 : 404);
	return rc > 0;
}

/* The file's name for a download: betalfil-ID-DAY.ext. */
static const char *
file_name(struct req *r, const struct payment_file *pf, const char *ext)
{
	char *s = arena_alloc(&r->a, 64);
	snprintf(s, 64, "betalfil-%lld-%s.%s", (long long)pf->id, pf->up_to, ext);
	return s;
}

/* GET /handlaggning/bidrag/betalfiler/{id}/betalfil.csv: RFC 4180, a
 * comma between fields, the amount in kronor with two decimals and a
 * point. */
void
payment_file_csv(struct req *r)
{
	struct payment_file pf;
	struct payout_due *rows;
	size_t n;
	if (!file_of(r, &pf, &rows, &n))
		return;
	for (int i = 0; i < NCOLUMNS; i++) {
		buf_puts(&r->out, columns[i]);
		buf_puts(&r->out, i + 1 < NCOLUMNS ? "," : "\r\n");
	}
	for (size_t i = 0; i < n; i++) {
		struct buf amount = {0};
		money_decimal(&amount, rows[i].amount);
		const char *v[NCOLUMNS] = {
		        rows[i].orgnr,     rows[i].account_kind, rows[i].account_number,
		        buf_cstr(&amount), rows[i].dnr,          rows[i].association,
		        rows[i].due};
		for (int k = 0; k < NCOLUMNS; k++) {
			csv_field(&r->out, v[k], strlen(v[k]));
			buf_puts(&r->out, k + 1 < NCOLUMNS ? "," : "\r\n");
		}
		buf_free(&amount);
	}
	r->ctype = "text/csv; charset=utf-8";
	char *cd = arena_alloc(&r->a, 120);
	snprintf(cd, 120, "attachment; filename=\"%s\"", file_name(r, &pf, "csv"));
	req_header(r, "Content-Disposition", cd);
}

/* The rows as a worksheet: the same columns, the amount a number in
 * kronor shown with two decimals. */
static int
file_sheet(lxw_workbook *wb, const struct payout_due *rows, size_t n)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Betalfil");
	if (!ws)
		return -1;
	lxw_format *bold = workbook_add_format(wb), *money = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_num_format(money, "0.00");
	for (int i = 0; i < NCOLUMNS; i++)
		worksheet_write_string(ws, 0, (lxw_col_t)i, columns[i], bold);
	for (size_t i = 0; i < n; i++) {
		lxw_row_t row = (lxw_row_t)(i + 1);
		const struct payout_due *d = &rows[i];
		worksheet_write_string(ws, row, 0, d->orgnr, NULL);
		worksheet_write_string(ws, row, 1, d->account_kind, NULL);
		worksheet_write_string(ws, row, 2, d->account_number, NULL);
		worksheet_write_number(ws, row, 3, (double)d->amount / 100.0, money);
		worksheet_write_string(ws, row, 4, d->dnr, NULL);
		worksheet_write_string(ws, row, 5, d->association, NULL);
		worksheet_write_string(ws, row, 6, d->due, NULL);
	}
	worksheet_set_column(ws, 0, 6, 16, NULL);
	return 0;
}

/* GET /handlaggning/bidrag/betalfiler/{id}/betalfil.xlsx */
void
payment_file_xlsx(struct req *r)
{
	struct payment_file pf;
	struct payout_due *rows;
	size_t n;
	if (!file_of(r, &pf, &rows, &n))
		return;
	struct xlsx_file x;
	lxw_workbook *wb = xlsx_begin(&x);
	xlsx_send(r, wb ? xlsx_end(&x, wb, file_sheet(wb, rows, n) == 0) : -1,
	          file_name(r, &pf, "xlsx"));
}

/* POST /handlaggning/bidrag/betalfiler/{id}/betald: the finance system
 * has paid the file, so each of its payouts not marked paid yet is paid
 * on the day given, each in its decision's trail; a file already paid
 * whole is refused, nothing written. */
void
payment_file_paid(struct req *r)
{
	struct payment_file pf;
	struct payout_due *rows;
	size_t n;
	if (!file_of(r, &pf, &rows, &n))
		return;
	struct form f, paid;
	form_init(&f, r, &file_form);
	form_init(&paid, r, &paid_form);
	paid.key = r->params[0];
	char today[11];
	grant_day(0, today);
	form_set(&f, "till", arena_strdup(&r->a, today));
	if (form_read(&paid, r) != 0) {
		r->status = 422;
		render(r, &f, NULL, &paid);
		return;
	}
	const char *day = form_value(&paid, "betald");
	struct file_unpaid *u = NULL;
	size_t nu = 0;
	int ok = db_begin(r->db) == DB_OK && grant_payouts_lock(r->db, pf.department_id) == 0 &&
	         payment_file_unpaid(r->db, &r->a, pf.id, &u, &nu) == 0;
	for (size_t i = 0; ok && i < nu; i++)
		ok = grant_payment_mark_paid(r->db, u[i].award_id, u[i].payment_id, day) == 0 &&
		     payout_trail(r, u[i].case_id, "Utbetald", u[i].amount, day) == DB_OK;
	if (ok && nu > 0 && db_commit(r->db) == DB_OK) {
		req_redirect(r, "/handlaggning/bidrag/utbetalningar?betald=1");
		return;
	}
	db_rollback(r->db);
	if (!ok) {
		req_error(r, 500);
		return;
	}
	form_refuse(&paid, "Filens betalningar är redan markerade som utbetalda.",
	            "The file's payments are already marked paid.");
	r->status = 422;
	render(r, &f, NULL, &paid);
}
