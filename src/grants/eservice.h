/* The grant system's case types, listed in src/eservices.c. */
#ifndef GRANTS_ESERVICE_H
#define GRANTS_ESERVICE_H
#include "cases/eservice.h"

/* A grant application (bidragsansökan): the case of one association's
 * application to one programme and period, in the programme's
 * department. */
extern const struct eservice grant_application_eservice;
/* A follow-up report (återrapport) on a decided grant, in the award's
 * department; an IOP agreement (idéburet offentligt partnerskap), started
 * by the association, in the department it proposes it to. */
extern const struct eservice followup_eservice, iop_eservice;
#endif
