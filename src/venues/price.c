/* Prices and nolltaxa. A department sets the share of members aged 7–25
 * that makes an association a youth association (venue_youth_rules); the
 * register holds the members and youth members of its latest yearly
 * update. */
#include "venues/price.h"

static struct dbq Q_BASIS = {
        "SELECT coalesce(a.members, -1), coalesce(a.youth_members, -1), "
        "coalesce((SELECT share_pct FROM venue_youth_rules WHERE department_id = $1), 0) "
        "FROM associations a WHERE a.id = $2",
        NULL, 0};

int
youth_basis_of(struct db *db, int64_t department_id, int64_t association_id,
               struct youth_basis *out)
{
	*out = (struct youth_basis){-1, -1, 0, 0};
	struct dbcur c;
	if (db_query(db, &c, &Q_BASIS, DB_ARGS(DB_INT(department_id), DB_INT(association_id))) !=
	    DB_OK)
		return -1;
	int rc = db_next(&c);
	if (rc > 0) {
		out->members = db_col_int(&c, 0);
		out->youth_members = db_col_int(&c, 1);
		out->share_pct = (int)db_col_int(&c, 2);
	}
	db_done(&c);
	/* share ≥ threshold, in integers: youth × 100 ≥ pct × members */
	out->eligible = out->share_pct > 0 && out->members > 0 && out->youth_members >= 0 &&
	                out->youth_members * 100 >= (int64_t)out->share_pct * out->members;
	return rc < 0 ? -1 : 0;
}

const char *
booking_category(int youth_activity, const struct youth_basis *y)
{
	return youth_activity && y->eligible ? "ungdom" : "forening";
}

int64_t
booking_price(int64_t per_hour, int64_t minutes)
{
	return (per_hour * minutes + 30) / 60;
}
