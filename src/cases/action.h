/* What every action on a case page shares: loading the case with the
 * viewer's role, refusing with the reason beside the field, reading text
 * fields, and ending the action's transaction. */
#ifndef CASES_ACTION_H
#define CASES_ACTION_H
#include "cases/case.h"
#include "cases/view.h"
#include "http/request.h"
#include "register/assoc.h"

int case_action_load(struct req *r, struct case_row *c, enum case_role *role);
int case_officer_load(struct req *r, struct case_row *c, enum case_role *role);
struct actor case_actor(struct req *r);
void case_refuse_all(struct req *r, struct case_row *c, enum case_role role,
                     const struct case_refusal *e);
void case_refuse(struct req *r, struct case_row *c, enum case_role role, const char *form,
                 const char *control, const char *sv, const char *en);
const char *case_text_field(struct req *r, const char *name, size_t max);
int case_commit(struct req *r);
void case_action_end(struct req *r, const struct case_row *c, int ok);
void case_done(struct req *r, const struct case_row *c);
int case_move(struct req *r, struct case_row *c, const char *to, const char *detail);
int case_may_move(struct req *r, struct case_row *c, enum case_role *role, const char *form,
                  const char *to, enum case_role need);
const char *case_confidential_basis(struct req *r, const struct case_row *c);
struct choice *case_colleagues(struct req *r, int64_t dept);
#endif
