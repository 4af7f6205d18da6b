/* What a connection may cost us: a deadline for each request's head and a
 * least rate for its body, a cap on connections with the worst closed first
 * when it nears, and the rules of a head that libmicrohttpd's strict mode
 * would otherwise enforce by dropping the connection unanswered. */
#ifndef HTTP_GUARD_H
#define HTTP_GUARD_H
#include <microhttpd.h>
#include <stddef.h>

/* libmicrohttpd's memory per connection (MHD_OPTION_CONNECTION_MEMORY_LIMIT),
 * where it keeps the head and a record of 64 bytes per header and cookie:
 * a head at our 16 KiB limit with 900 cookies fits, so it reaches us and
 * gets our 431. libmicrohttpd clears it all for every request on a
 * connection, which costs time per request: see docs/decisions.md. */
#define GUARD_POOL_SIZE ((size_t)96 * 1024)

/* At start: raises the soft descriptor limit to the hard one, chooses the
 * connection cap from it (returned, for MHD_OPTION_CONNECTION_LIMIT) and
 * starts the thread that closes connections past their deadline. */
unsigned guard_start(void);
void guard_stop(void);

/* The accept policy of every daemon: MHD_NO for an address that holds
 * its 256 connections already (across the daemons, which libmicrohttpd's
 * own limit per address, per daemon, would not see). */
enum MHD_Result guard_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen);

/* MHD_OPTION_NOTIFY_CONNECTION: a connection opened or closed. */
void guard_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                      enum MHD_ConnectionNotificationCode code);

/* A request line arrived: the connection is sending a head. */
void guard_request_line(struct MHD_Connection *c, const char *uri);

/* The head is complete (the access handler's first call for a request):
 * the body's deadline starts. The status to refuse the request with (400,
 * 431), or 0. */
int guard_head_received(struct MHD_Connection *c, const char *version);

/* n bytes of body arrived; n == 0: the request is being answered (all of
 * it is in, or it is refused before its body), with no deadline. */
void guard_body_received(struct MHD_Connection *c, size_t n);

/* The request is answered (MHD_OPTION_NOTIFY_COMPLETED): the next one's
 * head has its deadline from now. */
void guard_request_done(struct MHD_Connection *c);
#endif
