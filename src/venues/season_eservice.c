/* The season application as a case type. The officer decides it from the
 * season's grid (season_decide.c), many at once, each through the common
 * decision path; a grant, there or on the case page, books the times the
 * grid allocated: a series per time and a confirmed booking per week of
 * the season, skipping closed days and times someone else holds. */
#include "venues/season_eservice.h"

#include "venues/booking.h"
#include "venues/season.h"
#include "venues/season_case.tpl.h"
#include "venues/season_plan.h"

/* The application and its times, for the applicant and the officer. */
static void
show(struct req *r, struct buf *b, const struct case_row *c, enum case_role role, json_t *payload)
{
	struct season_case_plan x;
	struct booking *bk;
	size_t nbk = 0;
	if (season_case_load(r->db, &r->a, c->id, &x) <= 0 ||
	    booking_of_case(r->db, &r->a, c->id, &bk, &nbk) != 0)
		return;
	tpl_venues_season_case(b, &r->p, &x, strcmp(c->status, "beslutad") == 0, nbk,
	                       role == CASE_OFFICER);
}

/* Granted in full or in part: the allocated times become bookings; with
 * none allocated, or a time taken meanwhile, the decision is refused
 * beside its outcome. */
static int
granted(struct req *r, struct case_row *c, json_t *payload, struct form *decision)
{
	struct season_case_plan x;
	if (season_case_plan(r->db, &r->a, c->id, &x) <= 0)
		return -1;
	if (x.np == 0) {
		form_error(decision, "utfall",
		           "Ingen av ansökans tider är tilldelad i säsongsfördelningen.",
		           "None of the application's times is allocated in the season's grid.");
		return 1;
	}
	for (size_t i = 0; i < x.np; i++)
		if (!x.p[i].priced) {
			form_error(decision, "utfall",
			           arena_printf(&r->a, "%s hyrs inte ut i priskategorin %s.",
			                        x.p[i].w->venue, x.p[i].category),
			           arena_printf(&r->a, "%s is not let at the price category %s.",
			                        x.p[i].w->venue, x.p[i].category));
			return 1;
		}
	int rc = season_case_book(r->db, &x, c->applicant_id);
	if (rc == DB_CONSTRAINT)
		form_error(decision, "utfall",
		           "Någon annan hann boka en av tiderna. Se över fördelningen igen.",
		           "Someone else booked one of the times first. Look over the allocation "
		           "again.");
	return rc == DB_OK ? 0 : rc == DB_CONSTRAINT ? 1 : -1;
}

const struct eservice season_application_eservice = {
        .code = "sasongsansokan",
        .name_sv = "Säsongsansökan",
        .name_en = "Season application",
        .mail_subject = "Nytt ärende: säsongsansökan",
        .mail_body = "En förening har ansökt om tider i en säsongsfördelning.",
        .show = show,
        .granted = granted,
};
