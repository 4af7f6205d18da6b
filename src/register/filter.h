#ifndef REGISTER_FILTER_H
#define REGISTER_FILTER_H
#include "http/request.h"
#include "register/queries.h"
#include "ui/form.h"

void register_filter_read(struct req *r, struct register_filter *f);
struct field *register_filter_fields(struct req *r, const struct register_filter *f,
                                     const struct choice *areas, const struct choice *groups,
                                     int *n);
const char *register_page_url(struct req *r, const char *base, const struct register_filter *f,
                              int64_t page);
#endif
