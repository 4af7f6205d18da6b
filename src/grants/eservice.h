/* The grant system's case types, listed in src/eservices.c, and the parts
 * of the grant application's type that its files declare. */
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

/* The application as it was sent (apply.c). */
void grant_application_show(struct req *r, struct buf *b, json_t *payload);

/* The decision on an application, with the amount granted (decision.c). */
extern const struct form_def grant_decision_form;
void grant_decision_prefill(struct req *r, const struct case_row *c, struct form *f);
int grant_decision_granted(struct req *r, struct case_row *c, json_t *payload,
                           struct form *decision);
void grant_award_show(struct req *r, struct buf *b, const struct case_row *c);

/* The officer's assessment of an application (assessment.c). */
void grant_assessment_panel(struct req *r, struct buf *b, const struct case_row *c,
                            const struct form *sent);
/* A change of the account an association's grants are paid to
 * (kontoandring), in the department the setting grant_account_department
 * names; granting it makes the number the account. */
extern const struct eservice account_change_eservice;
#endif
