#ifndef CASES_PAGES_H
#define CASES_PAGES_H
#include "cases/case.h"
#include "http/request.h"

void case_page(struct req *r);
void case_post_message(struct req *r);
void case_withdraw(struct req *r);
void case_assign(struct req *r);
void case_change_status(struct req *r);
void case_request_completion(struct req *r);
void case_complete(struct req *r);
void case_decide(struct req *r);
void case_confidential(struct req *r);
void cases_inbox_page(struct req *r);
void cases_diary_page(struct req *r);
void cases_stats_page(struct req *r);
void cases_stats_xlsx(struct req *r);
void cases_mine_json(struct req *r);
void cases_inbox_json(struct req *r);
#endif
