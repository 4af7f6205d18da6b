/* The booking request as a case type: the officer sees the times, each
 * with its status, declines single times of a series, and decides the
 * rest at once — granted confirms the times still pending, refused lets
 * them go. The applicant follows it on the case page like any other. */
#include "venues/eservice.h"

#include "auth/session.h"
#include "venues/case_show.tpl.h"

json_t *
venue_booking_payload(const struct book_plan *x)
{
	json_t *skipped = json_array();
	for (size_t i = 0; i < x->n; i++)
		if (x->o[i].closed || x->o[i].taken)
			json_array_append_new(skipped, json_pack("{s:s, s:b}", "dag", x->o[i].day,
			                                         "stangt", x->o[i].closed));
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s*, s:s, s:I, s:b, s:b, s:s, s:I, s:I, s:o, "
	                 "s:{s:I, s:I, s:i, s:b}}",
	                 "lokal", (json_int_t)x->v.id, "lokalnamn", x->v.name, "dag",
	                 form_value(&x->f, "dag"), "fran", form_value(&x->f, "fran"), "till",
	                 form_value(&x->f, "till"), "upprepa", form_value(&x->f, "upprepa"),
	                 "aktivitet", form_value(&x->f, "aktivitet"), "deltagare",
	                 (json_int_t)form_int(&x->f, "deltagare"), "ungdom",
	                 form_value(&x->f, "ungdom") != NULL, "visa",
	                 form_value(&x->f, "visa") != NULL, "kategori", x->category, "pris",
	                 (json_int_t)x->each, "tillfallen", (json_int_t)x->nfree, "ej", skipped,
	                 "nolltaxa", "medlemmar", (json_int_t)x->youth.members, "unga",
	                 (json_int_t)x->youth.youth_members, "grans", x->youth.share_pct,
	                 "uppfylld", x->youth.eligible);
}

/* The request and its times, for the applicant and the officer; the
 * officer's per-time buttons are the panel's. */
static void
show(struct req *r, struct buf *b, const struct case_row *c, enum case_role role, json_t *payload)
{
	struct booking *bk;
	size_t n;
	if (booking_of_case(r->db, &r->a, c->id, &bk, &n) != 0)
		n = 0;
	tpl_venues_case_show(b, &r->p, payload, bk, n, role == CASE_OFFICER && !case_closed(c),
	                     req_csrf(r));
}

/* Granted, in full or in part: the times still pending are confirmed. */
static int
granted(struct req *r, struct case_row *c, json_t *payload, struct form *decision)
{
	return booking_settle_case(r->db, c->id, BOOKING_CONFIRMED) == DB_OK ? 0 : -1;
}

/* Refused, withdrawn or closed: every time still pending is declined and
 * let go. */
static int
ended(struct req *r, struct case_row *c)
{
	return booking_settle_case(r->db, c->id, BOOKING_DECLINED) == DB_OK ? 0 : -1;
}

const struct eservice venue_booking_eservice = {
        .code = "lokalbokning",
        .name_sv = "Lokalbokning",
        .name_en = "Venue booking",
        .mail_subject = "Nytt ärende: lokalbokning",
        .mail_body = "En förening har skickat en förfrågan om att boka en lokal.",
        .show = show,
        .granted = granted,
        .ended = ended,
};
