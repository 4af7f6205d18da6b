/* The start page, Mina sidor and the health check. */
#include "home/home.h"
#include "home/home.tpl.h"
#include "home/mine.tpl.h"
#include "cases/queries.h"
#include "grants/followup.h"
#include "grants/payouts.h"
#include "layout/layout.h"

#include <stdio.h>
#include <string.h>

static struct dbq Q_MY_ASSOCS = {
        "SELECT a.id, a.name FROM user_roles ur JOIN associations a ON a.id = ur.association_id "
        "WHERE ur.user_id = $1 AND ur.role = 'representative' ORDER BY a.sort_key",
        NULL, 0};

void
home_page(struct req *r)
{
	r->p.title = "samverka";
	layout_head(r);
	tpl_home_home(&r->out, &r->p);
	layout_foot(r);
}

/* For load balancers: the process answers and its database too. */
void
health_check(struct req *r)
{
	static struct dbq Q_PING = {"SELECT 1", NULL, 0};
	r->ctype = "text/plain; charset=utf-8";
	if (db_int(r->db, &Q_PING, DB_NOARGS, 0) != 1) {
		r->status = 503;
		buf_puts(&r->out, "database unavailable\n");
		return;
	}
	buf_puts(&r->out, "ok\n");
}

static const struct field_def invite_fields[] = {
        {.name = "epost",
         .id = "bjud",
         .label_sv = "Bjud in en person att företräda föreningen (e-post)",
         .label_en = "Invite a person to represent the association (e-mail)",
         .type = FIELD_EMAIL,
         .required = 1,
         .max = 254,
         .autocomplete = "off",
         .missing_sv = "Skriv e-postadressen till den du vill bjuda in.",
         .missing_en = "Write the e-mail address of the person to invite."},
};
const struct form_def mine_invite_form = {"bjud-in", invite_fields, 1};

static const struct field_def delete_fields[] = {
        {.name = "losenord",
         .id = "radera-losenord",
         .label_sv = "Bekräfta med ditt lösenord",
         .label_en = "Confirm with your password",
         .type = FIELD_PASSWORD,
         .required = 1,
         .max = 1024,
         .autocomplete = "current-password",
         .missing_sv = "Skriv ditt lösenord för att bekräfta: kontot raderades inte.",
         .missing_en = "Write your password to confirm: the account was not deleted."},
};
const struct form_def mine_delete_form = {"radera-konto", delete_fields, 1};

/* One of the page's forms as drawn: the one that was sent, or a fresh one. */
static struct field *
drawn(struct req *r, const struct form *sent, const struct form_def *d, const char *key)
{
	struct form f;
	if (form_sent(sent, d, key)) {
		f = *sent;
	} else {
		form_init(&f, r, d);
		f.key = key;
	}
	return form_fields(&f, &r->a);
}

/* Mina sidor: who you are, the associations you represent and your
 * cases; with a form that was refused, its reasons beside its fields and
 * what was typed kept in it alone. */
static void
show(struct req *r, const struct form *sent)
{
	struct dbcur c;
	if (db_query(r->db, &c, &Q_MY_ASSOCS, DB_ARGS(DB_INT(r->user->id))) != DB_OK) {
		req_error(r, 500);
		return;
	}
	int64_t ids[64];
	const char *names[64];
	const struct field *invite[64];
	int n = 0;
	while (db_next(&c) > 0 && n < 64) {
		ids[n] = db_col_int(&c, 0);
		names[n++] = arena_strdup(&r->a, db_col_text(&c, 1));
	}
	db_done(&c);
	for (int i = 0; i < n; i++) {
		char *key = arena_alloc(&r->a, 24);
		snprintf(key, 24, "%lld", (long long)ids[i]);
		invite[i] = drawn(r, sent, &mine_invite_form, key);
	}
	const struct field *del = drawn(r, sent, &mine_delete_form, NULL);
	struct case_list cases;
	struct buf reports = {0}, payouts = {0};
	if (cases_of_user(r->db, &r->a, r->user->id, &cases) != 0 ||
	    followup_mine(r, &reports) != 0 || grant_payouts_mine(r, &payouts) != 0) {
		buf_free(&reports);
		buf_free(&payouts);
		req_error(r, 500);
		return;
	}
	const char *note = NULL;
	if (!sent && req_query(r, "inbjudan"))
		note = r->p.english ? "The invitation has been sent." : "Inbjudan är skickad.";
	r->p.title = r->p.english ? "My pages" : "Mina sidor";
	layout_form_page(r, "/mina-sidor");
	layout_head(r);
	tpl_home_mine(&r->out, &r->p, r->user, ids, names, invite, n, del, &cases, sent,
	              sent ? form_fields(sent, &r->a) : NULL, note, buf_cstr(&reports),
	              (struct html){payouts.data ? payouts.data : "", payouts.len});
	layout_foot(r);
	buf_free(&reports);
	buf_free(&payouts);
}

void
my_pages(struct req *r)
{
	show(r, NULL);
}

/* A form on Mina sidor was refused: the page again, 422, nothing written. */
void
my_pages_refused(struct req *r, const struct form *sent)
{
	r->status = 422;
	show(r, sent);
}
