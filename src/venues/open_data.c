/* The venues as open data: /oppna-data/lokaler.csv, one row per active
 * venue with what it is, where, its accessibility, its prices an hour
 * and, for a part of a split venue, the whole it is part of. Prices are
 * kronor with two decimals and a point, as the grants' open data gives
 * amounts; a category the venue is not let at is empty. */
#include <string.h>

#include "base/csv.h"
#include "base/money.h"
#include "venues/catalog.h"
#include "venues/venues.h"

/* The header the issue gives, plain ASCII, which scripts may rely on. */
static const char csv_header[] =
        "id,namn,typ,forvaltning,adress,omrade,kapacitet,stegfri_entre,rwc,horslinga,hiss,"
        "pris_ordinarie_kr,pris_forening_kr,pris_ungdom_kr,kraver_godkannande,del_av";

/* A text field, quoted where RFC 4180 asks, and its comma. */
static void
csv_str(struct buf *b, const char *s)
{
	csv_field(b, s, strlen(s));
	buf_putc(b, ',');
}

/* A yes or no as 1 or 0, and its comma. */
static void
csv_flag(struct buf *b, int v)
{
	buf_puts(b, v ? "1," : "0,");
}

/* One venue under the header's names, prices in kronor with a point. */
static void
csv_row(struct buf *b, const struct venue_entry *e)
{
	const struct venue *v = &e->v;
	buf_int(b, v->id);
	buf_putc(b, ',');
	csv_str(b, v->name);
	csv_str(b, v->type);
	csv_str(b, v->dept_sv);
	csv_str(b, v->address);
	csv_str(b, v->area);
	buf_int(b, v->capacity);
	buf_putc(b, ',');
	csv_flag(b, v->step_free);
	csv_flag(b, v->accessible_toilet);
	csv_flag(b, v->hearing_loop);
	csv_flag(b, v->lift);
	for (int i = 0; i < VENUE_CATEGORIES; i++) {
		if (e->priced[i])
			money_decimal(b, e->price[i]);
		buf_putc(b, ',');
	}
	csv_flag(b, v->approval);
	if (v->parent_id)
		buf_int(b, v->parent_id);
	buf_puts(b, "\r\n");
}

/* GET /oppna-data/lokaler.csv: every active venue, unfiltered, as a
 * download. */
void
venues_csv(struct req *r)
{
	struct venue_filter all = {0};
	struct venue_entry *e;
	size_t n;
	if (venue_catalog(r->db, &r->a, &all, &e, &n) != 0) {
		req_fail(r, "the venues could not be read for the CSV");
		return;
	}
	buf_puts(&r->out, csv_header);
	buf_puts(&r->out, "\r\n");
	for (size_t i = 0; i < n; i++)
		csv_row(&r->out, &e[i]);
	r->ctype = "text/csv; charset=utf-8";
	req_header(r, "Content-Disposition", "attachment; filename=\"lokaler.csv\"");
}
