/* Administration of grant programmes, on two roads with the same pages:
 * administrators manage every department's under /admin/bidrag (where,
 * as everywhere under /admin, only administrators come), officers their
 * own department's under /handlaggning/bidrag, where another
 * department's programme is not there (404). */
#include "auth/roads.h"
#include "grants/admin_form.tpl.h"
#include "grants/admin_list.tpl.h"
#include "grants/admin_page.h"
#include "grants/fields.h"
#include "grants/grants.h"
#include "auth/roles.h"
#include "layout/layout.h"
#include "register/fields.h"

#include <stdio.h>
#include <string.h>

/* Where the pages of the request's road start. */
static const char *
base(const struct req *r)
{
	return road_admin(r) ? "/admin/bidrag" : "/handlaggning/bidrag";
}

/* The programme of the address's first number, when the user may manage
 * it: 1, or 0 after answering 404 (none, or another department's), or
 * -1 after answering 500. */
int
grant_managed_programme(struct req *r, struct grant_programme *g)
{
	int64_t id = req_param_id(r, 0);
	int rc = id ? grant_get(r->db, &r->a, id, NULL, g) : 0;
	if (rc > 0 && road_department(r) != 0 && g->department_id != road_department(r))
		rc = 0;
	if (rc <= 0)
		req_error(r, rc < 0 ? 500 : 404);
	return rc;
}

void
grants_admin_list(struct req *r)
{
	struct grant_programme *items;
	size_t n;
	if (grant_list_managed(r->db, &r->a, road_department(r), &items, &n) != 0) {
		req_error(r, 500);
		return;
	}
	r->p.title = r->p.english ? "Grant programmes" : "Bidragsprogram";
	layout_head(r);
	tpl_grants_admin_list(&r->out, &r->p, base(r), items, n, road_admin(r));
	layout_foot(r);
}

/* The three forms of the page, empty, with the choices they offer (the
 * departments the user manages, the kinds, the question types, the areas
 * and target groups); 0, or -1 when the database failed. */
static int
page_start(struct req *r, struct programme_page *e)
{
	struct choice *kinds, *types, *formulas;
	*e = (struct programme_page){.base = base(r)};
	form_init(&e->prog, r, &programme_form_def);
	form_init(&e->forms, r, programme_forms_def(&r->a));
	form_init(&e->formula, r, &formula_form_def);
	form_init(&e->question, r, &question_form_def);
	form_init(&e->criterion, r, &criterion_form_def);
	size_t n;
	struct choice *depts;
	if (road_departments(r, &depts, &n) != 0 || grant_kind_choices(r->db, &r->a, &kinds) != 0 ||
	    grant_question_type_choices(r->db, &r->a, &types) != 0 ||
	    grant_formula_choices(r->db, &r->a, &formulas) != 0 ||
	    assoc_choices(r, &e->areas, &e->groups) != 0)
		return -1;
	form_set_choices(&e->prog, "forvaltning", depts);
	form_set_choices(&e->prog, "typ", kinds);
	form_set_choices(&e->question, "fragetyp", types);
	form_set_choices(&e->formula, "berakning", formulas);
	if (n == 1)
		form_set(&e->prog, "forvaltning", depts[0].code);
	return 0;
}

/* Reads the stored programme's questions and criteria into the page. */
static int
page_lists(struct req *r, struct programme_page *e, const struct grant_programme *g)
{
	e->id = g->id;
	e->slug = g->slug;
	e->heading = g->name;
	char *action = arena_alloc(&r->a, 64);
	snprintf(action, 64, "%s/%lld", base(r), (long long)g->id);
	e->action = action;
	return grant_questions(r->db, &r->a, g->id, &e->questions, &e->nquestions) == 0 &&
	                       grant_criteria(r->db, &r->a, g->id, &e->criteria, &e->ncriteria) == 0
	               ? 0
	               : -1;
}

/* Fills the page's forms with the stored programme and how it computes. */
static int
page_set(struct req *r, struct programme_page *e, const struct grant_programme *g)
{
	struct grant_formula formula;
	if (grant_formula_get(r->db, &r->a, g->id, &formula) != 0)
		return -1;
	programme_form_set(&e->prog, &r->a, g);
	programme_forms_set(&e->forms, g);
	formula_form_set(&e->formula, &r->a, &formula);
	e->area_ids = g->area_ids, e->nareas = g->nareas;
	e->group_ids = g->group_ids, e->ngroups = g->ngroups;
	return 0;
}

static void
render(struct req *r, struct programme_page *e)
{
	r->p.title = e->heading;
	layout_form_page(r, e->action);
	e->prog_fields = form_fields(&e->prog, &r->a);
	e->forms_fields = form_fields(&e->forms, &r->a);
	e->formula_fields = form_fields(&e->formula, &r->a);
	e->question_fields = form_fields(&e->question, &r->a);
	e->criterion_fields = form_fields(&e->criterion, &r->a);
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_grants_admin_form(&r->out, &r->p, csrf, e);
	layout_foot(r);
}

/* The page of a new programme's form. */
static void
new_page(struct req *r, struct programme_page *e)
{
	e->heading = r->p.english ? "New grant programme" : "Nytt bidragsprogram";
	char *action = arena_alloc(&r->a, 64);
	snprintf(action, 64, "%s/ny", base(r));
	e->action = action;
}

void
grants_admin_new(struct req *r)
{
	struct programme_page e;
	if (page_start(r, &e) != 0) {
		req_error(r, 500);
		return;
	}
	new_page(r, &e);
	render(r, &e);
}

void
grants_admin_edit(struct req *r)
{
	struct grant_programme g;
	struct programme_page e;
	if (grant_managed_programme(r, &g) <= 0)
		return;
	if (page_start(r, &e) != 0 || page_lists(r, &e, &g) != 0 || page_set(r, &e, &g) != 0) {
		req_error(r, 500);
		return;
	}
	if (req_query(r, "sparad"))
		e.notice = r->p.english ? "Saved." : "Sparat.";
	render(r, &e);
}

/* Validates and stores the programme's form (a new one when old is NULL);
 * on any error the page comes back with what was typed, the error beside
 * its field, and nothing written. */
static void
save(struct req *r, const struct grant_programme *old)
{
	struct programme_page e;
	struct grant_programme g;
	struct grant_formula formula;
	if (page_start(r, &e) != 0 || (old && page_lists(r, &e, old) != 0)) {
		req_error(r, 500);
		return;
	}
	if (!old)
		new_page(r, &e);
	programme_form_read(&e.prog, r, &g);
	programme_forms_read(&e.forms, r, &g);
	int wrong = formula_form_read(&e.formula, r, &formula);
	/* form_ids keeps at most ASSOC_MAX_LINKS, which the programme holds */
	g.nareas = form_ids(r, "omrade", e.areas, g.area_ids);
	g.ngroups = form_ids(r, "malgrupp", e.groups, g.group_ids);
	if (g.nareas < 0 || g.ngroups < 0) {
		req_error(r, 400);
		return;
	}
	e.area_ids = g.area_ids, e.nareas = g.nareas;
	e.group_ids = g.group_ids, e.ngroups = g.ngroups;
	int64_t id = old ? old->id : 0, saved = 0;
	if (e.prog.nerrors == 0 && !wrong && db_begin(r->db) == DB_OK) {
		int taken = grant_slug_taken(r->db, g.slug, id);
		int rc = taken ? DB_OK : grant_save(r->db, id, &g, &saved);
		if (!taken && rc == DB_OK)
			rc = grant_formula_save(r->db, saved, &formula);
		if (taken > 0) {
			form_error(&e.prog, "adress",
			           "Ett annat bidragsprogram har redan den adressen.",
			           "Another grant programme already has that address.");
		} else if (taken < 0 || rc != DB_OK || db_commit(r->db) != DB_OK) {
			db_rollback(r->db);
			req_error(r, rc == DB_NOROW ? 404 : 500);
			return;
		} else {
			char to[80];
			snprintf(to, sizeof(to), "%s/%lld?sparad=1", base(r), (long long)saved);
			req_redirect(r, arena_strdup(&r->a, to));
			return;
		}
		db_rollback(r->db);
	}
	r->status = 422;
	render(r, &e);
}

void
grants_admin_create(struct req *r)
{
	save(r, NULL);
}

void
grants_admin_update(struct req *r)
{
	struct grant_programme g;
	if (grant_managed_programme(r, &g) > 0)
		save(r, &g);
}

/* After a question or a criterion is added or removed: back to the
 * programme's page, at the list that changed. */
static void
back_to(struct req *r, int64_t id, const char *anchor)
{
	char to[96];
	snprintf(to, sizeof(to), "%s/%lld?sparad=1#%s", base(r), (long long)id, anchor);
	req_redirect(r, arena_strdup(&r->a, to));
}

/* Shows the programme's page again with the refused form of the two
 * below it (its values and errors), and what the programme holds. */
static void
refused(struct req *r, const struct grant_programme *g, struct programme_page *e)
{
	if (page_lists(r, e, g) != 0 || page_set(r, e, g) != 0) {
		req_error(r, 500);
		return;
	}
	r->status = 422;
	render(r, e);
}

void
grants_admin_question_add(struct req *r)
{
	struct grant_programme g;
	struct programme_page e;
	struct grant_question q;
	if (grant_managed_programme(r, &g) <= 0)
		return;
	if (page_start(r, &e) != 0) {
		req_error(r, 500);
		return;
	}
	if (question_form_read(&e.question, r, &q) != 0) {
		refused(r, &g, &e);
		return;
	}
	if (grant_question_add(r->db, g.id, &q) != DB_OK) {
		req_error(r, 500);
		return;
	}
	back_to(r, g.id, "fragor");
}

void
grants_admin_criterion_add(struct req *r)
{
	struct grant_programme g;
	struct programme_page e;
	struct grant_criterion c;
	if (grant_managed_programme(r, &g) <= 0)
		return;
	if (page_start(r, &e) != 0) {
		req_error(r, 500);
		return;
	}
	if (criterion_form_read(&e.criterion, r, &c) != 0) {
		refused(r, &g, &e);
		return;
	}
	if (grant_criterion_add(r->db, g.id, &c) != DB_OK) {
		req_error(r, 500);
		return;
	}
	back_to(r, g.id, "kriterier");
}

/* Removes a question or a criterion of a programme the user manages; one
 * the programme does not have is a 404. */
static void
remove_item(struct req *r, int (*fn)(struct db *, int64_t, int64_t), const char *anchor)
{
	struct grant_programme g;
	if (grant_managed_programme(r, &g) <= 0)
		return;
	int64_t item = req_param_id(r, 1);
	int rc = item ? fn(r->db, g.id, item) : DB_NOROW;
	if (rc != DB_OK) {
		req_error(r, rc == DB_NOROW ? 404 : 500);
		return;
	}
	back_to(r, g.id, anchor);
}

void
grants_admin_question_remove(struct req *r)
{
	remove_item(r, grant_question_remove, "fragor");
}

void
grants_admin_criterion_remove(struct req *r)
{
	remove_item(r, grant_criterion_remove, "kriterier");
}
