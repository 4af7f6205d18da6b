/* What a booking costs: the category an association books at, with
 * nolltaxa following from its register data rather than from a box it
 * ticks, and the price of a time to the öre. */
#ifndef VENUES_PRICE_H
#define VENUES_PRICE_H
#include <stdint.h>

#include "db/db.h"

/* Why an association does or does not get the youth price of a
 * department's venues, as the applicant and the officer see it. */
struct youth_basis {
	int64_t members;       /* its latest yearly update's; -1 when none */
	int64_t youth_members; /* of them aged 7–25; -1 when not given */
	int share_pct;         /* the department's threshold; 0: no nolltaxa there */
	int eligible;
};

int youth_basis_of(struct db *db, int64_t department_id, int64_t association_id,
                   struct youth_basis *out);
/* The category of a booking: 'ungdom' for youth activity by an eligible
 * association, else 'forening'. */
const char *booking_category(int youth_activity, const struct youth_basis *y);
/* The price of minutes at per_hour öre, rounded to the nearest öre. */
int64_t booking_price(int64_t per_hour, int64_t minutes);
#endif
