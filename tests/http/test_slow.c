/* Slow and crowding clients: a head or body sent a byte a second is closed
 * after its deadline (about 10 s) while other clients are answered at once;
 * near the cap the connections idle the longest go first, then the slowest,
 * and a new client is always let in. The test lowers its own descriptor
 * limit to 400 before the server starts, so the server's cap is
 * (400 - 64) / 2 = 168 and crowding it takes a few hundred sockets. */
#include "harness.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { IDLE_N = 60, HEADS_N = 100, MORE_N = 60 };

/* Seconds on a clock that only goes forward. */
static double
now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void
tcp_send(int s, const char *data)
{
	(void)send(s, data, strlen(data), MSG_NOSIGNAL | MSG_DONTWAIT);
}

/* Reads what the server sent so far into got; 1 when it has closed. */
static int
server_closed(int s, struct hstr *got)
{
	char buf[4096];
	for (;;) {
		ssize_t n = recv(s, buf, sizeof(buf), MSG_DONTWAIT);
		if (n > 0) {
			if (got)
				hstr_add(got, buf, (size_t)n);
			continue;
		}
		return n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
	}
}

/* Sends a whole request and waits for its answer's status, keeping the
 * connection; 0 when none came within 3 s. */
static int
tcp_request(int s, const char *req)
{
	tcp_send(s, req);
	struct hstr got = {0};
	hstr_add(&got, "", 0);
	double end = now() + 3;
	while (now() < end && !strstr(got.p, "\r\n\r\n")) {
		struct pollfd p = {s, POLLIN, 0};
		if (poll(&p, 1, 100) > 0 && server_closed(s, &got))
			break;
	}
	int status = got.n >= 12 && memcmp(got.p, "HTTP/1.1 ", 9) == 0 ? atoi(got.p + 9) : 0;
	hstr_free(&got);
	return status;
}

/* Lets the sweeper (once a second) see what changed. */
static void
settle(double seconds)
{
	usleep((useconds_t)(seconds * 1e6));
}

/* How many of the sockets the server has closed; flags them in closed. */
static int
count_closed(const int *s, int n, int *closed)
{
	int k = 0;
	for (int i = 0; i < n; i++) {
		closed[i] = server_closed(s[i], NULL);
		k += closed[i];
	}
	return k;
}

/* A visitor on a new connection gets the register page, within a second. */
static void
newcomer_served(const char *when)
{
	struct hclient *c = h_client();
	double t0 = now();
	long st = h_get_status(c, "/foreningar");
	double took = now() - t0;
	h_check(st == 200 && took < 1, "%s: a new visitor gets /foreningar (%ld in %.0f ms)", when,
	        st, took * 1000);
	h_client_free(c);
}

/* Near the cap: first the idle keep-alive connections go, the longest idle
 * first, and no head under way; once no idle one is left, the heads that
 * started first (least time left) go, with a 503, and the newer ones stay. */
static void
crowding(void)
{
	int idle[IDLE_N], heads[HEADS_N], more[MORE_N];
	int closed_idle[IDLE_N], closed_heads[HEADS_N], closed_more[MORE_N];
	int answered = 0;
	for (int i = 0; i < IDLE_N; i++) {
		idle[i] = h_connect();
		answered += tcp_request(idle[i], "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n") == 200;
		usleep(10000);
	}
	h_check(answered == IDLE_N, "%d keep-alive connections each had a request answered (%d)",
	        IDLE_N, answered);
	for (int i = 0; i < HEADS_N; i++) {
		heads[i] = h_connect();
		tcp_send(heads[i], "GET /foreningar HTTP/1.1\r\nHost: x\r\nX-Slow: ");
		usleep(5000);
	}
	settle(1.2);
	int ni = count_closed(idle, IDLE_N, closed_idle);
	int nh = count_closed(heads, HEADS_N, closed_heads);
	h_check(ni >= 20 && nh == 0,
	        "160 connections against a cap of 168: %d idle ones closed (want at least 20), %d "
	        "heads under way (want 0)",
	        ni, nh);
	h_check(closed_idle[0] && !closed_idle[IDLE_N - 1],
	        "the one idle the longest is closed, the one idle the shortest is not");
	newcomer_served("crowded by idle connections and slow heads");

	for (int i = 0; i < IDLE_N; i++)
		close(idle[i]);
	settle(1.1);
	int silent = h_connect();
	for (int i = 0; i < MORE_N; i++) {
		more[i] = h_connect();
		tcp_send(more[i], "GET /foreningar HTTP/1.1\r\nHost: x\r\nX-Slow: ");
		usleep(5000);
	}
	settle(1.2);
	struct hstr first = {0};
	hstr_add(&first, "", 0);
	int first_closed = server_closed(heads[0], &first);
	h_check(first_closed && strncmp(first.p, "HTTP/1.1 503", 12) == 0,
	        "the head that started first is closed with 503 (%.12s)", first.p);
	hstr_free(&first);
	nh = first_closed + count_closed(heads + 1, HEADS_N - 1, closed_heads + 1);
	int nm = count_closed(more, MORE_N, closed_more);
	h_check(nh >= 20 && nm == 0,
	        "160 slow heads: %d of the older ones closed (want at least 20), %d of the newer "
	        "(want 0)",
	        nh, nm);
	h_check(!server_closed(silent, NULL),
	        "a connection just opened that has not spoken yet is not taken for an idle one");
	close(silent);
	newcomer_served("crowded by slow heads");
	for (int i = 0; i < HEADS_N; i++)
		close(heads[i]);
	for (int i = 0; i < MORE_N; i++)
		close(more[i]);
}

/* One slow client: its socket, what it sends each second, when the server
 * closed it and what it said. */
struct slow {
	const char *what;
	int s;
	const char *trickle;
	double closed_at;
	struct hstr got;
};

/* Heads and bodies a byte a second, an idle keep-alive connection and one
 * that never says anything are closed after about 10 s; meanwhile a
 * keep-alive client that asks every second, a body sent at 600 bytes a
 * second for 12 s, and visitors on new connections are all answered. */
static void
deadlines(void)
{
	static const char slow_body[] = "POST /logga-in HTTP/1.1\r\nHost: x\r\n"
	                                "Content-Type: application/x-www-form-urlencoded\r\n"
	                                "Content-Length: 100000\r\n\r\nepost=";
	static const char honest_head[] = "POST /logga-in HTTP/1.1\r\nHost: x\r\n"
	                                  "Content-Type: application/x-www-form-urlencoded\r\n"
	                                  "Content-Length: 7200\r\n\r\n";
	static const char byte_by_byte[] = "GET /foreningar HTTP/1.1\r\nHost: x\r\n\r\n";
	struct slow c[] = {
	        {"a head sent a byte a second", -1, "X", 0, {0}},
	        {"a body sent a byte a second", -1, "a", 0, {0}},
	        {"a request sent a byte a second from its first byte", -1, NULL, 0, {0}},
	        {"a keep-alive connection idle after its request", -1, NULL, 0, {0}},
	        {"a connection that never sends anything", -1, NULL, 0, {0}},
	};
	enum { N = sizeof(c) / sizeof(c[0]) };
	double t0 = now();
	for (int i = 0; i < N; i++) {
		c[i].s = h_connect();
		hstr_add(&c[i].got, "", 0);
	}
	tcp_send(c[0].s, "GET /foreningar HTTP/1.1\r\nHost: x\r\nX-Slow: ");
	tcp_send(c[1].s, slow_body);
	int idle_ok = tcp_request(c[3].s, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n") == 200;
	int keeper = h_connect(), honest = h_connect();
	tcp_send(honest, honest_head);
	struct hstr honest_got = {0};
	hstr_add(&honest_got, "", 0);
	int keeper_ok = 0, keeper_asked = 0, visitors_ok = 0, visitors = 0, honest_sent = 0;
	double slowest = 0;
	struct hclient *visitor = h_client();
	for (int tick = 1; now() - t0 < 13; tick++) {
		settle(0.5);
		if (tick % 2 == 0) {
			for (int i = 0; i < N; i++)
				if (!c[i].closed_at && c[i].trickle)
					tcp_send(c[i].s, c[i].trickle);
			size_t k = (size_t)tick / 2 - 1;
			if (!c[2].closed_at && k < sizeof(byte_by_byte) - 1) {
				char one[2] = {byte_by_byte[k], 0};
				tcp_send(c[2].s, one);
			}
			keeper_asked++;
			keeper_ok += tcp_request(keeper,
			                         "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n") == 200;
		}
		if (honest_sent < 7200) {
			char part[301];
			memset(part, 'a', 300);
			part[300] = 0;
			if (honest_sent == 0)
				memcpy(part, "epost=", 6);
			tcp_send(honest, part);
			honest_sent += 300;
		}
		for (int i = 0; i < N; i++)
			if (!c[i].closed_at && server_closed(c[i].s, &c[i].got))
				c[i].closed_at = now() - t0;
		double v0 = now();
		visitors++;
		visitors_ok += h_get_status(visitor, "/foreningar") == 200;
		if (now() - v0 > slowest)
			slowest = now() - v0;
	}
	h_check(idle_ok, "the keep-alive connection's request was answered");
	for (int i = 0; i < N; i++) {
		double t = c[i].closed_at;
		if (t)
			h_check(t >= 9 && t <= 12, "%s: closed after %.1f s (want 9 to 12)",
			        c[i].what, t);
		else
			h_check(0, "%s: still open after 13 s (want closed after 9 to 12)",
			        c[i].what);
		if (c[i].trickle)
			h_check(strncmp(c[i].got.p, "HTTP/1.1 408", 12) == 0,
			        "%s: answered 408 before the close (%.12s)", c[i].what, c[i].got.p);
		hstr_free(&c[i].got);
		close(c[i].s);
	}
	h_check(keeper_ok == keeper_asked && !server_closed(keeper, NULL),
	        "a keep-alive connection asking every second stays open, every answer 200 (%d of "
	        "%d)",
	        keeper_ok, keeper_asked);
	double end = now() + 3;
	while (now() < end && !strstr(honest_got.p, "\r\n\r\n") &&
	       !server_closed(honest, &honest_got))
		settle(0.1);
	int st = honest_got.n >= 12 ? atoi(honest_got.p + 9) : 0;
	h_check(st >= 200 && st != 408 && st < 500,
	        "a form sent at 600 bytes a second for 12 s is answered, not cut off (%d)", st);
	h_check(visitors_ok == visitors && slowest < 1,
	        "visitors meanwhile: %d of %d got /foreningar, the slowest in %.0f ms", visitors_ok,
	        visitors, slowest * 1000);
	hstr_free(&honest_got);
	close(keeper);
	close(honest);
	h_client_free(visitor);
}

int
main(void)
{
	struct rlimit rl = {400, 400};
	if (setrlimit(RLIMIT_NOFILE, &rl) != 0) {
		perror("setrlimit");
		return 1;
	}
	h_start();
	crowding();
	settle(1.1);
	deadlines();
	h_check(h_alive(), "the server is still running");
	return h_finish();
}
