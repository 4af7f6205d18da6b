#ifndef STATIC_STATIC_H
#define STATIC_STATIC_H
#include "http/request.h"

void static_file(struct req *r);
#endif
