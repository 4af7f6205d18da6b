/* The start page, Mina sidor and the health check. */
#include "home/home.h"
#include "home/home.tpl.h"
#include "home/mine.tpl.h"
#include "cases/queries.h"
#include "layout/layout.h"

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

/* Mina sidor: who you are, the associations you represent and your
 * cases; with a refusal, the reason beside the form it concerns. */
static void
show(struct req *r, const struct mine_refusal *e)
{
	struct dbcur c;
	if (db_query(r->db, &c, &Q_MY_ASSOCS, DB_ARGS(DB_INT(r->user->id))) != DB_OK) {
		req_error(r, 500);
		return;
	}
	int64_t ids[64];
	const char *names[64];
	int n = 0;
	while (db_next(&c) > 0 && n < 64) {
		ids[n] = db_col_int(&c, 0);
		names[n++] = arena_strdup(&r->a, db_col_text(&c, 1));
	}
	db_done(&c);
	struct case_list cases;
	if (cases_of_user(r->db, &r->a, r->user->id, &cases) != 0) {
		req_error(r, 500);
		return;
	}
	static const struct mine_refusal none = {0};
	const char *note = NULL;
	if (!e && req_query(r, "inbjudan"))
		note = r->p.english ? "The invitation has been sent." : "Inbjudan är skickad.";
	r->p.title = r->p.english ? "My pages" : "Mina sidor";
	layout_head(r);
	tpl_home_mine(&r->out, &r->p, r->user, ids, names, n, &cases, e ? e : &none, note);
	layout_foot(r);
}

void
my_pages(struct req *r)
{
	show(r, NULL);
}

/* A form on Mina sidor was refused: the page again, 422, nothing written. */
void
my_pages_refused(struct req *r, const struct mine_refusal *e)
{
	r->status = 422;
	show(r, e);
}
