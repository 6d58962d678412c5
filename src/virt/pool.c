/* pool.c - one call per index on a few threads.  Every libvirt call to
 * a remote daemon is a round trip; libvirt's client is thread-safe and
 * carries concurrent calls on one connection, so over a slow link n
 * calls on j threads wait about n / j round trips instead of n. */
#include <config.h>

#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "sysval.h"

size_t
pool_jobs(void)
{
    const char *v = getenv("VFIOTUI_FETCH_JOBS");
    long j;

    if (!v || sysval_dec(v, 1, POOL_JOBS_MAX, &j) < 0)
        return POOL_JOBS_DEFAULT;
    return (size_t)j;
}

struct pool {
    void (*fn)(void *opaque, size_t i);
    void *opaque;
    size_t n;
    atomic_size_t next;         /* the next index nobody has taken */
};

static void *
pool_worker(void *arg)
{
    struct pool *p = arg;
    size_t i;

    while ((i = atomic_fetch_add(&p->next, 1)) < p->n)
        p->fn(p->opaque, i);
    return NULL;
}

void
pool_run(size_t n, size_t jobs, void (*fn)(void *opaque, size_t i), void *opaque)
{
    pthread_t tid[POOL_JOBS_MAX];
    struct pool p;
    size_t k, started = 0;

    p.fn = fn;
    p.opaque = opaque;
    p.n = n;
    atomic_init(&p.next, 0);
    if (jobs > POOL_JOBS_MAX)
        jobs = POOL_JOBS_MAX;
    if (jobs > n)
        jobs = n;
    /* this thread is one of the workers */
    while (started + 1 < jobs &&
           pthread_create(&tid[started], NULL, pool_worker, &p) == 0)
        started++;
    pool_worker(&p);
    for (k = 0; k < started; k++)
        pthread_join(tid[k], NULL);
}
