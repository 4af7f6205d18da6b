/* A small pool of threads for handlers that are slow by design (Argon2id
 * password hashing, 64 MiB and a fifth of a second each): on a connection
 * thread they would hold up every other connection of that thread, so
 * the public pages would wait behind sign-ins. A bounded queue: when it is
 * full the request is answered 503 with Retry-After at once. */
#ifndef HTTP_OFFLOAD_H
#define HTTP_OFFLOAD_H
#include "http/request.h"

/* What happens to an offloaded request: queued on the thread that hands it
 * over (before any worker can take it: the connection is suspended there),
 * run and done on a worker (the handler; the connection resumed). */
struct offload_steps {
	void (*queued)(struct req *r);
	void (*run)(struct req *r);
	void (*done)(struct req *r);
};

int offload_start(int threads, int queued, const struct offload_steps *s);
int offload(struct req *r);
#endif
