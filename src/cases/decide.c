/* The officer's decision on a case: outcome, reasoning, who decided, the
 * date and the reference, declared once and checked field by field before
 * anything is written. */
#include "cases/action.h"
#include "cases/pages.h"
#include "cases/eservice.h"

#include <string.h>
#include <time.h>

static struct dbq Q_DECISION = {
        "INSERT INTO case_decisions (case_id, outcome, reasoning, decided_by, decided_by_id, "
        "decided_on, reference, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        NULL, 0};

static const struct choice outcomes[] = {
        {"bifall", "Bifall", "Granted", 0},
        {"delvis", "Delvis bifall", "Partly granted", 0},
        {"avslag", "Avslag", "Refused", 0},
        {NULL, NULL, NULL, 0},
};

/* The decision form: every field required, the date one that is on the
 * calendar (2026-02-31 is refused beside it). */
static const struct field_def decision_fields[] = {
        {.name = "utfall",
         .label_sv = "Beslut",
         .label_en = "Decision",
         .type = FIELD_RADIO,
         .required = 1,
         .choices = outcomes,
         .invalid_sv = "Välj bifall, delvis bifall eller avslag.",
         .invalid_en = "Choose granted, partly granted or refused."},
        {.name = "motivering",
         .label_sv = "Motivering",
         .label_en = "Reasoning",
         .type = FIELD_TEXTAREA,
         .required = 1,
         .max = 10000,
         .missing_sv = "Skriv en motivering (högst 10 000 tecken).",
         .missing_en = "Write the reasoning (at most 10,000 characters)."},
        {.name = "beslutsfattare",
         .label_sv = "Beslutsfattare (delegat eller nämnd)",
         .label_en = "Decided by (delegate or committee)",
         .type = FIELD_TEXT,
         .required = 1,
         .max = 200,
         .missing_sv = "Skriv vem som beslutade (högst 200 tecken).",
         .missing_en = "Write who decided (at most 200 characters)."},
        {.name = "datum",
         .label_sv = "Beslutsdatum",
         .label_en = "Date of decision",
         .type = FIELD_DATE,
         .required = 1,
         .missing_sv = "Skriv beslutsdatum som ÅÅÅÅ-MM-DD.",
         .missing_en = "Write the date of decision as YYYY-MM-DD."},
        {.name = "referens",
         .label_sv = "Referens (delegationsbeslut eller protokoll, t.ex. FRI 2026-03-12 § 14)",
         .label_en = "Reference (delegation or minutes, e.g. FRI 2026-03-12 § 14)",
         .type = FIELD_TEXT,
         .required = 1,
         .max = 200,
         .missing_sv = "Skriv delegationsbeslutet eller protokollet där beslutet fattades "
                       "(högst 200 tecken).",
         .missing_en = "Write the delegation decision or minutes the decision was made in "
                       "(at most 200 characters)."},
};
const struct form_def case_decision_form = {"beslut", decision_fields, 5};

/* What a granted case changes outside itself, as its type declares (a
 * registration makes the association; a yearly update is applied to the
 * register): 0 done, 1 refused with *why, below 0 a database error. */
static int
apply_grant(struct req *r, struct case_row *c, const char **why)
{
	const struct eservice *es = eservice_of(c->type);
	if (!es || !es->granted)
		return 0;
	json_t *p = json_loads(c->payload, 0, NULL);
	int rc = p ? es->granted(r, c, p, why) : -1;
	json_decref(p);
	return rc;
}

/* POST /arenden/{dnr}/beslut */
void
case_decide(struct req *r)
{
	struct case_row c;
	enum case_role role;
	struct form f;
	form_init(&f, r, &case_decision_form);
	if (!case_may_move(r, &c, &role, &f, "beslutad", CASE_OFFICER))
		return;
	if (form_read(&f, r)) {
		case_refuse(r, &c, role, &f);
		return;
	}
	const char *outcome = form_value(&f, "utfall"), *ref = form_value(&f, "referens");
	struct actor a = case_actor(r);
	time_t now = time(NULL);
	int ok = db_begin(r->db) == DB_OK &&
	         db_exec(r->db, &Q_DECISION,
	                 DB_ARGS(DB_INT(c.id), DB_TEXT(outcome),
	                         DB_TEXT(form_value(&f, "motivering")),
	                         DB_TEXT(form_value(&f, "beslutsfattare")), DB_INT(a.id),
	                         DB_TEXT(form_value(&f, "datum")), DB_TEXT(ref), DB_INT(now))) ==
	                 DB_OK &&
	         case_event(r->db, c.id, &a, "beslut", outcome) == DB_OK &&
	         case_move(r, &c, "beslutad", ref) == DB_OK;
	const char *why = NULL;
	int granted = ok && strcmp(outcome, "avslag") != 0 ? apply_grant(r, &c, &why) : 0;
	if (granted == 1) {
		db_rollback(r->db);
		form_error(&f, "utfall", why, why);
		case_refuse(r, &c, role, &f);
		return;
	}
	case_action_end(r, &c, &f, ok && granted == 0);
}
