/* The grant system's pages (issue 10): the public calls for applications
 * and the administration of programmes, listed in src/routes.c. */
#ifndef GRANTS_GRANTS_H
#define GRANTS_GRANTS_H
#include "http/request.h"

void grants_list_page(struct req *r);
void grants_programme_page(struct req *r);
void grants_easy_read_page(struct req *r);
void grants_apply_form(struct req *r);
void grants_apply_submit(struct req *r);
void grants_followup_form(struct req *r);
void grants_followup_submit(struct req *r);
void grants_followup_overdue(struct req *r);
void grants_iop_form(struct req *r);
void grants_iop_submit(struct req *r);
void grants_iop_version(struct req *r);
void grants_iop_meeting(struct req *r);

void grants_committee_page(struct req *r);
void grants_committee_decide(struct req *r);
void grant_assessment_save(struct req *r);

void grants_admin_list(struct req *r);
void grants_admin_new(struct req *r);
void grants_admin_create(struct req *r);
void grants_admin_edit(struct req *r);
void grants_admin_update(struct req *r);
void grants_admin_question_add(struct req *r);
void grants_admin_question_remove(struct req *r);
void grants_admin_criterion_add(struct req *r);
void grants_admin_criterion_remove(struct req *r);

struct grant_programme;
int grant_managed_programme(struct req *r, struct grant_programme *g);
#endif
