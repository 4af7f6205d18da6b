/* Applying for a season (issue 11, point 4): /lokaler/sasonger lists the
 * seasons open for applications; a representative applies for their
 * association with up to five wished weekly times at the season's
 * department's venues, the activity, the participants and whether it is
 * youth activity. Each time is checked against the venue's bookable
 * hours on its weekday; sent, the application is a case of the type
 * sasongsansokan in the season's department, with its diarienummer. */
#include "venues/season_pages.h"
#include "venues/activity_fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/days.h"
#include "cases/case.h"
#include "cases/eservice.h"
#include "layout/layout.h"
#include "venues/season.h"
#include "venues/season_apply.tpl.h"
#include "venues/season_eservice.h"
#include "venues/season_list.tpl.h"

static const struct choice weekdays[] = {
        {"1", "Måndag", "Monday", 0},    {"2", "Tisdag", "Tuesday", 0},
        {"3", "Onsdag", "Wednesday", 0}, {"4", "Torsdag", "Thursday", 0},
        {"5", "Fredag", "Friday", 0},    {"6", "Lördag", "Saturday", 0},
        {"7", "Söndag", "Sunday", 0},    {NULL, NULL, NULL, 0},
};
/* The four fields of wish n, the first one's required: each labelled
 * with its number, so that the error summary says which wish is wrong. */
#define WISH(n, req)                                                                               \
	{.name = "lokal-" #n,                                                                      \
	 .label_sv = "Lokal, tid " #n,                                                             \
	 .label_en = "Venue, time " #n,                                                            \
	 .type = FIELD_SELECT,                                                                     \
	 .required = req,                                                                          \
	 .missing_sv = MISSING_SV,                                                                 \
	 .missing_en = MISSING_EN,                                                                 \
	 .invalid_sv = "Välj en av förvaltningens lokaler.",                                       \
	 .invalid_en = "Choose one of the department's venues."},                                  \
	        {.name = "dag-" #n,                                                                \
	         .label_sv = "Veckodag, tid " #n,                                                  \
	         .label_en = "Weekday, time " #n,                                                  \
	         .type = FIELD_SELECT,                                                             \
	         .required = req,                                                                  \
	         .missing_sv = MISSING_SV,                                                         \
	         .missing_en = MISSING_EN,                                                         \
	         .choices = weekdays},                                                             \
	        {.name = "fran-" #n,                                                               \
	         .label_sv = "Från, tid " #n,                                                      \
	         .label_en = "From, time " #n,                                                     \
	         .type = FIELD_TIME,                                                               \
	         .required = req,                                                                  \
	         .missing_sv = MISSING_SV,                                                         \
	         .missing_en = MISSING_EN},                                                        \
	{                                                                                          \
		.name = "till-" #n, .label_sv = "Till, tid " #n, .label_en = "Until, time " #n,    \
		.type = FIELD_TIME, .required = req, .missing_sv = MISSING_SV,                     \
		.missing_en = MISSING_EN                                                           \
	}
#define MISSING_SV "Ange minst en önskad tid: lokal, veckodag och tider."
#define MISSING_EN "Give at least one wished time: venue, weekday and times."

/* The association, five wishes of four fields each (F_WISH + 4 × i),
 * then what the activity is. */
enum { F_ASSOC, F_WISH, F_ACTIVITY = F_WISH + 4 * SEASON_WISHES };
static const struct field_def fields[] = {
        {.name = "forening",
         .label_sv = "Förening som ansöker",
         .label_en = "Association applying",
         .type = FIELD_SELECT,
         .required = 1,
         .invalid_sv = "Välj en av föreningarna du företräder.",
         .invalid_en = "Choose one of the associations you represent."},
        WISH(1, 1),
        WISH(2, 0),
        WISH(3, 0),
        WISH(4, 0),
        WISH(5, 0),
        ACTIVITY_FIELD,
        PARTICIPANTS_FIELD,
        {.name = "ungdom",
         .label_sv = "Det är ungdomsverksamhet för 7–25-åringar",
         .label_en = "It is youth activity for ages 7–25",
         .type = FIELD_CHECKBOX,
         .hint_sv = "Ungdomsverksamhet går före vid fördelningen när föreningens medlemmar "
                    "enligt registret gör den till ungdomsförening.",
         .hint_en = "Youth activity comes first in the allocation when the association's "
                    "members in the register make it a youth association."},
};
static const struct form_def apply_form = {"sasongsansokan", fields,
                                           sizeof fields / sizeof *fields};

/* What the page works with: the season, the form, the department's
 * venues, and the application once read. */
struct apply {
	struct season s;
	struct form f;
	struct venue *venues;
	size_t nvenues;
	int open;
	struct season_app app;
	struct season_wish w[SEASON_WISHES];
	size_t nw;
};

/* The season of the address with its form: 1, or 0 after answering. */
static int
start(struct req *r, struct apply *x)
{
	memset(x, 0, sizeof *x);
	int64_t id = req_param_id(r, 0);
	int rc = id ? season_get(r->db, &r->a, id, &x->s) : 0;
	struct venue_filter vf = {.department_id = x->s.department_id};
	struct choice *mine;
	if (rc > 0 && (venue_list(r->db, &r->a, &vf, &x->venues, &x->nvenues) != 0 ||
	               user_represented(r->db, &r->a, r->user->id, &mine) != 0))
		rc = -1;
	if (rc <= 0) {
		req_error(r, rc < 0 ? 500 : 404);
		return 0;
	}
	char today[11];
	day_today(today);
	x->open = season_open_on(&x->s, today);
	struct choice *venues = arena_zalloc(&r->a, (x->nvenues + 1) * sizeof *venues);
	for (size_t i = 0; i < x->nvenues; i++) {
		const struct venue *v = &x->venues[i];
		const char *code = arena_printf(&r->a, "%lld", (long long)v->id);
		venues[i] = v->parent_name ? (struct choice){code,
		                                             arena_printf(&r->a, "%s (del av %s)",
		                                                          v->name, v->parent_name),
		                                             arena_printf(&r->a, "%s (part of %s)",
		                                                          v->name, v->parent_name),
		                                             0}
		                           : (struct choice){code, v->name, v->name, 0};
	}
	form_init(&x->f, r, &apply_form);
	form_set_choices(&x->f, "forening", mine);
	for (int i = 0; i < SEASON_WISHES; i++)
		form_set_choices(&x->f, fields[F_WISH + 4 * i].name, venues);
	if (mine[0].code && !mine[1].code)
		form_set(&x->f, "forening", mine[0].code);
	return 1;
}

/* The form page, or the form again with what was wrong. */
static void
render(struct req *r, struct apply *x)
{
	layout_form_page(r,
	                 arena_printf(&r->a, "/lokaler/sasonger/%lld/ansok", (long long)x->s.id));
	r->p.title = x->s.name;
	layout_head(r);
	tpl_venues_season_apply(&r->out, &r->p, req_csrf(r), &x->s, x->open, &x->f,
	                        form_fields(&x->f, &r->a), x->f.def->n, F_WISH, SEASON_WISHES);
	layout_foot(r);
}

/* The venue of a wish's chosen id, among the department's. */
static const struct venue *
venue_chosen(const struct apply *x, int64_t id)
{
	for (size_t i = 0; i < x->nvenues; i++)
		if (x->venues[i].id == id)
			return &x->venues[i];
	return NULL;
}

/* One wish (0-based i) read and checked against its venue: 0, or -1 on
 * a database error; the reasons go beside its fields. */
static int
read_wish(struct req *r, struct apply *x, int i)
{
	const char *names[4];
	const char *v[4];
	int given = 0, bad = 0;
	for (int k = 0; k < 4; k++) {
		names[k] = fields[F_WISH + 4 * i + k].name;
		v[k] = form_value(&x->f, names[k]);
		given += v[k] != NULL;
		bad |= x->f.error[F_WISH + 4 * i + k] != NULL;
	}
	if (!given || bad)
		return 0;
	if (given < 4) {
		for (int k = 0; k < 4; k++)
			if (!v[k])
				form_error(&x->f, names[k],
				           "Fyll i lokal, veckodag och tider för önskemålet, eller "
				           "lämna det helt tomt.",
				           "Fill in the venue, weekday and times of the wish, or "
				           "leave it all empty.");
		return 0;
	}
	const struct venue *ven = venue_chosen(x, strtoll(v[0], NULL, 10));
	struct season_wish *w = &x->w[x->nw];
	*w = (struct season_wish){.pos = i + 1,
	                          .venue_id = ven->id,
	                          .weekday = atoi(v[1]),
	                          .from = minute_of(v[2]),
	                          .to = minute_of(v[3])};
	if (w->to <= w->from) {
		form_error(&x->f, names[3], "Sluttiden måste vara efter starttiden.",
		           "The end must be after the start.");
		return 0;
	}
	struct venue_hours h;
	int64_t per_hour;
	int priced;
	if (venue_hours_get(r->db, ven->id, &h) != 0 ||
	    (priced = venue_price(r->db, ven->id, "forening", &per_hour)) < 0)
		return -1;
	int wd = w->weekday;
	char o[6], c[6];
	hhmm(h.opens[wd], o);
	hhmm(h.closes[wd], c);
	if (!h.closes[wd])
		form_error(
		        &x->f, names[1],
		        arena_printf(&r->a, "%s är stängd %s.", ven->name, season_weekdays_sv[wd]),
		        arena_printf(&r->a, "%s is closed on %s.", ven->name,
		                     season_weekdays_en[wd]));
	else if (w->from < h.opens[wd] || w->to > h.closes[wd])
		form_error(&x->f, names[2],
		           arena_printf(&r->a, "%s kan bokas %s %s–%s.", ven->name,
		                        season_weekdays_sv[wd], o, c),
		           arena_printf(&r->a, "%s can be booked on %s %s–%s.", ven->name,
		                        season_weekdays_en[wd], o, c));
	else if (!priced)
		form_error(
		        &x->f, names[0],
		        arena_printf(&r->a, "%s hyrs inte ut till föreningar just nu.", ven->name),
		        arena_printf(&r->a, "%s is not let to associations at the moment.",
		                     ven->name));
	else if (form_int(&x->f, "deltagare") > ven->capacity)
		form_error(
		        &x->f, names[0],
		        arena_printf(&r->a, "%s tar högst %d personer.", ven->name, ven->capacity),
		        arena_printf(&r->a, "%s takes at most %d people.", ven->name,
		                     ven->capacity));
	else
		x->nw++;
	return 0;
}

/* Everything the form says, checked: -1 on a database error, else 0 with
 * x->f.nerrors the reasons found. */
static int
check(struct req *r, struct apply *x)
{
	if (!x->open)
		form_refuse(&x->f,
		            arena_printf(&r->a,
		                         "Säsongen tar inte emot ansökningar. Sista dag att "
		                         "ansöka var %s.",
		                         x->s.deadline),
		            arena_printf(&r->a,
		                         "The season takes no applications. The last day to "
		                         "apply was %s.",
		                         x->s.deadline));
	const struct choice *assoc = form_choice(&x->f, "forening");
	if (assoc) {
		x->app.association_id = strtoll(assoc->code, NULL, 10);
		x->app.association = assoc->name_sv;
		int applied = season_applied(r->db, x->s.id, x->app.association_id);
		if (applied < 0)
			return -1;
		if (applied)
			form_error(&x->f, "forening",
			           "Föreningen har redan ansökt för den här säsongen.",
			           "The association has already applied for this season.");
	}
	for (int i = 0; i < SEASON_WISHES; i++)
		if (read_wish(r, x, i) != 0)
			return -1;
	x->app.activity = form_value(&x->f, "aktivitet");
	x->app.participants = (int)form_int(&x->f, "deltagare");
	x->app.youth = form_value(&x->f, "ungdom") != NULL;
	return 0;
}

/* The application and its wishes, in the case's transaction: 0, 1 when
 * the association applied meanwhile, below 0 a database error. */
static int
within(struct req *r, struct submission *sub)
{
	struct apply *x = sub->arg;
	int rc = season_app_insert(r->db, sub->c.id, x->s.id, &x->app);
	for (size_t i = 0; rc == DB_OK && i < x->nw; i++) {
		x->w[i].case_id = sub->c.id;
		rc = season_wish_insert(r->db, &x->w[i]);
	}
	if (rc == DB_CONSTRAINT)
		form_error(&x->f, "forening", "Föreningen har redan ansökt för den här säsongen.",
		           "The association has already applied for this season.");
	return rc == DB_OK ? 0 : rc == DB_CONSTRAINT ? 1 : -1;
}

/* GET /lokaler/sasonger: the seasons open for applications. */
void
seasons_open_page(struct req *r)
{
	struct season *list;
	size_t n;
	if (season_list(r->db, &r->a, 0, 1, &list, &n) != 0) {
		req_error(r, 500);
		return;
	}
	r->p.title = r->p.english ? "Seasons open for applications" : "Säsonger att söka";
	layout_head(r);
	tpl_venues_season_list(&r->out, &r->p, list, n);
	layout_foot(r);
}

/* GET /lokaler/sasonger/{id}/ansok */
void
season_apply_form(struct req *r)
{
	struct apply x;
	if (start(r, &x))
		render(r, &x);
}

/* POST /lokaler/sasonger/{id}/ansok */
void
season_apply_submit(struct req *r)
{
	struct apply x;
	if (!start(r, &x))
		return;
	form_read(&x.f, r);
	if (check(r, &x) != 0) {
		req_error(r, 500);
		return;
	}
	if (!x.f.nerrors) {
		const struct choice *assoc = form_choice(&x.f, "forening");
		json_t *payload = eservice_payload(&x.f);
		json_object_set_new(payload, "sasong", json_integer(x.s.id));
		struct submission s = {.es = &season_application_eservice,
		                       .form = &x.f,
		                       .dept = {x.s.dept_code, x.s.dept_sv, x.s.dept_en},
		                       .title = arena_printf(&r->a, "Säsongsansökan, %s: %s",
		                                             x.s.name, x.app.association),
		                       .title_private = assoc->id == 0,
		                       .association_id = x.app.association_id,
		                       .payload = payload,
		                       .within = within,
		                       .arg = &x};
		if (eservice_submit(r, &s) != 0)
			return;
	}
	r->status = 422;
	render(r, &x);
}
