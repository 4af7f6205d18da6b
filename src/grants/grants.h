/* The grant system's pages (issue 10): the public calls for applications
 * and the administration of programmes, listed in src/routes.c. */
#ifndef GRANTS_GRANTS_H
#define GRANTS_GRANTS_H
#include "http/request.h"

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

void grants_list_page(struct req *r);
void grants_programme_page(struct req *r);
void grants_easy_read_page(struct req *r);
void grants_apply_form(struct req *r);
void grants_apply_submit(struct req *r);

void grants_granted_page(struct req *r);
void grants_granted_csv(struct req *r);
void grants_granted_json(struct req *r);
void grants_stats_page(struct req *r);
void grants_stats_xlsx(struct req *r);
int grants_association_section(struct req *r, int64_t association_id, struct buf *out);

void grants_admin_list(struct req *r);
void grants_admin_new(struct req *r);
void grants_admin_create(struct req *r);
void grants_admin_edit(struct req *r);
void grants_admin_update(struct req *r);
void grants_admin_question_add(struct req *r);
void grants_admin_question_remove(struct req *r);
void grants_admin_criterion_add(struct req *r);
void grants_admin_criterion_remove(struct req *r);
#endif
