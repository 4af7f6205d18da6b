/* The association's grants on Mina sidor (issue 10, point 3): drawn here,
 * called by src/home/home.c. */
#ifndef GRANTS_MINE_H
#define GRANTS_MINE_H
#include "base/esc.h"
#include "http/request.h"

/* One application as Mina sidor lists it. */
struct grant_mine_row {
	const char *dnr, *programme, *association, *status;
	int64_t asked;
	const char *outcome, *decided_on; /* NULL until decided */
	int awarded;                      /* a decided grant exists: granted is its amount */
	int64_t granted;
};

int grants_mine(struct req *r, struct html *out);
#endif
