#ifndef HOME_HOME_H
#define HOME_HOME_H
#include "http/request.h"
#include "ui/form.h"

void home_page(struct req *r);
void health_check(struct req *r);
void my_pages(struct req *r);
void invite_submit(struct req *r);
void invite_page(struct req *r);
void invite_accept(struct req *r);

/* The forms on Mina sidor, drawn here and read by their handlers: an
 * invitation per association (the form's key is the association's id) and
 * the account's deletion. */
extern const struct form_def mine_invite_form, mine_delete_form;
void my_pages_refused(struct req *r, const struct form *sent);
#endif
