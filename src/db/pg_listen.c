/* PostgreSQL: hears of every committed bump of a generation, by any
 * process on any machine, so that db/watch.c may keep what it read.
 * meta_bump_once notifies on the channel below (migration 015); PostgreSQL
 * delivers the notification after COMMIT, never for a rollback. One thread
 * per database and process holds a connection of its own for it. */
#include "db/db_impl.h"
#include "base/arena.h"

#include <libpq-fe.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

enum { LISTEN_RETRY_S = 1 };

struct listener {
	struct db_watch *w;
	char *conninfo;
};

/* Whether the session now listens. */
static int
listen_on(PGconn *c)
{
	if (PQstatus(c) != CONNECTION_OK)
		return 0;
	PGresult *r = PQexec(c, "LISTEN samverka_generation");
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	return ok;
}

/* Until the connection fails: a bump for each batch of notifications. */
static void
hear(PGconn *c, struct db_watch *w)
{
	struct pollfd p = {.fd = PQsocket(c), .events = POLLIN};
	while (poll(&p, 1, -1) >= 0 && PQconsumeInput(c)) {
		int any = 0;
		PGnotify *n;
		while ((n = PQnotifies(c)) != NULL) {
			PQfreemem(n);
			any = 1;
		}
		if (any)
			watch_bump(w);
		if (PQstatus(c) != CONNECTION_OK)
			break;
	}
}

/* Connects, listens, and connects again a second after every failure.
 * What was kept before listening began may have missed a notification, so
 * it is let go (a bump) before the watch is told that it may keep again;
 * while not listening the watch keeps nothing. */
static void *
listen_loop(void *arg)
{
	struct listener *l = arg;
	for (;;) {
		PGconn *c = PQconnectdb(l->conninfo);
		if (listen_on(c)) {
			watch_bump(l->w);
			watch_listening(l->w, 1);
			hear(c, l->w);
			watch_listening(l->w, 0);
		}
		PQfinish(c);
		sleep(LISTEN_RETRY_S);
	}
	return NULL;
}

/* Starts the listening thread of a watch (once, by watch_generation). */
void
pg_listen_start(struct db_watch *w, const char *conninfo)
{
	struct listener *l = xcalloc(1, sizeof(*l));
	l->w = w;
	l->conninfo = xstrdup(conninfo);
	pthread_t t;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &attr, listen_loop, l) != 0) {
		free(l->conninfo);
		free(l);
	}
	pthread_attr_destroy(&attr);
}
