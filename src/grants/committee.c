/* A programme's applications for the department's officers (issue 10,
 * step 4): where the year's budget stands, every application with what it
 * asks, its score and the amount proposed, and the committee's decision
 * of many ready applications at once, with one minutes reference, in one
 * transaction: each is decided as its own case page decides it
 * (case_decision_record), so the budget is checked for each in turn and
 * a refusal of one refuses them all. */
#include "grants/applications.h"
#include "grants/awards.h"
#include "grants/committee.tpl.h"
#include "grants/eservice.h"
#include "grants/grants.h"
#include "base/money.h"
#include "cases/action.h"
#include "cases/decision.h"
#include "layout/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct dbq Q_LIST = {
        "SELECT c.id, c.diarienummer, c.status, coalesce(a.name, ''), g.amount, g.proposed, "
        "(SELECT sum(s.score) FROM grant_scores s WHERE s.case_id = c.id), "
        "(SELECT sum(w.amount) FROM grant_awards w WHERE w.case_id = c.id) "
        "FROM grant_applications g JOIN cases c ON c.id = g.case_id "
        "LEFT JOIN associations a ON a.id = g.association_id "
        "WHERE g.programme_id = $1 AND substr(g.period, 1, 4) = $2 "
        "ORDER BY c.created, c.id",
        NULL, 0};

/* The fields of the committee's form besides one amount per application:
 * the common decision's reasoning, decider, date and reference (the
 * outcome follows from each amount), and the override of the budget. */
enum { C_REASONING, C_DECIDER, C_DATE, C_REFERENCE, C_OVERRIDE, C_OVERRIDE_WHY, C_COMMON };

/* The form: the common fields, then for each application ready to be
 * decided a box to include it (med-ID) and its amount (belopp-ID). */
static const struct form_def *
form_of(struct arena *a, const struct grant_listed *l, size_t n)
{
	const struct field_def *d = grant_decision_form.fields;
	struct field_def *f = arena_zalloc(a, (C_COMMON + 2 * n) * sizeof(*f));
	f[C_REASONING] = d[1];
	f[C_DECIDER] = d[2];
	f[C_DATE] = d[3];
	f[C_REFERENCE] = d[4];
	f[C_OVERRIDE] = d[CASE_DECISION_NFIELDS + 1];
	f[C_OVERRIDE_WHY] = d[CASE_DECISION_NFIELDS + 2];
	f[C_DECIDER].label_sv = "Beslutande nämnd";
	f[C_DECIDER].label_en = "Deciding committee";
	f[C_REASONING].hint_sv = "Gäller alla ansökningar som beslutas nu.";
	f[C_REASONING].hint_en = "Applies to every application decided now.";
	int k = C_COMMON;
	for (size_t i = 0; i < n; i++) {
		if (!l[i].ready)
			continue;
		f[k++] = (struct field_def){
		        .name = arena_printf(a, "med-%lld", (long long)l[i].case_id),
		        .label_sv = arena_printf(a, "Besluta %s", l[i].dnr),
		        .label_en = arena_printf(a, "Decide %s", l[i].dnr),
		        .type = FIELD_CHECKBOX};
		f[k++] = (struct field_def){
		        .name = arena_printf(a, "belopp-%lld", (long long)l[i].case_id),
		        .label_sv = arena_printf(a, "Belopp för %s i kronor", l[i].dnr),
		        .label_en = arena_printf(a, "Amount for %s in kronor", l[i].dnr),
		        .type = FIELD_TEXT,
		        .max = 30,
		        .check = d[CASE_DECISION_NFIELDS].check};
	}
	struct form_def *def = arena_alloc(a, sizeof(*def));
	*def = (struct form_def){"namndbeslut", f, k};
	return def;
}

/* The programme's applications for the year: 0, or -1. */
static int
list_of(struct db *db, struct arena *a, int64_t programme_id, int year, struct grant_listed **out,
        size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	char y[8];
	snprintf(y, sizeof(y), "%04d", year);
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, &Q_LIST, DB_ARGS(DB_INT(programme_id), DB_TEXT(y))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		const char *status = db_col_text(&c, 2);
		(*out)[(*n)++] = (struct grant_listed){
		        .case_id = db_col_int(&c, 0),
		        .dnr = arena_strdup(a, db_col_text(&c, 1)),
		        .status = arena_strdup(a, status),
		        .association = arena_strdup(a, db_col_text(&c, 3)),
		        .asked = db_col_int(&c, 4),
		        .proposed = db_col_null(&c, 5) ? -1 : db_col_int(&c, 5),
		        .score = db_col_null(&c, 6) ? -1 : db_col_int(&c, 6),
		        .granted = db_col_null(&c, 7) ? -1 : db_col_int(&c, 7),
		        .ready = strcmp(status, "handlaggning") == 0,
		};
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* Everything the page shows. */
struct committee {
	struct grant_programme g;
	int year;
	struct grant_budget budget;
	struct grant_listed *list;
	size_t n;
	struct form f;
};

/* The programme of the address (the officer's department's), the year
 * (?ar=, else the year of its window), its budget and applications, and
 * the form prefilled with each ready application's proposed amount: 1,
 * or 0 after answering 404 or 500. */
static int
load(struct req *r, struct committee *x)
{
	memset(x, 0, sizeof(*x));
	if (grant_managed_programme(r, &x->g) <= 0)
		return 0;
	const char *ar = req_query(r, "ar");
	x->year = ar && strlen(ar) == 4 ? atoi(ar) : atoi(x->g.opens);
	if (x->year < 1990 || x->year > 2200)
		x->year = atoi(x->g.opens);
	if (grant_budget_of(r->db, x->g.id, x->year, &x->budget) != 0 ||
	    list_of(r->db, &r->a, x->g.id, x->year, &x->list, &x->n) != 0) {
		req_error(r, 500);
		return 0;
	}
	form_init(&x->f, r, form_of(&r->a, x->list, x->n));
	form_set(&x->f, "beslutsfattare", x->g.committee);
	for (size_t i = 0; i < x->n; i++) {
		if (!x->list[i].ready)
			continue;
		struct buf b = {0};
		money_plain(&b, x->list[i].proposed >= 0 ? x->list[i].proposed : x->list[i].asked);
		form_set(&x->f, arena_printf(&r->a, "belopp-%lld", (long long)x->list[i].case_id),
		         arena_strndup(&r->a, b.data ? b.data : "", b.len));
		buf_free(&b);
	}
	return 1;
}

static void
render(struct req *r, struct committee *x, const char *notice)
{
	char action[96];
	snprintf(action, sizeof(action), "/handlaggning/bidrag/%lld/ansokningar?ar=%d",
	         (long long)x->g.id, x->year);
	layout_form_page(r, arena_strdup(&r->a, action));
	r->p.title = x->g.name;
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_grants_committee(&r->out, &r->p, csrf, &x->g, x->year, &x->budget, x->list, x->n, &x->f,
	                     form_fields(&x->f, &r->a), C_COMMON, action, notice);
	layout_foot(r);
}

/* GET /handlaggning/bidrag/{id}/ansokningar */
void
grants_committee_page(struct req *r)
{
	struct committee x;
	if (load(r, &x))
		render(r, &x, req_query(r, "klart") ? (r->p.english ? "Done." : "Klart.") : NULL);
}

/* The outcome an amount means against what was asked. */
static const char *
outcome_of(int64_t amount, int64_t asked)
{
	return amount == 0 ? "avslag" : amount >= asked ? "bifall" : "delvis";
}

/* Decides one application as its case page would, with the committee's
 * common fields and its own amount: 0, 1 refused (the reason moved beside
 * the application's amount, or the override's reason), -1 an error. */
static int
decide_one(struct req *r, struct committee *x, const struct grant_listed *l, int64_t amount)
{
	struct case_row c;
	struct form d;
	if (case_load(r->db, &r->a, l->dnr, &c) <= 0)
		return -1;
	const char *amount_field = arena_printf(&r->a, "belopp-%lld", (long long)l->case_id);
	if (case_role_of(r->db, r->user, &c) != CASE_OFFICER ||
	    !case_may(&c, "beslutad", CASE_OFFICER)) {
		form_error(&x->f, amount_field,
		           "Ärendet kan inte beslutas av dig i sin nuvarande status.",
		           "The case cannot be decided by you in its current status.");
		return 1;
	}
	form_init(&d, r, &grant_decision_form);
	static const char *const common[] = {"motivering", "beslutsfattare", "datum",
	                                     "referens",   "overskrid",      "overskrid_skal"};
	for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		form_set(&d, common[i], form_value(&x->f, common[i]));
	struct buf b = {0};
	money_plain(&b, amount);
	form_set(&d, "utfall", outcome_of(amount, l->asked));
	form_set(&d, "beviljat", amount ? arena_strndup(&r->a, b.data, b.len) : NULL);
	buf_free(&b);
	int rc = case_decision_record(r, &c, &d);
	if (rc != 1)
		return rc;
	int i = form_index(&d, "overskrid_skal");
	if (d.error[i])
		form_error(&x->f, "overskrid_skal", d.error[i], d.error[i]);
	i = form_index(&d, "beviljat");
	const char *why = d.error[i] ? d.error[i] : d.about;
	if (why)
		form_error(&x->f, amount_field, why, why);
	return 1;
}

/* Decides the chosen applications in one transaction: 0, 1 refused (the
 * form says why), -1 an error. */
static int
decide_all(struct req *r, struct committee *x)
{
	int chosen = 0;
	if (db_begin(r->db) != DB_OK)
		return -1;
	for (size_t i = 0; i < x->n; i++) {
		const struct grant_listed *l = &x->list[i];
		if (!l->ready ||
		    !form_value(&x->f, arena_printf(&r->a, "med-%lld", (long long)l->case_id)))
			continue;
		int64_t amount;
		const char *v = form_value(
		        &x->f, arena_printf(&r->a, "belopp-%lld", (long long)l->case_id));
		if (!v || money_parse(v, &amount) != 0) {
			form_error(&x->f, arena_printf(&r->a, "belopp-%lld", (long long)l->case_id),
			           "Skriv beloppet i kronor, 0 för avslag.",
			           "Write the amount in kronor, 0 when refused.");
			db_rollback(r->db);
			return 1;
		}
		chosen++;
		int rc = decide_one(r, x, l, amount);
		if (rc != 0) {
			db_rollback(r->db);
			return rc;
		}
	}
	if (!chosen) {
		db_rollback(r->db);
		form_refuse(&x->f, "Kryssa i de ansökningar som ska beslutas.",
		            "Tick the applications to decide.");
		return 1;
	}
	return db_commit(r->db) == DB_OK ? 0 : -1;
}

/* Keeps each ready application's amount as the officer's proposal, in one
 * transaction: 0, 1 refused (an amount that is no amount), -1 an error. */
static int
propose_all(struct req *r, struct committee *x)
{
	if (db_begin(r->db) != DB_OK)
		return -1;
	for (size_t i = 0; i < x->n; i++) {
		const struct grant_listed *l = &x->list[i];
		const char *v = l->ready ? form_value(&x->f, arena_printf(&r->a, "belopp-%lld",
		                                                          (long long)l->case_id))
		                         : NULL;
		int64_t amount;
		if (!v || !*v)
			continue;
		if (money_parse(v, &amount) != 0 ||
		    grant_proposal_set(r->db, l->case_id, amount) != 0) {
			db_rollback(r->db);
			return -1;
		}
	}
	return db_commit(r->db) == DB_OK ? 0 : -1;
}

/* POST /handlaggning/bidrag/{id}/ansokningar: "spara" keeps the amounts
 * as proposals; otherwise the ticked applications are decided, the common
 * fields required. */
void
grants_committee_decide(struct req *r)
{
	struct committee x;
	if (!load(r, &x))
		return;
	int saving = req_form(r, "spara") != NULL;
	int rc = form_read(&x.f, r) ? 1 : saving ? propose_all(r, &x) : decide_all(r, &x);
	/* proposals need only valid amounts, not the decision's fields */
	if (saving && rc == 1) {
		int amounts_bad = 0;
		for (int i = C_COMMON; i < x.f.def->n; i++)
			amounts_bad |= x.f.error[i] != NULL;
		if (!amounts_bad) {
			for (int i = 0; i < C_COMMON; i++)
				x.f.error[i] = NULL;
			x.f.nerrors = 0;
			rc = propose_all(r, &x);
		}
	}
	if (rc == 0) {
		char url[96];
		snprintf(url, sizeof(url), "/handlaggning/bidrag/%lld/ansokningar?ar=%d&klart=1",
		         (long long)x.g.id, x.year);
		req_redirect(r, arena_strdup(&r->a, url));
		return;
	}
	if (rc < 0) {
		req_error(r, 500);
		return;
	}
	/* what the decisions wrote was rolled back: read the list again */
	struct committee now;
	if (!load(r, &now))
		return;
	now.f = x.f;
	r->status = 422;
	render(r, &now, NULL);
}
