/* The representative's payouts on Mina sidor: for each association they
 * represent, the account grants are paid to (with the way to change it)
 * and every decided grant with its payouts made and planned and its
 * reclaims. Only the associations the person represents are read. */
#include "grants/applications.h"
#include "cases/case.h"
#include "grants/payouts.h"
#include "grants/payouts_mine.tpl.h"
#include "auth/roles.h"

#include <stdlib.h>

/* Draws the part into out, each association's last hundred awards;
 * nothing for a person who represents no association. */
int
grant_payouts_mine(struct req *r, struct buf *out)
{
	struct choice *mine;
	if (user_represented(r->db, &r->a, r->user->id, &mine) != 0)
		return -1;
	size_t n = 0;
	while (mine[n].code)
		n++;
	if (n == 0)
		return 0;
	struct payouts_mine *x = arena_zalloc(&r->a, n * sizeof(*x));
	for (size_t i = 0; i < n; i++) {
		struct payouts_mine *m = &x[i];
		m->id = strtoll(mine[i].code, NULL, 10);
		m->name = mine[i].name_sv;
		struct payout_filter filter = {.association_id = m->id, .limit = 100};
		if ((m->has_account = grant_account_of(r->db, &r->a, m->id, &m->account)) < 0 ||
		    payout_awards_of(r->db, &r->a, &filter, &m->awards, &m->nawards) != 0)
			return -1;
		m->pays = arena_zalloc(&r->a, (m->nawards + 1) * sizeof(*m->pays));
		m->npays = arena_zalloc(&r->a, (m->nawards + 1) * sizeof(*m->npays));
		for (size_t k = 0; k < m->nawards; k++)
			if (grant_payments_of(r->db, &r->a, m->awards[k].id, &m->pays[k],
			                      &m->npays[k]) != 0)
				return -1;
	}
	tpl_grants_payouts_mine(out, &r->p, x, n);
	return 0;
}
