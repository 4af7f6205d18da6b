#ifndef CASES_STATS_H
#define CASES_STATS_H
#include <stdint.h>

struct case_stat {
	const char *type, *status;
	int64_t count;
};
#endif
