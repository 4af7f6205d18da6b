/* Deciding the season: "Besluta fördelningen" decides every application
 * not yet decided, each in a transaction of its own and through the
 * common decision path (case_decision_record), as a committee decides
 * many grant applications: the outcome follows from how many of its
 * times were allocated, the reasoning lists the times given and not and
 * the weeks skipped, and the grant books the times (season_eservice.c).
 * Once every application is decided, so is the season. */
#include "venues/season_grid.h"

#include <stdio.h>
#include <string.h>

#include "cases/action.h"
#include "cases/decision.h"
#include "venues/season_pages.h"
#include "venues/season_plan.h"

/* The common decision's fields but the outcome, which each application's
 * allocation gives: the reasoning the officer writes comes first in every
 * decision, before the times the application got and did not get. */
static const struct field_def common[] = {CASE_DECISION_FIELDS};
const struct form_def season_decision_form = {"sasongsbeslut", common + 1, 4};

/* Decides one application's case: 0 done, 2 left as it is (its status
 * does not allow a decision), 1 refused with the reason about the page's
 * form, -1 an error. */
static int
decide_one(struct req *r, struct season_grid *g, const struct season_app *x)
{
	struct case_row c;
	if (case_load(r->db, &r->a, x->dnr, &c) <= 0)
		return -1;
	if (case_role_of(r->db, r->user, &c) != CASE_OFFICER ||
	    !case_may(&c, "beslutad", CASE_OFFICER))
		return 2;
	if (db_begin(r->db) != DB_OK)
		return -1;
	struct season_case_plan plan;
	if (season_case_plan(r->db, &r->a, c.id, &plan) <= 0) {
		db_rollback(r->db);
		return -1;
	}
	const char *own = form_value(&g->decide, "motivering");
	struct form d;
	form_init(&d, r, &case_decision_form);
	form_set(&d, "utfall", season_case_outcome(&plan));
	form_set(&d, "motivering",
	         arena_printf(&r->a, "%s\n\n%s", own, season_case_reasoning(&r->a, &plan)));
	static const char *const keep[] = {"beslutsfattare", "datum", "referens"};
	for (size_t i = 0; i < 3; i++)
		form_set(&d, keep[i], form_value(&g->decide, keep[i]));
	int rc = case_decision_record(r, &c, &d);
	if (rc == 0 && db_commit(r->db) == DB_OK)
		return 0;
	db_rollback(r->db);
	if (rc == 1) {
		const char *why = d.error[form_index(&d, "utfall")];
		form_refuse(&g->decide, arena_printf(&r->a, "%s: %s", x->dnr, why ? why : ""),
		            arena_printf(&r->a, "%s: %s", x->dnr, why ? why : ""));
	}
	return rc == 1 ? 1 : -1;
}

/* POST /handlaggning/lokaler/sasonger/{id}/beslut */
void
season_decide(struct req *r)
{
	struct season_grid g;
	if (!season_managed(r, &g.s))
		return;
	if (season_grid_load(r, &g) != 0) {
		req_error(r, 500);
		return;
	}
	form_read(&g.decide, r);
	if (strcmp(g.s.status, "decided") == 0)
		form_refuse(&g.decide, "Säsongen är redan beslutad.",
		            "The season is decided already.");
	int rc = 0, left = 0, decided = 0;
	for (size_t i = 0; !g.decide.nerrors && rc == 0 && i < g.napps; i++) {
		if (strcmp(g.apps[i].case_status, "beslutad") == 0)
			continue;
		rc = decide_one(r, &g, &g.apps[i]);
		decided += rc == 0;
		rc = rc == 2 ? 0 : rc;
	}
	if (rc < 0) {
		req_error(r, 500);
		return;
	}
	if (g.decide.nerrors) {
		/* what was decided before a refusal stays decided: read it again */
		struct season_grid now = {.s = g.s};
		if (season_grid_load(r, &now) != 0) {
			req_error(r, 500);
			return;
		}
		now.decide = g.decide;
		r->status = 422;
		season_grid_render(r, &now, NULL);
		return;
	}
	struct season_app *apps;
	size_t n;
	if (season_apps(r->db, &r->a, &g.s, &apps, &n) != 0) {
		req_error(r, 500);
		return;
	}
	for (size_t i = 0; i < n; i++)
		left += strcmp(apps[i].case_status, "beslutad") != 0;
	if (!left && season_set_status(r->db, g.s.id, "decided") != DB_OK) {
		req_error(r, 500);
		return;
	}
	req_redirect(r,
	             arena_printf(&r->a, "/handlaggning/lokaler/sasonger/%lld?beslutad=%d&kvar=%d",
	                          (long long)g.s.id, decided, left));
}
