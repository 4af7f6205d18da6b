#ifndef HOME_HOME_H
#define HOME_HOME_H
#include "http/request.h"

void home_page(struct req *r);
void health_check(struct req *r);
void my_pages(struct req *r);
void invite_submit(struct req *r);
void invite_page(struct req *r);
void invite_accept(struct req *r);

/* A refused form on Mina sidor: which association's invitation, what was
 * typed and why; or why the account was not deleted. */
struct mine_refusal {
	int64_t invite_id;
	const char *invite_email, *invite_error;
	const char *delete_error;
};
void my_pages_refused(struct req *r, const struct mine_refusal *e);
#endif
