#ifndef ACCOUNT_ACCOUNT_H
#define ACCOUNT_ACCOUNT_H
#include "http/request.h"

void signup_form(struct req *r);
void signup_submit(struct req *r);
void account_export(struct req *r);
void account_delete(struct req *r);
#endif
