/* SPDX-License-Identifier: MIT */
/*
 * Fork-join over an index range with POSIX threads (see parallel.h).
 * Tasks are handed out one index at a time from an atomic counter, so a
 * slow task (a big file) does not hold back the others.
 */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "parallel.h"

/* More threads than this never helps the pipeline's few, coarse tasks. */
#define SC_MAX_JOBS 64u

typedef struct pool {
    sc_task_fn fn;
    void *ctx;
    size_t n;
    atomic_size_t next;
} pool;

static void *
worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&p->next, 1);
        if (i >= p->n)
            break;
        p->fn(p->ctx, i);
    }
    return NULL;
}

unsigned
sc_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        return 1;
    return n > (long)SC_MAX_JOBS ? SC_MAX_JOBS : (unsigned)n;
}

void
sc_parallel_for(unsigned jobs, size_t n, sc_task_fn fn, void *ctx)
{
    pool p = {fn, ctx, n, 0};
    if (jobs > SC_MAX_JOBS)
        jobs = SC_MAX_JOBS;
    if (jobs > n)
        jobs = (unsigned)n;
    pthread_t tid[SC_MAX_JOBS];
    unsigned started = 0;
    for (unsigned t = 1; t < jobs; t++) {
        if (pthread_create(&tid[started], NULL, worker, &p) != 0)
            break; /* the threads already running share the work */
        started++;
    }
    worker(&p);
    for (unsigned t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
}
