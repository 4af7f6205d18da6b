/* A department's seasons for its officers, under
 * /handlaggning/lokaler/sasonger: the list with the form for a new one,
 * and each season's own form (name, days, the application deadline and
 * its status). Another department's season is not there (404). */
#include "venues/season_pages.h"

#include <stdio.h>
#include <string.h>

#include "base/days.h"
#include "layout/layout.h"
#include "venues/season.h"
#include "venues/season_admin.tpl.h"

/* What the officer sets; a season is decided only by deciding it
 * (season_decide.c). */
static const struct choice statuses[] = {
        {"open", "Öppen för ansökningar", "Open for applications", 0},
        {"allocating", "Fördelas (tar inte emot ansökningar)",
         "Being allocated (takes no applications)", 0},
        {NULL, NULL, NULL, 0},
};

static const struct field_def fields[] = {
        {.name = "namn",
         .label_sv = "Säsongens namn",
         .label_en = "Name of the season",
         .type = FIELD_TEXT,
         .required = 1,
         .hint_sv = "Till exempel Hösten 2027.",
         .hint_en = "For example Autumn 2027.",
         .missing_sv = "Skriv säsongens namn.",
         .missing_en = "Write the season's name."},
        {.name = "forsta",
         .label_sv = "Första dagen",
         .label_en = "First day",
         .type = FIELD_DATE,
         .required = 1},
        {.name = "sista",
         .label_sv = "Sista dagen",
         .label_en = "Last day",
         .type = FIELD_DATE,
         .required = 1},
        {.name = "ansok",
         .label_sv = "Sista dag att ansöka",
         .label_en = "Last day to apply",
         .type = FIELD_DATE,
         .required = 1},
        {.name = "status",
         .label_sv = "Status",
         .label_en = "Status",
         .type = FIELD_SELECT,
         .required = 1,
         .choices = statuses},
};
static const struct form_def season_form = {"sasong", fields, 5};

int
season_managed(struct req *r, struct season *s)
{
	int64_t id = req_param_id(r, 0);
	int rc = id ? season_get(r->db, &r->a, id, s) : 0;
	if (rc > 0 && s->department_id != r->user->department_id)
		rc = 0;
	if (rc <= 0)
		req_error(r, rc < 0 ? 500 : 404);
	return rc > 0;
}

/* The page: the department's seasons and the new season's form, or one
 * season's form (s). */
static void
render(struct req *r, const struct season *s, struct form *f, const char *notice)
{
	struct season *list = NULL;
	size_t n = 0;
	if (!s && season_list(r->db, &r->a, r->user->department_id, 0, &list, &n) != 0) {
		req_error(r, 500);
		return;
	}
	const char *action = s ? arena_printf(&r->a, "/handlaggning/lokaler/sasonger/%lld/andra",
	                                      (long long)s->id)
	                       : "/handlaggning/lokaler/sasonger";
	layout_form_page(r, action);
	r->p.title = s ? s->name : r->p.english ? "Seasons" : "Säsonger";
	layout_head(r);
	tpl_venues_season_admin(&r->out, &r->p, req_csrf(r), s, list, n, f, form_fields(f, &r->a),
	                        f->def->n, action, notice);
	layout_foot(r);
}

/* Reads the form into s: 1 valid, 0 with the reasons beside the fields. */
static int
read_season(struct req *r, struct form *f, struct season *s)
{
	if (form_read(f, r))
		return 0;
	s->name = form_value(f, "namn");
	snprintf(s->first_day, sizeof s->first_day, "%s", form_value(f, "forsta"));
	snprintf(s->last_day, sizeof s->last_day, "%s", form_value(f, "sista"));
	snprintf(s->deadline, sizeof s->deadline, "%s", form_value(f, "ansok"));
	s->status = form_value(f, "status");
	char limit[11];
	day_add(s->first_day, 366, limit);
	if (strcmp(s->last_day, s->first_day) < 0)
		form_error(f, "sista", "Sista dagen kan inte vara före den första.",
		           "The last day cannot be before the first.");
	else if (strcmp(s->last_day, limit) > 0)
		form_error(f, "sista", "En säsong är högst ett år.", "A season is at most a year.");
	if (strcmp(s->deadline, s->first_day) >= 0)
		form_error(f, "ansok", "Sista ansökningsdag måste vara före säsongens första dag.",
		           "The last day to apply must be before the season's first day.");
	return f->nerrors == 0;
}

/* GET /handlaggning/lokaler/sasonger */
void
seasons_admin_list(struct req *r)
{
	struct form f;
	if (!r->user->department_id) { /* an officer of no department has no seasons */
		req_error(r, 404);
		return;
	}
	form_init(&f, r, &season_form);
	form_set(&f, "status", "open");
	render(r, NULL, &f, req_query(r, "sparad") ? (r->p.english ? "Saved." : "Sparad.") : NULL);
}

/* POST /handlaggning/lokaler/sasonger: a new season of the officer's
 * department. */
void
seasons_admin_create(struct req *r)
{
	struct form f;
	struct season s = {.department_id = r->user->department_id};
	form_init(&f, r, &season_form);
	if (!s.department_id) {
		req_error(r, 404);
		return;
	}
	int64_t id;
	if (!read_season(r, &f, &s)) {
		r->status = 422;
		render(r, NULL, &f, NULL);
		return;
	}
	if (season_insert(r->db, &s, &id) != DB_OK) {
		req_error(r, 500);
		return;
	}
	req_redirect(r, arena_printf(&r->a, "/handlaggning/lokaler/sasonger/%lld", (long long)id));
}

/* GET /handlaggning/lokaler/sasonger/{id}/andra */
void
season_admin_edit(struct req *r)
{
	struct season s;
	if (!season_managed(r, &s))
		return;
	struct form f;
	form_init(&f, r, &season_form);
	form_set(&f, "namn", s.name);
	form_set(&f, "forsta", s.first_day);
	form_set(&f, "sista", s.last_day);
	form_set(&f, "ansok", s.deadline);
	form_set(&f, "status", s.status);
	render(r, &s, &f, req_query(r, "sparad") ? (r->p.english ? "Saved." : "Sparad.") : NULL);
}

/* POST /handlaggning/lokaler/sasonger/{id}/andra */
void
season_admin_update(struct req *r)
{
	struct season s;
	if (!season_managed(r, &s))
		return;
	struct form f;
	form_init(&f, r, &season_form);
	struct season next = s;
	int ok = read_season(r, &f, &next);
	if (strcmp(s.status, "decided") == 0) {
		form_refuse(&f, "Säsongen är beslutad och ändras inte längre.",
		            "The season is decided and no longer changes.");
		ok = 0;
	}
	if (!ok) {
		r->status = 422;
		render(r, &s, &f, NULL);
		return;
	}
	if (season_update(r->db, &next) != DB_OK) {
		req_error(r, 500);
		return;
	}
	req_redirect(r, arena_printf(&r->a, "/handlaggning/lokaler/sasonger/%lld/andra?sparad=1",
	                             (long long)s.id));
}
