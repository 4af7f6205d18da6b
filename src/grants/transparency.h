/* The grant system's public figures (issue 10, transparency): the list of
 * decided grants, its open data, the statistics and the section of an
 * association's page in the register, listed in src/routes.c. */
#ifndef GRANTS_TRANSPARENCY_H
#define GRANTS_TRANSPARENCY_H
#include "http/request.h"

void grants_granted_page(struct req *r);
void grants_granted_csv(struct req *r);
void grants_granted_json(struct req *r);
void grants_stats_page(struct req *r);
void grants_stats_xlsx(struct req *r);
int grants_association_section(struct req *r, int64_t association_id, struct buf *out);

/* A decided grant on the association's page, and a year's total. */
struct grant_names {
	const char *sv, *en;
};
struct grant_received {
	int year;
	const char *programme;
	struct grant_names kind, department;
	int64_t amount;
};
struct grant_year {
	int year;
	int64_t sum, count;
};
#endif
