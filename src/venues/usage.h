/* What venue booking tells the finance system and the officials (issue 11,
 * point 9): the invoice basis per association and month, the caretaker's
 * report of a booking not used, and the utilisation of the venues. Listed
 * in src/routes.c. */
#ifndef VENUES_USAGE_H
#define VENUES_USAGE_H
#include "http/request.h"

void venues_invoice_page(struct req *r);
void venues_invoice_csv(struct req *r);
void venues_invoice_xlsx(struct req *r);
void booking_not_used(struct req *r);
void venues_usage_page(struct req *r);
void venues_usage_xlsx(struct req *r);

struct choice;
/* Whose venues the user sees on these pages: 1 with *dept the officer's
 * department, or 0 for every one (an administrator, *admin set); 0 after
 * answering 404 to an officer without a department. */
int usage_scope(struct req *r, int64_t *dept, int *admin);
/* The department an administrator's filter names among choices (ended by
 * a NULL code): 1 with *dept (0: every one), 0 when it names none. */
int usage_department(const char *code, const struct choice *choices, int64_t *dept);
/* The departments to choose among, ended by a NULL code (id: the
 * department's). */
int usage_departments(struct req *r, struct choice **out);
#endif
