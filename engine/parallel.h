/* SPDX-License-Identifier: MIT */
/*
 * A tiny fork-join helper: run fn(ctx, i) for every i in [0, n) on up to
 * `jobs` threads (the calling thread is one of them). Each call must write
 * only its own slot i, so results never depend on the number of threads
 * or on scheduling.
 */
#ifndef SC_PARALLEL_H
#define SC_PARALLEL_H

#include <stddef.h>

typedef void (*sc_task_fn)(void *ctx, size_t i);

/* Run the tasks; never fails (when a thread cannot be started, the
 * remaining threads, at least the caller, take its share). */
void sc_parallel_for(unsigned jobs, size_t n, sc_task_fn fn, void *ctx);

/* Worker threads to use for sc_options.jobs == 0: the online CPUs. */
unsigned sc_default_jobs(void);

#endif /* SC_PARALLEL_H */
