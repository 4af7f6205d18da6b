/* Booking a venue (issue 11, step 3): a representative books for their
 * association one time or a weekly series. Sent once, the form shows what
 * it will make — each time, the ones that cannot be had and why, the price
 * category and the price — and only the second sending, Skicka, books. A
 * venue whose requests need approval gets a case (lokalbokning) in its
 * department, whose bookings hold their times while it is decided; one
 * that confirms at once books directly. */
#include "venues/book.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/days.h"
#include "cases/case.h"
#include "cases/eservice.h"
#include "layout/layout.h"
#include "venues/book.tpl.h"
#include "venues/book_preview.tpl.h"
#include "venues/eservice.h"
#include "venues/venues.h"

#define L_(r, sv, en) ((r)->p.english ? (en) : (sv))

static const struct field_def fields[] = {
        {.name = "forening",
         .label_sv = "Förening som bokar",
         .label_en = "Association booking",
         .type = FIELD_SELECT,
         .required = 1,
         .invalid_sv = "Välj en av föreningarna du företräder.",
         .invalid_en = "Choose one of the associations you represent."},
        {.name = "dag",
         .label_sv = "Dag",
         .label_en = "Day",
         .type = FIELD_DATE,
         .required = 1,
         .hint_sv = "Första dagen, om du bokar en serie.",
         .hint_en = "The first day, if you book a series."},
        {.name = "fran",
         .label_sv = "Från klockan",
         .label_en = "From",
         .type = FIELD_TIME,
         .required = 1,
         .hint_sv = "TT:MM, till exempel 18:00",
         .hint_en = "HH:MM, for example 18:00"},
        {.name = "till",
         .label_sv = "Till klockan",
         .label_en = "Until",
         .type = FIELD_TIME,
         .required = 1,
         .hint_sv = "TT:MM, till exempel 20:00",
         .hint_en = "HH:MM, for example 20:00"},
        {.name = "upprepa",
         .label_sv = "Upprepa varje vecka till och med",
         .label_en = "Repeat every week until",
         .type = FIELD_DATE,
         .hint_sv = "Lämna tomt för en enstaka tid. Dagar då lokalen är stängd hoppas över.",
         .hint_en = "Leave empty for a single time. Days the venue is closed are skipped."},
        {.name = "aktivitet",
         .label_sv = "Aktivitet",
         .label_en = "Activity",
         .type = FIELD_TEXT,
         .required = 1,
         .hint_sv = "Till exempel Basketträning för juniorer",
         .hint_en = "For example Basketball practice for juniors"},
        {.name = "deltagare",
         .label_sv = "Ungefär hur många deltar",
         .label_en = "About how many take part",
         .type = FIELD_INT,
         .required = 1,
         .min = 1,
         .max_int = 100000},
        {.name = "ungdom",
         .label_sv = "Det är ungdomsverksamhet för 7–25-åringar",
         .label_en = "It is youth activity for ages 7–25",
         .type = FIELD_CHECKBOX,
         .hint_sv = "Nolltaxa gäller när föreningens medlemmar enligt registret gör den till "
                    "ungdomsförening.",
         .hint_en = "The zero rate applies when the association's members in the register make "
                    "it a youth association."},
        {.name = "visa",
         .label_sv = "Visa föreningens namn i lokalens kalender",
         .label_en = "Show the association's name in the venue's calendar",
         .type = FIELD_CHECKBOX},
};
const struct form_def book_form = {"boka", fields, sizeof fields / sizeof *fields};

/* The venue of the address with the form, the associations the user
 * represents to choose among: 1, or 0 after answering. */
static int
start(struct req *r, struct book_plan *x)
{
	memset(x, 0, sizeof *x);
	if (!venue_of(r, &x->v))
		return 0;
	struct choice *mine;
	if (user_represented(r->db, &r->a, r->user->id, &mine) != 0) {
		req_error(r, 500);
		return 0;
	}
	form_init(&x->f, r, &book_form);
	form_set_choices(&x->f, "forening", mine);
	if (mine[0].code && !mine[1].code)
		form_set(&x->f, "forening", mine[0].code);
	return 1;
}

/* The form page, or the form again with what was wrong (422). */
static void
render_form(struct req *r, struct book_plan *x)
{
	layout_form_page(r, arena_printf(&r->a, "/lokaler/%lld/boka", (long long)x->v.id));
	r->p.title = x->v.name;
	struct field *f = form_fields(&x->f, &r->a);
	layout_head(r);
	tpl_venues_book(&r->out, &r->p, req_csrf(r), &x->v, &x->f, f, x->f.def->n);
	layout_foot(r);
}

/* The days the form asks for: the day, and each week after it up to the
 * repeat's last day. */
static int
occurrences(struct req *r, struct book_plan *x)
{
	const char *first = form_value(&x->f, "dag"), *last = form_value(&x->f, "upprepa");
	char limit[11];
	day_add(first, SERIES_DAYS, limit);
	if (last && strcmp(last, first) < 0) {
		form_error(&x->f, "upprepa", "Sista dagen kan inte vara före den första.",
		           "The last day cannot be before the first.");
		return 0;
	}
	if (last && strcmp(last, limit) > 0) {
		form_error(&x->f, "upprepa", "En serie kan gå högst ett år framåt.",
		           "A series can go at most a year ahead.");
		return 0;
	}
	x->series = last && strcmp(last, first) > 0;
	size_t cap = 0;
	char day[11];
	snprintf(day, sizeof day, "%s", first);
	while (!last ? x->n == 0 : strcmp(day, last) <= 0) {
		x->o = arena_grow(&r->a, x->o, x->n, &cap, sizeof *x->o);
		struct occurrence *o = &x->o[x->n++];
		memset(o, 0, sizeof *o);
		snprintf(o->day, sizeof o->day, "%s", day);
		o->starts = local_time(day, x->from);
		o->ends = local_time(day, x->to);
		day_add(day, 7, day);
	}
	return 1;
}

/* The weekday's bookable hours, as the refusal states them. */
static void
hours_refused(struct req *r, struct book_plan *x, const struct venue_hours *h, int wd)
{
	static const char *const sv[] = {"",          "måndagar", "tisdagar", "onsdagar",
	                                 "torsdagar", "fredagar", "lördagar", "söndagar"};
	static const char *const en[] = {"",          "Mondays", "Tuesdays",  "Wednesdays",
	                                 "Thursdays", "Fridays", "Saturdays", "Sundays"};
	if (!h->closes[wd]) {
		form_error(&x->f, "dag", arena_printf(&r->a, "Lokalen är stängd %s.", sv[wd]),
		           arena_printf(&r->a, "The venue is closed on %s.", en[wd]));
		return;
	}
	char o[6], c[6];
	hhmm(h->opens[wd], o);
	hhmm(h->closes[wd], c);
	form_error(&x->f, "fran", arena_printf(&r->a, "Lokalen kan bokas %s %s–%s.", sv[wd], o, c),
	           arena_printf(&r->a, "The venue can be booked on %s %s–%s.", en[wd], o, c));
}

/* Checks each occurrence against the venue's days and the bookings there
 * are: -1 on a database error, else 0 with the reasons in the form. */
static int
check_times(struct req *r, struct book_plan *x)
{
	struct venue_hours h;
	if (venue_hours_get(r->db, x->v.id, &h) != 0)
		return -1;
	int wd = day_weekday(x->o[0].day);
	if (!h.closes[wd] || x->from < h.opens[wd] || x->to > h.closes[wd]) {
		hours_refused(r, x, &h, wd);
		return 0;
	}
	if (x->o[0].starts < (int64_t)time(NULL)) {
		form_error(&x->f, "dag", "Tiden har redan varit. Välj en kommande dag.",
		           "The time has passed. Choose a coming day.");
		return 0;
	}
	for (size_t i = 0; i < x->n; i++) {
		struct occurrence *o = &x->o[i];
		int closed = venue_closed_on(r->db, &r->a, x->v.id, o->day, &o->reason);
		int free = closed ? 1 : booking_free(r->db, x->v.id, o->starts, o->ends, NULL);
		if (closed < 0 || free < 0)
			return -1;
		o->closed = closed;
		o->taken = !free;
		x->nfree += !closed && free;
	}
	if (x->nfree == 0 && !x->series)
		x->o[0].closed
		        ? form_error(&x->f, "dag",
		                     arena_printf(&r->a, "Lokalen är stängd den dagen%s%s.",
		                                  *x->o[0].reason ? ": " : "", x->o[0].reason),
		                     arena_printf(&r->a, "The venue is closed that day%s%s.",
		                                  *x->o[0].reason ? ": " : "", x->o[0].reason))
		        : form_error(&x->f, "fran", "Tiden är redan bokad. Välj en annan tid.",
		                     "The time is already booked. Choose another time.");
	else if (x->nfree == 0)
		form_error(&x->f, "upprepa", "Ingen av seriens tider är ledig.",
		           "None of the series' times is free.");
	return 0;
}

/* The category and the price of each time, from the association's
 * register data: -1 on a database error, else 0. */
static int
price(struct req *r, struct book_plan *x)
{
	if (youth_basis_of(r->db, x->v.department_id, x->association_id, &x->youth) != 0)
		return -1;
	x->category = booking_category(form_value(&x->f, "ungdom") != NULL, &x->youth);
	if (!venue_price(r->db, x->v.id, x->category, &x->per_hour)) {
		form_refuse(&x->f, "Lokalen hyrs inte ut till föreningar just nu.",
		            "The venue is not let to associations at the moment.");
		return 0;
	}
	x->each = booking_price(x->per_hour, x->to - x->from);
	x->total = x->each * (int64_t)x->nfree;
	return 0;
}

/* Everything the form says checked against the venue: -1 on a database
 * error, else 0 with x->f.nerrors the reasons found. */
static int
plan(struct req *r, struct book_plan *x)
{
	const struct choice *assoc = form_choice(&x->f, "forening");
	if (assoc) {
		x->association_id = strtoll(assoc->code, NULL, 10);
		x->association = assoc->name_sv;
	}
	if (form_int(&x->f, "deltagare") > x->v.capacity)
		form_error(
		        &x->f, "deltagare",
		        arena_printf(&r->a, "Lokalen tar högst %d personer.", x->v.capacity),
		        arena_printf(&r->a, "The venue takes at most %d people.", x->v.capacity));
	if (x->f.nerrors)
		return 0;
	x->from = minute_of(form_value(&x->f, "fran"));
	x->to = minute_of(form_value(&x->f, "till"));
	if (x->to <= x->from) {
		form_error(&x->f, "till", "Sluttiden måste vara efter starttiden.",
		           "The end must be after the start.");
		return 0;
	}
	if (!occurrences(r, x))
		return 0;
	int rc = check_times(r, x);
	if (rc == 0 && x->f.nerrors == 0)
		rc = price(r, x);
	return rc;
}

/* What the booking will make, with Skicka to make it and Ändra to go
 * back: every value carried in hidden fields. */
static void
render_preview(struct req *r, struct book_plan *x)
{
	layout_form_page(r, arena_printf(&r->a, "/lokaler/%lld/boka", (long long)x->v.id));
	r->p.title = x->v.name;
	struct field *f = form_fields(&x->f, &r->a);
	layout_head(r);
	tpl_venues_book_preview(&r->out, &r->p, req_csrf(r), x, f, x->f.def->n);
	layout_foot(r);
}

void
venue_book_form(struct req *r)
{
	struct book_plan x;
	if (!start(r, &x))
		return;
	const char *keys[] = {"dag", "fran", "till"};
	for (int i = 0; i < 3; i++) {
		const char *v = req_query(r, keys[i]);
		if (v && strlen(v) <= 10)
			form_set(&x.f, keys[i], v);
	}
	render_form(r, &x);
}

int
book_plan_write(struct req *r, const struct book_plan *x, enum booking_status status,
                int64_t case_id)
{
	struct booking_new b = {.venue_id = x->v.id,
	                        .association_id = x->association_id,
	                        .booked_by = r->user->id,
	                        .case_id = case_id,
	                        .status = status,
	                        .category = x->category,
	                        .price = x->each,
	                        .activity = form_value(&x->f, "aktivitet"),
	                        .participants = (int)form_int(&x->f, "deltagare"),
	                        .youth = form_value(&x->f, "ungdom") != NULL,
	                        .show_name = form_value(&x->f, "visa") != NULL,
	                        .at = (int64_t)time(NULL)};
	int rc = DB_OK;
	if (x->series)
		rc = booking_series_insert(r->db, x->v.id, x->association_id,
		                           day_weekday(x->o[0].day), x->from, x->to, x->o[0].day,
		                           x->o[x->n - 1].day, b.at, &b.series_id);
	for (size_t i = 0; rc == DB_OK && i < x->n; i++) {
		if (x->o[i].closed || x->o[i].taken)
			continue;
		b.starts = x->o[i].starts;
		b.ends = x->o[i].ends;
		int64_t id;
		rc = booking_insert(r->db, &b, &id);
	}
	return rc;
}

/* A time taken between the preview and Skicka: the form again, saying so. */
static void
taken_meanwhile(struct book_plan *x)
{
	form_error(&x->f, "fran", "Någon annan hann boka en av tiderna. Se över bokningen igen.",
	           "Someone else booked one of the times first. Look over the booking again.");
}

/* Books at once, for a venue that confirms without approval. */
static void
book_now(struct req *r, struct book_plan *x)
{
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = book_plan_write(r, x, BOOKING_CONFIRMED, 0);
	if (rc == DB_OK)
		rc = db_commit(r->db);
	if (rc == DB_OK) {
		req_redirect(r, arena_printf(&r->a, "/mina-sidor/bokningar?bokat=%zu", x->nfree));
		return;
	}
	db_rollback(r->db);
	if (rc != DB_CONSTRAINT) {
		req_error(r, 500);
		return;
	}
	taken_meanwhile(x);
	r->status = 409;
	render_form(r, x);
}

/* The case's bookings, in its transaction: 0, 1 refused (a time was
 * taken meanwhile), below 0 a database error. */
static int
within(struct req *r, struct submission *s)
{
	struct book_plan *x = s->arg;
	int rc = book_plan_write(r, x, BOOKING_PENDING, s->c.id);
	if (rc == DB_CONSTRAINT)
		taken_meanwhile(x);
	return rc == DB_OK ? 0 : rc == DB_CONSTRAINT ? 1 : -1;
}

/* Sends the request as a case in the venue's department. */
static void
request(struct req *r, struct book_plan *x)
{
	const struct choice *assoc = form_choice(&x->f, "forening");
	struct submission s = {
	        .es = &venue_booking_eservice,
	        .form = &x->f,
	        .dept = {x->v.dept_code, x->v.dept_sv, x->v.dept_en},
	        .title = arena_printf(&r->a, "Lokalbokning, %s: %s", x->v.name, x->association),
	        .title_private = assoc->id == 0,
	        .association_id = x->association_id,
	        .payload = venue_booking_payload(x),
	        .within = within,
	        .arg = x};
	if (eservice_submit(r, &s) != 0)
		return;
	r->status = 409;
	render_form(r, x);
}

void
venue_book_submit(struct req *r)
{
	struct book_plan x;
	if (!start(r, &x))
		return;
	int bad = form_read(&x.f, r);
	if (!bad && plan(r, &x) != 0) {
		req_error(r, 500);
		return;
	}
	if (x.f.nerrors || req_form(r, "andra")) {
		r->status = x.f.nerrors ? 422 : 200;
		render_form(r, &x);
		return;
	}
	if (!req_form(r, "skicka")) {
		render_preview(r, &x);
		return;
	}
	if (x.v.approval)
		request(r, &x);
	else
		book_now(r, &x);
}
