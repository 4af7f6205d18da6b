/* The connection guard. libmicrohttpd has only an idle timeout, which every
 * byte resets, so a client that sends its head a byte every few seconds
 * keeps its connection for ever; and its cap on connections refuses the
 * newest client, not the worst one. Here each connection is tracked from
 * libmicrohttpd's notification with its socket and the phase of its
 * request, and a sweeper thread, once a second, shuts down the sockets of
 * connections past their deadline, or, when the connections near the cap,
 * those that are idle the longest and then the slowest: libmicrohttpd then
 * sees the end of the stream and closes them on its own thread. */
#include "http/guard.h"
#include "base/arena.h"
#include "base/log.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>

enum {
	HEAD_MS = 10 * 1000,       /* the whole head, idle time before it included */
	BODY_GRACE_MS = 10 * 1000, /* the body's first seconds, whatever its rate */
	BODY_RATE = 500,           /* then at least this many bytes a second on average */
	COOKIE_LIMIT = 180,        /* the most a browser keeps for one site */
	FD_RESERVE = 64,           /* descriptors for all but connections */
	CONN_MAX = 4096,           /* the cap however many descriptors there are */
	PER_ADDRESS = 256,         /* connections one client address may hold */
	ADDR_BUCKETS = 1024,       /* of the table of addresses */
	ADDR_KEY = 17,             /* an address's family (4, 6) and its 16 bytes */
	REPORT_MS = 60 * 1000,     /* how often the closings are logged */
};

/* A request's phase on its connection: no request line yet (IDLE: just
 * opened, or between requests), the rest of the head, the body, and
 * complete (BUSY: the handler runs or the answer is being sent), which is
 * never closed early; libmicrohttpd's idle timeout still covers it. */
enum phase { IDLE, HEAD, BODY, BUSY };

struct conn {
	struct conn *prev, *next;
	int fd;
	enum phase phase;
	int closing;                  /* shut down by the sweeper; libmicrohttpd closes it */
	int refuse;                   /* the status the request line earned, or 0 */
	int kept;                     /* a request was answered on it: kept alive for more */
	int64_t since;                /* ms: the phase's start (IDLE, BODY) */
	int64_t deadline;             /* ms: closed after this unless BUSY */
	uint64_t body;                /* bytes of body so far */
	unsigned char addr[ADDR_KEY]; /* the client's address; addr[0] 0: not counted */
};

/* A client address and how many connections it holds, in a table by a
 * hash of the address. */
struct addr_count {
	struct addr_count *next;
	unsigned char key[ADDR_KEY];
	unsigned n;
};

/* One lock for the list and every field of every connection. The closed
 * notification takes it to unlink a connection, and libmicrohttpd closes
 * the socket only after that notification returns, so a descriptor the
 * sweeper reads under the lock is still that connection's socket when it
 * shuts it down, never one the kernel has handed to someone else. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake;
static struct conn *conns;
static unsigned live; /* tracked and not closing */
static unsigned cap, high, low;
static int stopping, crowded;
static unsigned long closed_late, closed_crowded;
static pthread_t sweeper;
static struct addr_count *addrs[ADDR_BUCKETS];

static const char answer_408[] = "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n"
                                 "Content-Length: 0\r\n\r\n";
static const char answer_503[] = "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n"
                                 "Retry-After: 10\r\nContent-Length: 0\r\n\r\n";

/* Milliseconds on a clock that only goes forward; the coarse clock is
 * enough for deadlines of seconds and costs no system call. */
static int64_t
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The key of an IPv4 or IPv6 address; key[0] 0 for another family. */
static void
addr_key(const struct sockaddr *sa, unsigned char key[ADDR_KEY])
{
	memset(key, 0, ADDR_KEY);
	if (sa && sa->sa_family == AF_INET) {
		key[0] = 4;
		memcpy(key + 1, &((const struct sockaddr_in *)sa)->sin_addr, 4);
	} else if (sa && sa->sa_family == AF_INET6) {
		key[0] = 6;
		memcpy(key + 1, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
	}
}

/* Where an address's count is, or would go, in the table (under the
 * lock): FNV-1a of the key. */
static struct addr_count **
addr_slot(const unsigned char key[ADDR_KEY])
{
	uint32_t h = 2166136261u;
	for (int i = 0; i < ADDR_KEY; i++)
		h = (h ^ key[i]) * 16777619u;
	struct addr_count **p = &addrs[h % ADDR_BUCKETS];
	while (*p && memcmp((*p)->key, key, ADDR_KEY) != 0)
		p = &(*p)->next;
	return p;
}

/* One connection more (+1) or fewer (-1) for an address, under the lock;
 * an address with none is forgotten. */
static void
addr_add(const unsigned char key[ADDR_KEY], int d)
{
	if (!key[0])
		return;
	struct addr_count **p = addr_slot(key);
	if (!*p) {
		*p = xcalloc(1, sizeof(**p));
		memcpy((*p)->key, key, ADDR_KEY);
	}
	(*p)->n += (unsigned)d;
	if ((*p)->n == 0) {
		struct addr_count *gone = *p;
		*p = gone->next;
		free(gone);
	}
}

/* The connection's entry, set when it opened. */
static struct conn *
conn_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci =
	        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

/* Ends a connection from the sweeper, under the lock. A request under way
 * gets its answer first (the client may be a person on a slow line);
 * an idle connection has no request to answer. */
static void
conn_close(struct conn *e, const char *answer, size_t len)
{
	if (answer)
		(void)send(e->fd, answer, len, MSG_DONTWAIT | MSG_NOSIGNAL);
	shutdown(e->fd, SHUT_RDWR);
	e->closing = 1;
	live--;
}

/* Whether a connection waits between requests: its client has had its
 * answer and opens a new connection when it needs one. A connection just
 * opened has its request to come, and counts with the heads. */
static int
between_requests(const struct conn *e)
{
	return e->phase == IDLE && e->kept;
}

/* Connections between requests first, the longest idle first; then heads
 * and bodies, the one with the least time left first: for a body that is
 * the one that has sent the least for its time. */
static int
worst_first(const void *a, const void *b)
{
	const struct conn *x = *(struct conn *const *)a, *y = *(struct conn *const *)b;
	if (between_requests(x) != between_requests(y))
		return between_requests(x) ? -1 : 1;
	return x->deadline < y->deadline ? -1 : x->deadline > y->deadline;
}

/* Near the cap: closes the worst connections until live is down to low,
 * so that a new client always finds room. */
static void
make_room(void)
{
	struct conn **v = xmalloc(live * sizeof(*v));
	size_t n = 0;
	for (struct conn *e = conns; e && n < live; e = e->next)
		if (!e->closing && e->phase != BUSY)
			v[n++] = e;
	qsort(v, n, sizeof(*v), worst_first);
	for (size_t i = 0; i < n && live > low; i++) {
		if (v[i]->phase == IDLE)
			conn_close(v[i], NULL, 0);
		else
			conn_close(v[i], answer_503, sizeof(answer_503) - 1);
		closed_crowded++;
	}
	free(v);
}

/* Once a second, or at once when the connections near the cap. */
static void *
sweep(void *arg)
{
	(void)arg;
	int64_t reported = now_ms();
	pthread_mutex_lock(&lock);
	while (!stopping) {
		if (!crowded) {
			struct timespec ts;
			clock_gettime(CLOCK_MONOTONIC, &ts);
			ts.tv_sec += 1;
			pthread_cond_timedwait(&wake, &lock, &ts);
		}
		crowded = 0;
		int64_t t = now_ms();
		for (struct conn *e = conns; e; e = e->next) {
			if (e->closing || e->phase == BUSY || t < e->deadline)
				continue;
			if (e->phase == IDLE)
				conn_close(e, NULL, 0);
			else
				conn_close(e, answer_408, sizeof(answer_408) - 1);
			closed_late++;
		}
		if (live > high)
			make_room();
		if (t - reported >= REPORT_MS && (closed_late || closed_crowded)) {
			log_msg("connections: %lu closed past their deadline and %lu to make "
			        "room in the last minute; %u open of at most %u",
			        closed_late, closed_crowded, live, cap);
			closed_late = closed_crowded = 0;
			reported = t;
		}
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

/* The process may open as many descriptors as its hard limit allows; the
 * soft limit (often 1024) would stop accept() long before the cap. */
static unsigned
descriptors(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return 1024;
	if (rl.rlim_cur < rl.rlim_max) {
		struct rlimit up = {rl.rlim_max == RLIM_INFINITY ? 1 << 20 : rl.rlim_max,
		                    rl.rlim_max};
		if (setrlimit(RLIMIT_NOFILE, &up) == 0)
			rl.rlim_cur = up.rlim_cur;
	}
	return rl.rlim_cur > UINT_MAX ? UINT_MAX : (unsigned)rl.rlim_cur;
}

/* The cap: half the descriptors left after a reserve, since a connection
 * may hold a second one (a document being sent or received), so neither
 * accept() nor opening a document ever fails for want of one; and at most
 * CONN_MAX, since every wake-up of libmicrohttpd's poll() walks all of a
 * thread's connections, and a connection holds its whole pool once it has
 * had a request (GUARD_POOL_SIZE each, 384 MiB for them all). */
unsigned
guard_start(void)
{
	unsigned fds = descriptors();
	cap = fds > 2 * FD_RESERVE ? (fds - FD_RESERVE) / 2 : fds / 4;
	if (cap > CONN_MAX)
		cap = CONN_MAX;
	if (cap < 8)
		cap = 8;
	high = cap * 8 / 10;
	low = cap * 7 / 10;
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&wake, &ca);
	pthread_condattr_destroy(&ca);
	stopping = 0;
	pthread_create(&sweeper, NULL, sweep, NULL);
	return cap;
}

void
guard_stop(void)
{
	pthread_mutex_lock(&lock);
	stopping = 1;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(sweeper, NULL);
	pthread_cond_destroy(&wake);
}

/* An address may hold PER_ADDRESS connections, whichever daemons they
 * went to; one more is closed as it is accepted. A connection is counted
 * when it starts, just after this check, so daemons that accept from one
 * address at the same moment may each pass its last place: at most one
 * over per daemon. */
enum MHD_Result
guard_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
	(void)cls;
	(void)addrlen;
	unsigned char key[ADDR_KEY];
	addr_key(addr, key);
	if (!key[0])
		return MHD_YES;
	pthread_mutex_lock(&lock);
	struct addr_count *a = *addr_slot(key);
	int ok = !a || a->n < PER_ADDRESS;
	pthread_mutex_unlock(&lock);
	return ok ? MHD_YES : MHD_NO;
}

void
guard_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                 enum MHD_ConnectionNotificationCode code)
{
	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
		        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		const union MHD_ConnectionInfo *ai =
		        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		struct conn *e = xcalloc(1, sizeof(*e));
		e->fd = ci->connect_fd;
		e->phase = IDLE;
		e->since = now_ms();
		e->deadline = e->since + HEAD_MS;
		addr_key(ai ? ai->client_addr : NULL, e->addr);
		pthread_mutex_lock(&lock);
		addr_add(e->addr, 1);
		e->next = conns;
		if (conns)
			conns->prev = e;
		conns = e;
		if (++live > high && !crowded) {
			crowded = 1;
			pthread_cond_signal(&wake);
		}
		pthread_mutex_unlock(&lock);
		*socket_context = e;
		return;
	}
	struct conn *e = *socket_context;
	if (!e)
		return;
	pthread_mutex_lock(&lock);
	if (e->prev)
		e->prev->next = e->next;
	else
		conns = e->next;
	if (e->next)
		e->next->prev = e->prev;
	if (!e->closing)
		live--;
	addr_add(e->addr, -1);
	pthread_mutex_unlock(&lock);
	free(e);
	*socket_context = NULL;
}

/* A target with a space or a control byte is no URI (RFC 3986); strict
 * mode would drop the connection, we answer 400. */
void
guard_request_line(struct MHD_Connection *c, const char *uri)
{
	struct conn *e = conn_of(c);
	if (!e)
		return;
	int bad = 0;
	for (const unsigned char *p = (const unsigned char *)uri; *p && !bad; p++)
		bad = *p <= ' ' || *p == 0x7f;
	pthread_mutex_lock(&lock);
	e->phase = HEAD;
	e->refuse = bad ? 400 : 0;
	pthread_mutex_unlock(&lock);
}

/* Besides the deadline: HTTP/1.1 requires Host (RFC 9112 3.2), and more
 * cookies than a browser keeps for a site mean a tool or a cookie bomb on
 * a parent domain; our cookie parser would keep only some of them. */
int
guard_head_received(struct MHD_Connection *c, const char *version)
{
	int refuse = 0;
	if (strcmp(version, MHD_HTTP_VERSION_1_1) == 0 &&
	    !MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST))
		refuse = 400;
	if (MHD_get_connection_values(c, MHD_COOKIE_KIND, NULL, NULL) > COOKIE_LIMIT)
		refuse = 431;
	struct conn *e = conn_of(c);
	if (!e)
		return refuse;
	pthread_mutex_lock(&lock);
	if (e->refuse)
		refuse = e->refuse;
	e->phase = BODY;
	e->since = now_ms();
	e->body = 0;
	e->deadline = e->since + BODY_GRACE_MS;
	pthread_mutex_unlock(&lock);
	return refuse;
}

void
guard_body_received(struct MHD_Connection *c, size_t n)
{
	struct conn *e = conn_of(c);
	if (!e)
		return;
	pthread_mutex_lock(&lock);
	if (n == 0) {
		e->phase = BUSY;
	} else {
		e->body += n;
		e->deadline = e->since + BODY_GRACE_MS + (int64_t)(e->body * 1000 / BODY_RATE);
	}
	pthread_mutex_unlock(&lock);
}

void
guard_request_done(struct MHD_Connection *c)
{
	struct conn *e = conn_of(c);
	if (!e)
		return;
	pthread_mutex_lock(&lock);
	e->phase = IDLE;
	e->kept = 1;
	e->since = now_ms();
	e->deadline = e->since + HEAD_MS;
	pthread_mutex_unlock(&lock);
}
