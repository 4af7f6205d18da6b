#ifndef REGISTER_PAGES_H
#define REGISTER_PAGES_H
#include "http/request.h"

void register_list_page(struct req *r);
void register_detail_page(struct req *r);
void register_list_json(struct req *r);
void register_detail_json(struct req *r);
void register_csv(struct req *r);
#endif
