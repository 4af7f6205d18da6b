/* The decision on a grant application: the case engine's decision with
 * the amount granted, checked against what was asked and against what is
 * left of the programme's budget for the year, in the decision's own
 * transaction (issue 10, step 4). Granting more than is left needs an
 * explicit override with its reason, which goes in the case's trail. */
#include "grants/applications.h"
#include "grants/awards.h"
#include "grants/award_show.tpl.h"
#include "grants/eservice.h"
#include "grants/fields.h"
#include "base/buf.h"
#include "base/money.h"
#include "cases/action.h"
#include "cases/decision.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The common decision, then the amount and the override. */
static const struct field_def fields[] = {
        CASE_DECISION_FIELDS,
        {.name = "beviljat",
         .label_sv = "Beviljat belopp i kronor",
         .label_en = "Amount granted, in kronor",
         .type = FIELD_TEXT,
         .max = 30,
         .hint_sv = "Vid bifall det sökta beloppet, vid delvis bifall mindre. Lämnas tomt vid "
                    "avslag.",
         .hint_en = "When granted the amount applied for, when partly granted less. Left "
                    "empty when refused.",
         .check = grant_money_check},
        {.name = "overskrid",
         .label_sv = "Bevilja även om programmets budget för året överskrids",
         .label_en = "Grant even if the programme's budget for the year is exceeded",
         .type = FIELD_CHECKBOX},
        {.name = "overskrid_skal",
         .label_sv = "Skäl att överskrida budgeten",
         .label_en = "Reason for exceeding the budget",
         .type = FIELD_TEXTAREA,
         .max = 2000,
         .hint_sv = "Krävs när budgeten överskrids. Skälet står i ärendets händelser.",
         .hint_en = "Required when the budget is exceeded. The reason stands in the case's "
                    "trail."},
};
const struct form_def grant_decision_form = {"beslut", fields,
                                             (int)(sizeof(fields) / sizeof(fields[0]))};

/* An amount as a message says it, in one language, in the request's
 * arena. */
static const char *
words(struct req *r, int64_t ore, int english)
{
	struct buf b = {0};
	money_format(&b, ore, english);
	const char *out = arena_strndup(&r->a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

/* Refuses the decision beside a field, with a message in each language
 * that names one amount (a printf format with one %s). */
static int
refuse(struct req *r, struct form *f, const char *field, const char *sv, const char *en,
       int64_t ore)
{
	form_error(f, field, arena_printf(&r->a, sv, words(r, ore, 0)),
	           arena_printf(&r->a, en, words(r, ore, 1)));
	return 1;
}

/* The amount the officer is about to grant: what they proposed, else
 * what was asked. */
void
grant_decision_prefill(struct req *r, const struct case_row *c, struct form *f)
{
	struct grant_application x;
	if (grant_application_of(r->db, &r->a, c->id, &x) <= 0)
		return;
	struct buf b = {0};
	money_plain(&b, x.proposed >= 0 ? x.proposed : x.amount);
	form_set(f, "beviljat", arena_strndup(&r->a, b.data, b.len));
	buf_free(&b);
}

/* The amount granted as the outcome needs it: in full (empty means what
 * was asked), or partly (more than nothing, less than asked). 0 with the
 * amount, 1 refused beside the field. */
static int
amount_of(struct req *r, struct form *f, const struct grant_application *x, int64_t *out)
{
	const char *v = form_value(f, "beviljat");
	int full = strcmp(form_value(f, "utfall"), "bifall") == 0;
	if (!v || !*v) {
		if (full) {
			*out = x->amount;
			return 0;
		}
		form_error(f, "beviljat", "Skriv det belopp som beviljas.",
		           "Write the amount granted.");
		return 1;
	}
	if (money_parse(v, out) != 0) /* the field's check has refused it already */
		return 1;
	if (*out > x->amount)
		return refuse(r, f, "beviljat", "Det går inte att bevilja mer än det sökta, %s.",
		              "No more than the amount applied for, %s, can be granted.",
		              x->amount);
	if (*out == 0) {
		form_error(f, "beviljat",
		           "Ett beviljat belopp är större än 0 kr. Välj avslag om inget beviljas.",
		           "An amount granted is more than SEK 0. Choose refused when nothing "
		           "is granted.");
		return 1;
	}
	if (full && *out < x->amount)
		return refuse(r, f, "beviljat",
		              "Mindre än det sökta beloppet, %s, är delvis bifall: välj det.",
		              "Less than the amount applied for, %s, is partly granted: choose "
		              "that.",
		              x->amount);
	if (!full && *out == x->amount)
		return refuse(r, f, "beviljat", "Hela det sökta beloppet, %s, är bifall: välj det.",
		              "All of the amount applied for, %s, is granted in full: choose that.",
		              x->amount);
	return 0;
}

/* A granted application becomes an award, unless it takes the programme
 * past its budget for the year without an override and its reason. The
 * programme's row is locked first, so that two officers deciding at once
 * read the sum one after the other (the check and the write are in the
 * decision's transaction). */
int
grant_decision_granted(struct req *r, struct case_row *c, json_t *payload, struct form *f)
{
	(void)payload;
	struct grant_application x;
	struct grant_programme g;
	struct grant_budget bud;
	int64_t amount;
	if (grant_application_of(r->db, &r->a, c->id, &x) <= 0)
		return -1;
	if (amount_of(r, f, &x, &amount))
		return 1;
	int year = atoi(x.period);
	if (grant_programme_lock(r->db, x.programme_id) != 0 ||
	    grant_get(r->db, &r->a, x.programme_id, NULL, &g) <= 0 ||
	    grant_budget_of(r->db, x.programme_id, year, &bud) != 0)
		return -1;
	int64_t left = bud.budget - bud.granted;
	const char *reason = NULL;
	if (amount > left) {
		if (!form_value(f, "overskrid"))
			return refuse(
			        r, f, "beviljat",
			        "Det återstår %s av programmets budget för året. Bevilja högst "
			        "det, eller kryssa i att budgeten får överskridas och skriv "
			        "skälet.",
			        "What is left of the programme's budget for the year is %s. "
			        "Grant at most that, or tick that the budget may be exceeded "
			        "and write the reason.",
			        left > 0 ? left : 0);
		reason = form_value(f, "overskrid_skal");
		if (!reason || !*reason) {
			form_error(f, "overskrid_skal", "Skriv skälet att överskrida budgeten.",
			           "Write the reason for exceeding the budget.");
			return 1;
		}
	}
	struct actor a = case_actor(r);
	struct grant_award w = {.case_id = c->id,
	                        .programme_id = x.programme_id,
	                        .department_id = c->department_id,
	                        .association_id = x.association_id,
	                        .kind = g.kind,
	                        .year = year,
	                        .amount = amount,
	                        .decided_on = form_value(f, "datum"),
	                        .reference = form_value(f, "referens"),
	                        .override_reason = reason};
	if (grant_award_store(r->db, &w) != DB_OK)
		return -1;
	return reason ? (case_event(r->db, c->id, &a, "budget_overskriden", reason) == DB_OK ? 0
	                                                                                     : -1)
	              : 0;
}

/* What was granted, on the case page of a decided application; the
 * department's officer gets the way to its payouts. */
void
grant_award_show(struct req *r, struct buf *b, const struct case_row *c)
{
	struct grant_award w;
	if (grant_award_of_case(r->db, &r->a, c->id, &w) > 0)
		tpl_grants_award_show(b, &r->p, &w, case_officer_of(r->user, c));
}
