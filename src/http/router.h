/* The route table: method, path pattern with {params}, handler, who may call. */
#ifndef HTTP_ROUTER_H
#define HTTP_ROUTER_H
#include "http/request.h"

typedef void (*handler_fn)(struct req *);

struct route {
	enum method method;
	const char *pattern;
	handler_fn fn;
	unsigned access;
	int cache; /* public page kept for anonymous visitors until data changes */
};

extern const struct route routes[];
const struct route *route_match(struct req *r, int *wrong_method);
#endif
