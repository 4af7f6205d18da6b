/* A venue with its free stretches of a day, as /lokaler/lediga lists it. */
#ifndef VENUES_FREE_H
#define VENUES_FREE_H
#include "venues/venue.h"

/* One free stretch, minutes of the day. */
struct free_time {
	int from, to;
};

struct free_venue {
	const struct venue *v;
	struct free_time t[8];
	int n;
};
#endif
