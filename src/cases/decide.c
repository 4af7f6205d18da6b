/* The officer's decision on a case: outcome, reasoning, who decided, the
 * date and the reference, declared once and checked field by field before
 * anything is written. */
#include "cases/action.h"
#include "cases/decision.h"
#include "cases/pages.h"
#include "cases/eservice.h"

#include <string.h>
#include <time.h>

static struct dbq Q_DECISION = {
        "INSERT INTO case_decisions (case_id, outcome, reasoning, decided_by, decided_by_id, "
        "decided_on, reference, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        NULL, 0};

/* What a decision can say; "delvis" and "bifall" both grant. */
const struct choice case_outcomes[] = {
        {"bifall", "Bifall", "Granted", 0},
        {"delvis", "Delvis bifall", "Partly granted", 0},
        {"avslag", "Avslag", "Refused", 0},
        {NULL, NULL, NULL, 0},
};

/* The common decision form, for every type that declares none of its
 * own. */
static const struct field_def decision_fields[] = {CASE_DECISION_FIELDS};
const struct form_def case_decision_form = {"beslut", decision_fields, CASE_DECISION_NFIELDS};

/* What a granted case changes outside itself, as its type declares (a
 * registration makes the association; a yearly update is applied to the
 * register; a grant is awarded): 0 done, 1 refused with the reason in f,
 * below 0 a database error. */
static int
apply_grant(struct req *r, struct case_row *c, struct form *f)
{
	const struct eservice *es = eservice_of(c->type);
	if (!es || !es->granted)
		return 0;
	json_t *p = json_loads(c->payload, 0, NULL);
	int rc = p ? es->granted(r, c, p, f) : -1;
	json_decref(p);
	return rc;
}

/* Records the decision f holds (a form of the case type's decision form,
 * read and valid) on c, which the caller has checked may be decided, in
 * the caller's transaction: the decision, its trail entry, the status,
 * and what granting it changes outside the case. 0 done, 1 refused with
 * the reason beside a field of f (the caller rolls back), -1 a database
 * error or someone moved the case first (c->moved_meanwhile). A
 * committee's decision of many cases calls it once for each. */
int
case_decision_record(struct req *r, struct case_row *c, struct form *f)
{
	const char *outcome = form_value(f, "utfall"), *ref = form_value(f, "referens");
	struct actor a = case_actor(r);
	int ok = db_exec(r->db, &Q_DECISION,
	                 DB_ARGS(DB_INT(c->id), DB_TEXT(outcome),
	                         DB_TEXT(form_value(f, "motivering")),
	                         DB_TEXT(form_value(f, "beslutsfattare")), DB_INT(a.id),
	                         DB_TEXT(form_value(f, "datum")), DB_TEXT(ref),
	                         DB_INT(time(NULL)))) == DB_OK &&
	         case_event(r->db, c->id, &a, "beslut", outcome) == DB_OK &&
	         case_move(r, c, "beslutad", ref) == DB_OK;
	if (!ok)
		return -1;
	return strcmp(outcome, "avslag") != 0 ? apply_grant(r, c, f) : eservice_ended(r, c);
}

/* POST /arenden/{dnr}/beslut */
void
case_decide(struct req *r)
{
	struct case_row c;
	enum case_role role;
	struct form f;
	if (!case_action_load(r, &c, &role))
		return;
	form_init(&f, r, eservice_decision_form(&c));
	if (!case_may_move_loaded(r, &c, role, &f, "beslutad", CASE_OFFICER))
		return;
	if (form_read(&f, r)) {
		case_refuse(r, &c, role, &f);
		return;
	}
	int rc = db_begin(r->db) == DB_OK ? case_decision_record(r, &c, &f) : -1;
	if (rc == 1) {
		db_rollback(r->db);
		case_refuse(r, &c, role, &f);
		return;
	}
	case_action_end(r, &c, &f, rc == 0);
}
