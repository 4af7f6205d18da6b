/* The officer's payouts of decided grants (issue 10, point 6, and the
 * reclaim of point 7): the department's awards with their balances, and
 * per award the payments planned and paid, the reclaims of money not
 * used, and the forms to plan, mark paid and reclaim. Only officers of
 * the award's department come here; another department's award is not
 * there (404). */
#include "auth/roads.h"
#include "grants/payout_award.tpl.h"
#include "grants/payout_awards.tpl.h"
#include "grants/fields.h"
#include "grants/payouts.h"
#include "auth/roles.h"
#include "base/money.h"
#include "base/valid.h"
#include "cases/action.h"
#include "layout/layout.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct field_def plan_fields[] = {
        {.name = "datum",
         .label_sv = "Utbetalningsdag",
         .label_en = "Day of payment",
         .type = FIELD_DATE,
         .required = 1,
         .hint_sv = "ÅÅÅÅ-MM-DD.",
         .hint_en = "YYYY-MM-DD.",
         .missing_sv = "Skriv dagen som ÅÅÅÅ-MM-DD.",
         .missing_en = "Write the day as YYYY-MM-DD."},
        {.name = "belopp",
         .label_sv = "Belopp i kronor",
         .label_en = "Amount in kronor",
         .type = FIELD_TEXT,
         .required = 1,
         .max = 30,
         .hint_sv = "Till exempel 25 000.",
         .hint_en = "For example 25 000.",
         .check = grant_money_check},
};
static const struct form_def plan_form = {"planera", plan_fields, 2};

static const struct field_def reclaim_fields[] = {
        {.name = "aterkrav-datum",
         .label_sv = "Beslutsdag för återkravet",
         .label_en = "Day the reclaim was decided",
         .type = FIELD_DATE,
         .required = 1,
         .hint_sv = "ÅÅÅÅ-MM-DD.",
         .hint_en = "YYYY-MM-DD.",
         .missing_sv = "Skriv dagen som ÅÅÅÅ-MM-DD.",
         .missing_en = "Write the day as YYYY-MM-DD."},
        {.name = "aterkrav-belopp",
         .label_sv = "Belopp att kräva tillbaka i kronor",
         .label_en = "Amount to reclaim in kronor",
         .type = FIELD_TEXT,
         .required = 1,
         .max = 30,
         .check = grant_money_check},
        {.name = "anledning",
         .label_sv = "Anledning",
         .label_en = "Reason",
         .type = FIELD_TEXTAREA,
         .required = 1,
         .max = 2000,
         .hint_sv = "Till exempel: pengarna användes inte, enligt återrapporten.",
         .hint_en = "For example: the money was not used, as the follow-up report says.",
         .missing_sv = "Skriv varför pengarna krävs tillbaka.",
         .missing_en = "Write why the money is reclaimed."},
};
static const struct form_def reclaim_form = {"aterkrav", reclaim_fields, 3};

/* The day a payout was paid: one payout's, or a whole payment file's. */
const struct field_def payout_paid_fields[] = {
        {.name = "betald",
         .label_sv = "Betald den",
         .label_en = "Paid on",
         .type = FIELD_DATE,
         .required = 1,
         .missing_sv = "Skriv dagen som ÅÅÅÅ-MM-DD.",
         .missing_en = "Write the day as YYYY-MM-DD."},
};
static const struct form_def paid_form = {"betald", payout_paid_fields, 1};

/* Removing a planned payout: a button, no fields. */
static const struct form_def remove_form = {"ta-bort", NULL, 0};

/* The list's filter: a year, from the address. */
static const struct field_def list_fields[] = {
        {.name = "ar",
         .label_sv = "År",
         .label_en = "Year",
         .type = FIELD_INT,
         .min = 1990,
         .max_int = 2200},
};
static const struct form_def list_form = {"beslut", list_fields, 1};

enum { AWARDS_PER_PAGE = 100 };

/* GET /handlaggning/bidrag/beslut: the officer's department's awards,
 * newest first, a hundred a page (the next page starts below the last
 * award shown), of one year if asked, each with what is paid and its
 * balance, the way to its payouts. A year that is no year is ignored. */
void
payouts_awards_page(struct req *r)
{
	struct form f;
	form_init(&f, r, &list_form);
	form_read_query(&f, r);
	int64_t year = 0, before = 0;
	if (form_value(&f, "ar") && !int_in_range(form_value(&f, "ar"), 1990, 2200, &year))
		form_set(&f, "ar", NULL);
	const char *from = req_query(r, "fore");
	if (from && !int_in_range(from, 1, INT64_MAX, &before))
		before = 0;
	struct payout_filter pf = {road_department(r), 0, year, before, AWARDS_PER_PAGE + 1};
	struct payout_award *items;
	size_t n;
	if (payout_awards_of(r->db, &r->a, &pf, &items, &n) != 0) {
		req_error(r, 500);
		return;
	}
	const char *next = NULL, *first = NULL;
	if (n > AWARDS_PER_PAGE) {
		n = AWARDS_PER_PAGE;
		struct buf u = {0};
		buf_printf(&u, "/handlaggning/bidrag/beslut?fore=%lld", (long long)items[n - 1].id);
		if (year)
			buf_printf(&u, "&ar=%lld", (long long)year);
		next = arena_strdup(&r->a, buf_cstr(&u));
		buf_free(&u);
	}
	if (before)
		first = layout_page_with(r, "/handlaggning/bidrag/beslut", "ar",
		                         year ? form_value(&f, "ar") : NULL);
	r->p.title =
	        r->p.english ? "Decided grants and payouts" : "Beviljade bidrag och utbetalningar";
	layout_head(r);
	tpl_grants_payout_awards(&r->out, &r->p, form_fields(&f, &r->a), items, n, first, next);
	layout_foot(r);
}

/* Everything the award's page shows, with its forms to plan and reclaim
 * (those to mark a payout paid are made per payout as it is drawn). */
struct award_page {
	struct payout_award w;
	struct grant_payment *pays;
	size_t npays;
	struct grant_account account;
	int has_account;
	struct form plan, reclaim;
	const char *notice;
};

/* The award of the address, when the officer's department decided it: 1,
 * or 0 after answering 404 or 500. */
static int
award_of(struct req *r, struct payout_award *w)
{
	int64_t id = req_param_id(r, 0);
	int rc = id ? payout_award_get(r->db, &r->a, id, w) : 0;
	if (rc > 0 && w->department_id != road_department(r))
		rc = 0;
	if (rc <= 0)
		req_error(r, rc < 0 ? 500 : 404);
	return rc > 0;
}

/* The award's page with its payments and account, and the form that was
 * sent (sent: NULL for none) in place of its empty one. */
static void
render(struct req *r, struct award_page *x, const struct form *sent)
{
	if (grant_payments_of(r->db, &r->a, x->w.id, &x->pays, &x->npays) != 0 ||
	    (x->has_account = grant_account_of(r->db, &r->a, x->w.association_id, &x->account)) <
	            0) {
		req_error(r, 500);
		return;
	}
	char day[11];
	grant_day(0, day);
	const char *today = arena_strdup(&r->a, day);
	if (!form_sent(sent, &plan_form, NULL)) {
		form_init(&x->plan, r, &plan_form);
		form_set(&x->plan, "datum", today);
	}
	if (!form_sent(sent, &reclaim_form, NULL)) {
		form_init(&x->reclaim, r, &reclaim_form);
		form_set(&x->reclaim, "aterkrav-datum", today);
	}
	const struct field **paid = arena_alloc(&r->a, (x->npays + 1) * sizeof(*paid));
	for (size_t i = 0; i < x->npays; i++) {
		char *key = arena_alloc(&r->a, 24);
		snprintf(key, 24, "%lld", (long long)x->pays[i].id);
		struct form f;
		if (form_sent(sent, &paid_form, key)) {
			f = *sent;
		} else {
			form_init(&f, r, &paid_form);
			f.key = key;
			form_set(&f, "betald", today);
		}
		paid[i] = form_fields(&f, &r->a);
	}
	char *page = arena_alloc(&r->a, 64);
	snprintf(page, 64, "/handlaggning/bidrag/beslut/%lld", (long long)x->w.id);
	layout_form_page(r, page);
	r->p.title = x->w.association;
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_grants_payout_award(&r->out, &r->p, csrf, page, &x->w, x->pays, x->npays,
	                        x->has_account ? &x->account : NULL, &x->plan,
	                        form_fields(&x->plan, &r->a), &x->reclaim,
	                        form_fields(&x->reclaim, &r->a), paid, sent,
	                        sent ? form_fields(sent, &r->a) : NULL, x->notice);
	layout_foot(r);
}

/* GET /handlaggning/bidrag/beslut/{id} */
void
payouts_award_page(struct req *r)
{
	struct award_page x = {0};
	if (!award_of(r, &x.w))
		return;
	if (req_query(r, "sparad"))
		x.notice = r->p.english ? "Saved." : "Sparat.";
	render(r, &x, NULL);
}

/* A refused form: the page again with it, 422, nothing written. */
static void
refused(struct req *r, struct award_page *x, struct form *f)
{
	r->status = 422;
	if (form_sent(f, &plan_form, NULL))
		x->plan = *f;
	else if (form_sent(f, &reclaim_form, NULL))
		x->reclaim = *f;
	render(r, x, f);
}

/* Records what was done in the decision's trail, when the award has a
 * case (imported history has none): an amount with its day, in Swedish as
 * the trail is kept ("Utbetald 60 000 kr, 2026-12-01"). DB_OK, or the
 * database's error. */
int
payout_trail(struct req *r, int64_t case_id, const char *what, int64_t ore, const char *day)
{
	if (!case_id)
		return DB_OK;
	struct buf d = {0};
	buf_printf(&d, "%s ", what);
	money_format(&d, ore, 0);
	buf_printf(&d, ", %s", day);
	struct actor a = case_actor(r);
	int rc = case_event(r->db, case_id, &a, "utbetalning", buf_cstr(&d));
	buf_free(&d);
	return rc;
}

/* A message with an amount in it, in both languages, for form_error. */
static void
amount_error(struct req *r, struct form *f, const char *field, const char *sv, const char *en,
             int64_t ore)
{
	struct buf s = {0}, e = {0};
	money_format(&s, ore, 0);
	money_format(&e, ore, 1);
	char *msv = arena_alloc(&r->a, 300), *men = arena_alloc(&r->a, 300);
	snprintf(msv, 300, sv, buf_cstr(&s));
	snprintf(men, 300, en, buf_cstr(&e));
	buf_free(&s);
	buf_free(&e);
	form_error(f, field, msv, men);
}

/* The amount a form's money field holds, noting beside it one of zero:
 * above 0, or 0 when refused. */
static int64_t
positive(struct form *f, const char *field)
{
	int64_t ore = 0;
	if (money_parse(form_value(f, field), &ore) != 0)
		return 0;
	if (ore == 0)
		form_error(f, field, "Skriv ett belopp större än noll.",
		           "Write an amount greater than zero.");
	return ore;
}

/* Back to the award's page after a change, saying it was saved. */
static void
back_to_award(struct req *r, int64_t award_id)
{
	req_redirect(r, arena_printf(&r->a, "/handlaggning/bidrag/beslut/%lld?sparad=1",
	                             (long long)award_id));
}

/* Checks a payment of the form against the award as it stands inside the
 * transaction, then stores it; refused beside the amount, nothing
 * written. */
static void
add_payment(struct req *r, struct award_page *x, struct form *f, int reclaim)
{
	const char *amount_field = reclaim ? "aterkrav-belopp" : "belopp";
	int64_t ore = form_read(f, r) == 0 ? positive(f, amount_field) : 0;
	if (f->nerrors) {
		refused(r, x, f);
		return;
	}
	const char *day = form_value(f, reclaim ? "aterkrav-datum" : "datum");
	if (db_begin(r->db) != DB_OK || grant_payouts_lock(r->db, x->w.department_id) != 0 ||
	    payout_award_get(r->db, &r->a, x->w.id, &x->w) <= 0) {
		db_rollback(r->db);
		req_error(r, 500);
		return;
	}
	int64_t room =
	        reclaim ? x->w.paid - x->w.reclaimed : x->w.amount - x->w.planned - x->w.paid;
	if (ore > room) {
		db_rollback(r->db);
		if (reclaim)
			amount_error(
			        r, f, amount_field,
			        "Högst %s kan krävas tillbaka: det som är utbetalt och inte redan "
			        "återkrävt.",
			        "At most %s can be reclaimed: what is paid and not reclaimed yet.",
			        room);
		else
			amount_error(r, f, amount_field,
			             "Planerade och utbetalda belopp får inte bli mer än beslutet. "
			             "Högst "
			             "%s återstår att planera.",
			             "Planned and paid amounts may not exceed the decision. At "
			             "most %s is "
			             "left to plan.",
			             room);
		refused(r, x, f);
		return;
	}
	int ok = grant_payment_add(r->db, x->w.id, reclaim ? -ore : ore, day,
	                           reclaim ? form_value(f, "anledning") : NULL, r->user->id) == 0 &&
	         payout_trail(r, x->w.case_id, reclaim ? "Återkrav" : "Planerad utbetalning", ore,
	                      day) == DB_OK &&
	         db_commit(r->db) == DB_OK;
	if (!ok) {
		db_rollback(r->db);
		req_error(r, 500);
		return;
	}
	back_to_award(r, x->w.id);
}

/* POST /handlaggning/bidrag/beslut/{id}/planera */
void
payouts_plan(struct req *r)
{
	struct award_page x = {0};
	if (!award_of(r, &x.w))
		return;
	struct form f;
	form_init(&f, r, &plan_form);
	add_payment(r, &x, &f, 0);
}

/* POST /handlaggning/bidrag/beslut/{id}/aterkrav */
void
payouts_reclaim(struct req *r)
{
	struct award_page x = {0};
	if (!award_of(r, &x.w))
		return;
	struct form f;
	form_init(&f, r, &reclaim_form);
	add_payment(r, &x, &f, 1);
}

/* The payout of the address's second number among the award's, or NULL
 * after answering 404 (none, a reclaim, another award's) or 500. */
static const struct grant_payment *
payout_of(struct req *r, const struct payout_award *w)
{
	int64_t pid = req_param_id(r, 1);
	struct grant_payment *pays;
	size_t n;
	if (grant_payments_of(r->db, &r->a, w->id, &pays, &n) != 0) {
		req_error(r, 500);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (pays[i].id == pid && pays[i].amount > 0)
			return &pays[i];
	req_error(r, 404);
	return NULL;
}

/* Ends a change of one payout: committed, back to the page; 1 (someone
 * else paid it or put it in a file first), the page again saying so;
 * below 0, a 500. */
static void
payout_changed(struct req *r, struct award_page *x, struct form *f, int rc, const char *sv,
               const char *en)
{
	if (rc == 0 && db_commit(r->db) != DB_OK)
		rc = -1;
	if (rc != 0)
		db_rollback(r->db);
	if (rc < 0) {
		req_error(r, 500);
		return;
	}
	if (rc > 0) {
		form_refuse(f, sv, en);
		refused(r, x, f);
		return;
	}
	back_to_award(r, x->w.id);
}

/* POST /handlaggning/bidrag/beslut/{id}/betald/{payment}: a planned
 * payout of this award is paid; one already paid is refused, and a
 * reclaim or another award's payment is not here (404). */
void
payouts_mark_paid(struct req *r)
{
	struct award_page x = {0};
	const struct grant_payment *pay;
	if (!award_of(r, &x.w) || !(pay = payout_of(r, &x.w)))
		return;
	struct form f;
	form_init(&f, r, &paid_form);
	f.key = r->params[1];
	if (form_read(&f, r) != 0) {
		refused(r, &x, &f);
		return;
	}
	const char *day = form_value(&f, "betald");
	int rc = -1;
	if (db_begin(r->db) == DB_OK && grant_payouts_lock(r->db, x.w.department_id) == 0)
		rc = grant_payment_mark_paid(r->db, x.w.id, pay->id, day);
	if (rc == 0 && payout_trail(r, x.w.case_id, "Utbetald", pay->amount, day) != DB_OK)
		rc = -1;
	payout_changed(r, &x, &f, rc, "Betalningen är redan markerad som utbetald.",
	               "The payment is already marked paid.");
}

/* POST /handlaggning/bidrag/beslut/{id}/betalning/{payment}/ta-bort: a
 * payout planned by mistake goes, in the trail; one paid or in a payment
 * file stays (it has gone to the finance system). */
void
payouts_remove(struct req *r)
{
	struct award_page x = {0};
	const struct grant_payment *pay;
	if (!award_of(r, &x.w) || !(pay = payout_of(r, &x.w)))
		return;
	struct form f;
	form_init(&f, r, &remove_form);
	int rc = -1;
	if (db_begin(r->db) == DB_OK && grant_payouts_lock(r->db, x.w.department_id) == 0)
		rc = grant_payment_remove(r->db, x.w.id, pay->id);
	if (rc == 0 && payout_trail(r, x.w.case_id, "Planerad utbetalning borttagen", pay->amount,
	                            pay->due) != DB_OK)
		rc = -1;
	payout_changed(r, &x, &f, rc,
	               "Betalningen är utbetald eller finns i en betalfil och kan inte tas bort.",
	               "The payment is paid or in a payment file and cannot be removed.");
}
