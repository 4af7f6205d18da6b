/* The officer's decision on a case: outcome, reasoning, who decided, the
 * date and the reference, checked field by field before anything is
 * written. */
#include "cases/action.h"
#include "cases/pages.h"
#include "cases/eservice.h"
#include "base/valid.h"

#include <string.h>
#include <time.h>

static struct dbq Q_DECISION = {
        "INSERT INTO case_decisions (case_id, outcome, reasoning, decided_by, decided_by_id, "
        "decided_on, reference, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        NULL, 0};

/* The longest reasoning, and the longest name of a decider or reference. */
enum { REASONING_MAX = 10000, SHORT_MAX = 200 };

struct decision {
	const char *outcome, *reasoning, *by, *date, *ref;
};

/* Reads the form and notes every field that is wrong, so the officer can
 * fix them all at once. */
static void
read_decision(struct req *r, struct decision *d, struct case_refusal *e)
{
	int en = r->p.english;
	d->outcome = req_form(r, "utfall");
	d->reasoning = case_text_field(r, "motivering", REASONING_MAX);
	d->by = case_text_field(r, "beslutsfattare", SHORT_MAX);
	d->date = req_form(r, "datum");
	d->ref = case_text_field(r, "referens", SHORT_MAX);
	if (!d->outcome || (strcmp(d->outcome, "bifall") && strcmp(d->outcome, "avslag") &&
	                    strcmp(d->outcome, "delvis")))
		refusal_add(e, "utfall",
		            en ? "Choose granted, partly granted or refused."
		               : "Välj bifall, delvis bifall eller avslag.");
	if (!d->reasoning)
		refusal_add(e, "motivering",
		            en ? "Write the reasoning (at most 10,000 characters)."
		               : "Skriv en motivering (högst 10 000 tecken).");
	if (!d->by)
		refusal_add(e, "beslutsfattare",
		            en ? "Write who decided (at most 200 characters)."
		               : "Skriv vem som beslutade (högst 200 tecken).");
	if (!date_valid(d->date))
		refusal_add(e, "datum",
		            en ? "Write the date of decision as YYYY-MM-DD."
		               : "Skriv beslutsdatum som ÅÅÅÅ-MM-DD.");
	if (!d->ref)
		refusal_add(
		        e, "referens",
		        en ? "Write the delegation decision or minutes the decision was made "
		             "in (at most 200 characters)."
		           : "Skriv delegationsbeslutet eller protokollet där beslutet fattades "
		             "(högst 200 tecken).");
}

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
	if (!case_may_move(r, &c, &role, "beslut", "beslutad", CASE_OFFICER))
		return;
	struct decision d;
	struct case_refusal e = {.form = "beslut"};
	read_decision(r, &d, &e);
	if (e.n) {
		case_refuse_all(r, &c, role, &e);
		return;
	}
	struct actor a = case_actor(r);
	time_t now = time(NULL);
	int ok = db_begin(r->db) == DB_OK &&
	         db_exec(r->db, &Q_DECISION,
	                 DB_ARGS(DB_INT(c.id), DB_TEXT(d.outcome), DB_TEXT(d.reasoning),
	                         DB_TEXT(d.by), DB_INT(a.id), DB_TEXT(d.date), DB_TEXT(d.ref),
	                         DB_INT(now))) == DB_OK &&
	         case_event(r->db, c.id, &a, "beslut", d.outcome) == DB_OK &&
	         case_move(r, &c, "beslutad", d.ref) == DB_OK;
	const char *why = NULL;
	int granted = ok && strcmp(d.outcome, "avslag") != 0 ? apply_grant(r, &c, &why) : 0;
	if (granted == 1) {
		db_rollback(r->db);
		case_refuse(r, &c, role, "beslut", "utfall", why, why);
		return;
	}
	case_action_end(r, &c, ok && granted == 0);
}
