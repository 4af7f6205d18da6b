/* The season's grid (season_grid.h) and the allocation of its wishes:
 * the officer marks each wish of a venue allocated or not in one form
 * per venue, and the page refuses two conflicting wishes marked at once,
 * beside the one the priority rule puts later. */
#include "venues/season_grid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/days.h"
#include "layout/layout.h"
#include "venues/season_grid.tpl.h"
#include "venues/season_pages.h"

#define L_NOTICE(r, sv, en) ((r)->p.english ? (en) : (sv))

/* Why the rule puts an application where it is, in the page's language. */
static const char *
reason_of(struct req *r, const struct season_app *x)
{
	const struct youth_basis *y = &x->basis;
	int en = r->p.english;
	const char *members = y->members < 0 ? (en ? "no members in the register"
	                                           : "medlemsantal saknas i registret")
	                                     : arena_printf(&r->a,
	                                                    en ? "%lld members in the register"
	                                                       : "%lld medlemmar enligt registret",
	                                                    (long long)y->members);
	const char *register_says =
	        y->share_pct == 0 ? (en ? "the department has no youth threshold"
	                                : "förvaltningen har ingen gräns för ungdomsförening")
	        : y->youth_members < 0 || y->members <= 0
	                ? (en ? "the register lacks its members aged 7–25"
	                      : "registret saknar medlemmar 7–25 år")
	                : arena_printf(&r->a,
	                               en ? "%lld of %lld members aged 7–25, the threshold %d %%"
	                                  : "%lld av %lld medlemmar 7–25 år, gränsen %d %%",
	                               (long long)y->youth_members, (long long)y->members,
	                               y->share_pct);
	if (x->youth_first)
		return arena_printf(
		        &r->a,
		        en ? "Youth activity, a youth association in the register (%s): "
		             "first; %s"
		           : "Ungdomsverksamhet, ungdomsförening enligt registret (%s): "
		             "går först; %s",
		        register_says, members);
	if (x->youth)
		return arena_printf(
		        &r->a,
		        en ? "Youth activity by the application, but no youth association "
		             "in the register (%s); %s"
		           : "Ungdomsverksamhet enligt ansökan, men inte ungdomsförening "
		             "enligt registret (%s); %s",
		        register_says, members);
	return arena_printf(&r->a, en ? "Not youth activity; %s" : "Inte ungdomsverksamhet; %s",
	                    members);
}

/* The place of a wish's application in the list. */
static size_t
app_of(const struct season_grid *g, int64_t case_id)
{
	size_t i = 0;
	while (i + 1 < g->napps && g->apps[i].case_id != case_id)
		i++;
	return i;
}

/* "2. Föreningen B, Testhallen A 18:00–20:00" */
static const char *
wish_label(struct req *r, const struct grid_row *row)
{
	char f[6], t[6];
	hhmm(row->w->from, f);
	hhmm(row->w->to, t);
	return arena_printf(&r->a, "%d. %s, %s %s–%s", row->app->rank, row->app->association,
	                    row->w->venue, f, t);
}

/* Orders a group's rows by the priority rule, then by time. */
static int
by_rank(const void *pa, const void *pb)
{
	const struct grid_row *a = pa, *b = pb;
	if (a->app->rank != b->app->rank)
		return a->app->rank - b->app->rank;
	return a->w->pos - b->w->pos;
}

/* Writes out each row's conflicts within its group. */
static void
conflicts_of(struct req *r, struct grid_group *gr)
{
	for (size_t i = 0; i < gr->n; i++) {
		struct buf b = {0};
		for (size_t k = 0; k < gr->n; k++)
			if (season_wishes_conflict(gr->rows[i].w, gr->rows[k].w))
				buf_printf(&b, "%s%s", b.len ? "; " : "",
				           wish_label(r, &gr->rows[k]));
		gr->rows[i].conflicts = b.len ? arena_strndup(&r->a, b.data, b.len) : NULL;
		buf_free(&b);
	}
}

/* The venue's allocation form: a box per wish of an undecided case. */
static void
form_of(struct req *r, struct season_grid *g, struct grid_group *gr)
{
	struct field_def *f = arena_zalloc(&r->a, (gr->n + 1) * sizeof *f);
	int k = 0;
	for (size_t i = 0; i < gr->n; i++) {
		struct grid_row *row = &gr->rows[i];
		row->field = -1;
		if (strcmp(row->app->case_status, "beslutad") == 0)
			continue;
		row->field = k;
		/* the box says its weekday: one association's wishes at one
		   venue and time on two days would otherwise read alike */
		const struct season_wish *w = row->w;
		char from[6], to[6];
		hhmm(w->from, from);
		hhmm(w->to, to);
		const char *who = arena_printf(&r->a, "%d. %s, %s", row->app->rank,
		                               row->app->association, w->venue);
		f[k++] = (struct field_def){
		        .name = arena_printf(&r->a, "tilldela-%lld", (long long)w->id),
		        .label_sv = arena_printf(&r->a, "Tilldela %s, %s %s–%s", who,
		                                 season_weekdays_sv[w->weekday], from, to),
		        .label_en = arena_printf(&r->a, "Allocate %s, %s %s–%s", who,
		                                 season_weekdays_en[w->weekday], from, to),
		        .type = FIELD_CHECKBOX};
	}
	struct form_def *def = arena_alloc(&r->a, sizeof *def);
	*def = (struct form_def){arena_printf(&r->a, "fordelning-%lld", (long long)gr->whole_id), f,
	                         k};
	form_init(&gr->f, r, def);
	for (size_t i = 0; i < gr->n; i++)
		if (gr->rows[i].field >= 0 && gr->rows[i].w->allocated)
			form_set(&gr->f, def->fields[gr->rows[i].field].name, "1");
	gr->action = arena_printf(&r->a, "/handlaggning/lokaler/sasonger/%lld/lokaler/%lld",
	                          (long long)g->s.id, (long long)gr->whole_id);
}

/* Puts each wish in the group of its whole venue: 0, or -1. */
static int
group(struct req *r, struct season_grid *g)
{
	size_t cap = 0;
	for (size_t i = 0; i < g->nw; i++) {
		const struct season_wish *w = &g->w[i];
		struct grid_group *gr = season_grid_group(g, w->whole_id);
		if (!gr) {
			struct venue v;
			if (venue_get_any(r->db, &r->a, w->whole_id, &v) <= 0)
				return -1;
			g->g = arena_grow(&r->a, g->g, g->ng, &cap, sizeof *g->g);
			gr = &g->g[g->ng++];
			memset(gr, 0, sizeof *gr);
			gr->whole_id = w->whole_id;
			gr->name = v.name;
			gr->first_hour = 24;
			gr->rows = arena_zalloc(&r->a, g->nw * sizeof *gr->rows);
		}
		struct grid_row *row = &gr->rows[gr->n++];
		row->w = w;
		size_t a = app_of(g, w->case_id);
		row->app = &g->apps[a];
		row->reason = g->reasons[a];
		gr->days[w->weekday] = 1;
		if (w->from / 60 < gr->first_hour)
			gr->first_hour = w->from / 60;
		if ((w->to + 59) / 60 > gr->last_hour)
			gr->last_hour = (w->to + 59) / 60;
	}
	return 0;
}

struct grid_group *
season_grid_group(struct season_grid *g, int64_t whole_id)
{
	for (size_t i = 0; i < g->ng; i++)
		if (g->g[i].whole_id == whole_id)
			return &g->g[i];
	return NULL;
}

int
season_grid_load(struct req *r, struct season_grid *g)
{
	struct season s = g->s;
	memset(g, 0, sizeof *g);
	g->s = s;
	if (season_apps(r->db, &r->a, &g->s, &g->apps, &g->napps) != 0 ||
	    season_wishes(r->db, &r->a, g->s.id, 0, &g->w, &g->nw) != 0)
		return -1;
	g->reasons = arena_zalloc(&r->a, (g->napps + 1) * sizeof *g->reasons);
	for (size_t i = 0; i < g->napps; i++)
		g->reasons[i] = reason_of(r, &g->apps[i]);
	if (group(r, g) != 0)
		return -1;
	for (size_t i = 0; i < g->ng; i++) {
		struct grid_group *gr = &g->g[i];
		qsort(gr->rows, gr->n, sizeof *gr->rows, by_rank);
		conflicts_of(r, gr);
		form_of(r, g, gr);
	}
	form_init(&g->decide, r, &season_decision_form);
	return 0;
}

void
season_grid_render(struct req *r, struct season_grid *g, const char *notice)
{
	const char *page =
	        arena_printf(&r->a, "/handlaggning/lokaler/sasonger/%lld", (long long)g->s.id);
	layout_form_page(r, page);
	r->p.title = g->s.name;
	for (size_t i = 0; i < g->ng; i++)
		g->g[i].fields = form_fields(&g->g[i].f, &r->a);
	layout_head(r);
	tpl_venues_season_grid(&r->out, &r->p, req_csrf(r), g, form_fields(&g->decide, &r->a),
	                       notice);
	layout_foot(r);
}

/* GET /handlaggning/lokaler/sasonger/{id} */
void
season_grid_page(struct req *r)
{
	struct season_grid g;
	if (!season_managed(r, &g.s))
		return;
	if (season_grid_load(r, &g) != 0) {
		req_error(r, 500);
		return;
	}
	const char *notice = NULL, *decided = req_query(r, "beslutad"),
	           *left = req_query(r, "kvar");
	if (req_query(r, "sparad"))
		notice = L_NOTICE(r, "Fördelningen är sparad.", "The allocation is saved.");
	else if (decided && left && atoi(left) > 0)
		notice = arena_printf(&r->a,
		                      L_NOTICE(r,
		                               "%d ansökningar beslutades. %d kunde inte beslutas "
		                               "i sin nuvarande status.",
		                               "%d applications were decided. %d could not be "
		                               "decided in their current status."),
		                      atoi(decided), atoi(left));
	else if (decided)
		notice = arena_printf(&r->a,
		                      L_NOTICE(r, "Fördelningen är beslutad: %d ansökningar.",
		                               "The allocation is decided: %d applications."),
		                      atoi(decided));
	season_grid_render(r, &g, notice);
}

/* Whether a row is allocated as the sent form has it (a decided case's
 * as it stands). */
static int
marked(const struct grid_group *gr, const struct grid_row *row)
{
	return row->field >= 0 ? gr->f.value[row->field] != NULL : row->w->allocated;
}

/* Two conflicting rows marked: the reason goes beside the box of the one
 * the rule puts later (or the other, when that one's case is decided).
 * The number of such pairs. */
static int
refuse_conflicts(struct req *r, struct grid_group *gr)
{
	int bad = 0;
	for (size_t i = 0; i < gr->n; i++)
		for (size_t k = i + 1; k < gr->n; k++) {
			const struct grid_row *a = &gr->rows[i], *b = &gr->rows[k];
			if (!marked(gr, a) || !marked(gr, b) ||
			    !season_wishes_conflict(a->w, b->w) || (a->field < 0 && b->field < 0))
				continue;
			const struct grid_row *to = b->field >= 0 ? b : a, *with = to == b ? a : b;
			const char *other = wish_label(r, with);
			form_error(
			        &gr->f, gr->f.def->fields[to->field].name,
			        arena_printf(&r->a,
			                     "Krockar med %s, som också är tilldelad. Tilldela en "
			                     "av dem.",
			                     other),
			        arena_printf(
			                &r->a,
			                "Conflicts with %s, which is allocated too. Allocate one "
			                "of them.",
			                other));
			bad++;
		}
	return bad;
}

/* POST /handlaggning/lokaler/sasonger/{id}/lokaler/{venue}: the venue's
 * marks, in one transaction, unless two conflicting wishes are marked. */
void
season_allocate(struct req *r)
{
	struct season_grid g;
	if (!season_managed(r, &g.s))
		return;
	if (season_grid_load(r, &g) != 0) {
		req_error(r, 500);
		return;
	}
	struct grid_group *gr = season_grid_group(&g, req_param_id(r, 1));
	if (!gr) {
		req_error(r, 404);
		return;
	}
	form_read(&gr->f, r);
	if (strcmp(g.s.status, "decided") == 0)
		form_refuse(&gr->f, "Säsongen är redan beslutad.",
		            "The season is decided already.");
	if (gr->f.nerrors || refuse_conflicts(r, gr)) {
		r->status = 422;
		season_grid_render(r, &g, NULL);
		return;
	}
	int rc = db_begin(r->db);
	for (size_t i = 0; rc == DB_OK && i < gr->n; i++)
		if (gr->rows[i].field >= 0)
			rc = season_wish_mark(r->db, gr->rows[i].w->id,
			                      gr->f.value[gr->rows[i].field] != NULL);
	if (rc == DB_OK)
		rc = db_commit(r->db);
	if (rc != DB_OK) {
		db_rollback(r->db);
		req_error(r, 500);
		return;
	}
	req_redirect(r,
	             arena_printf(&r->a, "/handlaggning/lokaler/sasonger/%lld?sparad=1#lokal-%lld",
	                          (long long)g.s.id, (long long)gr->whole_id));
}
