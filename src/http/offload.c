#include "http/offload.h"
#include "base/log.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

static const struct offload_steps *steps;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work = PTHREAD_COND_INITIALIZER;
static struct req **queue;
static int head, count, cap;

/* One worker: takes the oldest job, runs it, hands the request back. Its
 * niceness is raised, so under a storm of sign-ins the connection threads
 * (every other page) still get the processors first. */
static void *
worker(void *arg)
{
	(void)arg;
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
	for (;;) {
		pthread_mutex_lock(&lock);
		while (count == 0)
			pthread_cond_wait(&work, &lock);
		struct req *r = queue[head];
		head = (head + 1) % cap;
		count--;
		pthread_mutex_unlock(&lock);
		steps->run(r);
		steps->done(r);
	}
	return NULL;
}

/* Starts threads workers with room for queued requests waiting; at
 * start, before the server takes requests. 0, or -1 when a thread cannot
 * start. */
int
offload_start(int threads, int queued, const struct offload_steps *s)
{
	steps = s;
	cap = queued;
	queue = calloc((size_t)cap, sizeof(*queue));
	if (!queue)
		return -1;
	for (int i = 0; i < threads; i++) {
		pthread_t t;
		if (pthread_create(&t, NULL, worker, NULL) != 0) {
			log_msg("offload: cannot start a worker");
			return -1;
		}
		pthread_detach(t);
	}
	return 0;
}

/* Queues r for a worker: queued(r) runs before any worker can take it,
 * then in a worker run(r) and done(r). 0, or -1 when the queue is full
 * and the caller must answer itself (503). */
int
offload(struct req *r)
{
	pthread_mutex_lock(&lock);
	if (count == cap) {
		pthread_mutex_unlock(&lock);
		return -1;
	}
	queue[(head + count) % cap] = r;
	count++;
	steps->queued(r);
	pthread_cond_signal(&work);
	pthread_mutex_unlock(&lock);
	return 0;
}
