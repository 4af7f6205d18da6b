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
