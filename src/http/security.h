#ifndef HTTP_SECURITY_H
#define HTTP_SECURITY_H
#include <microhttpd.h>

#include "http/request.h"

void security_headers(struct MHD_Response *resp, const struct req *r);
#endif
