/* pool.h - one call per index on a few threads, for libvirt round trips */
#ifndef VFIOTUI_POOL_H
#define VFIOTUI_POOL_H

#include <stddef.h>

/* 16 rather than 8: 300 node devices over a 20 ms round trip take 1.0 s
 * instead of 1.4 s (bench/remote-latency.sh).  A daemon serves at most
 * max_client_requests (5 by default) of one client's calls at once, but
 * the waiting is on the wire, so more in flight still gains. */
enum {
    POOL_JOBS_DEFAULT = 16,
    POOL_JOBS_MAX = 64,
};

/* The pool size: VFIOTUI_FETCH_JOBS if it is 1 to POOL_JOBS_MAX, else
 * POOL_JOBS_DEFAULT. */
size_t pool_jobs(void);

/* Calls @fn(@opaque, i) once for every i in [0, @n) on up to @jobs
 * threads, and returns when every call has.  With @jobs 1, or where a
 * thread cannot be started, the calls run on the calling thread.  @fn
 * may write only what belongs to index i, so that the result does not
 * depend on which call finished first. */
void pool_run(size_t n, size_t jobs, void (*fn)(void *opaque, size_t i), void *opaque);

#endif /* VFIOTUI_POOL_H */
