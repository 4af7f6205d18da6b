#ifndef ACCOUNT_LOGIN_H
#define ACCOUNT_LOGIN_H
#include "http/request.h"

void login_form(struct req *r);
void login_submit(struct req *r);
void logout_submit(struct req *r);
#endif
