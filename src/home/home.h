#ifndef HOME_HOME_H
#define HOME_HOME_H
#include "http/request.h"

void home_page(struct req *r);
void health_check(struct req *r);
void my_pages(struct req *r);
#endif
