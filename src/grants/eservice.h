/* The grant system's case types, listed in src/eservices.c. */
#ifndef GRANTS_ESERVICE_H
#define GRANTS_ESERVICE_H
#include "cases/eservice.h"

/* A grant application (bidragsansökan): the case of one association's
 * application to one programme and period, in the programme's
 * department. */
extern const struct eservice grant_application_eservice;
/* A change of the account an association's grants are paid to
 * (kontoandring), in the department the setting grant_account_department
 * names; granting it makes the number the account. */
extern const struct eservice account_change_eservice;
#endif
