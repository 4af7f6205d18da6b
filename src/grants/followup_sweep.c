/* The server's own sweep of follow-up reminders: a thread with its own
 * database connection sends what is owed when the server starts and then
 * every hour (a reminder goes out once, so a second server, or cron
 * running `samverka aterrapporter` too, sends nothing twice). */
#include "grants/followup.h"
#include "base/arena.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { SWEEP_EVERY = 3600 };

static struct {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	atomic_int stopping;
	char *db_url;
	int running;
} S = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* One sweep on a connection of its own, opened for it and closed after,
 * so a database that was away is simply tried again next hour. */
static void
sweep(void)
{
	struct db *db;
	char err[256];
	int sent = 0;
	if (db_open(S.db_url, &db, err, sizeof(err)) != DB_OK) {
		fprintf(stderr, "samverka: follow-up reminders: cannot open the database: %s\n",
		        err);
		return;
	}
	if (followup_remind(db, FOLLOWUP_REMIND_DAYS, &sent) != 0)
		fprintf(stderr, "samverka: follow-up reminders: %s\n", db_errmsg(db));
	db_close(db);
}

/* Sweeps, then sleeps an hour or until followup_sweep_stop wakes it. */
static void *
sweep_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&S.lock);
	while (!atomic_load(&S.stopping)) {
		pthread_mutex_unlock(&S.lock);
		sweep();
		pthread_mutex_lock(&S.lock);
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += SWEEP_EVERY;
		while (!atomic_load(&S.stopping) &&
		       pthread_cond_timedwait(&S.wake, &S.lock, &until) == 0)
			;
	}
	pthread_mutex_unlock(&S.lock);
	return NULL;
}

/* Starts the sweep's thread with every signal blocked, so SIGINT and
 * SIGTERM reach the main thread. */
void
followup_sweep_start(const char *db_url)
{
	S.db_url = xstrdup(db_url);
	atomic_store(&S.stopping, 0);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&S.wake, &ca);
	pthread_condattr_destroy(&ca);
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	if (pthread_create(&S.thread, NULL, sweep_main, NULL) != 0) {
		fprintf(stderr, "samverka: cannot start the follow-up reminders\n");
		abort();
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	S.running = 1;
}

/* Wakes the thread and waits for it to finish its sweep. */
void
followup_sweep_stop(void)
{
	if (!S.running)
		return;
	pthread_mutex_lock(&S.lock);
	atomic_store(&S.stopping, 1);
	pthread_cond_signal(&S.wake);
	pthread_mutex_unlock(&S.lock);
	pthread_join(S.thread, NULL);
	pthread_cond_destroy(&S.wake);
	free(S.db_url);
	S.running = 0;
}
