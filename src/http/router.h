/* The route table: method, path pattern with {params}, handler, who may call. */
#ifndef HTTP_ROUTER_H
#define HTTP_ROUTER_H
#include "http/request.h"

typedef void (*handler_fn)(struct req *);

/* What a cached page shows: a domain of content (the register, the
 * diary, …) with its generation in a row of the meta table, which triggers
 * on the domain's tables bump at every write (see the migrations). A write
 * empties the cached pages of its own domain only. */
struct cache_domain {
	const char *name;
	const char *generation_key; /* meta.k */
};

/* What http does differently for a route. */
enum route_flags {
	ROUTE_FILES = 1, /* takes a multipart form with files; no other route reads one */
	/* its handler hashes a password (Argon2id): it runs on the small
	 * offload pool (http/offload.h), never on a connection thread */
	ROUTE_SLOW = 2,
};

struct route {
	enum method method;
	const char *pattern;
	handler_fn fn;
	unsigned access; /* who may call it: bits that only the app's authorize hook reads */
	/* 0: never cached; otherwise the domain its page shows, kept for
	 * anonymous visitors until that domain changes */
	const struct cache_domain *cache;
	unsigned flags; /* enum route_flags */
};

extern const struct route routes[];
const struct route *route_match(struct req *r, int *wrong_method);
#endif
