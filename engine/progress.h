/* SPDX-License-Identifier: MIT */
/*
 * Progress reports (sc_options.progress, SPEC §6): the stages call
 * sc_progress_begin() and sc_progress_end() from the thread that called
 * the library, and sc_progress_add() from any thread, worker or not. The
 * callback is called under a lock (calls never overlap) and only when
 * `done` grew, so it sees done never decreasing and never above total.
 * Without a callback every function is a cheap no-op.
 */
#ifndef SC_PROGRESS_H
#define SC_PROGRESS_H

#include <stddef.h>

#include <scorecard/options.h>

#include "internal.h"

/* Start stage `stage` of `total` units (reports done 0). */
void sc_progress_begin(const sc_dataset *ds, sc_stage stage, size_t total);

/* n more units done (thread-safe). A worker that finds another report
 * under way skips its own: the next one, or the end, includes it. */
void sc_progress_add(const sc_dataset *ds, size_t n);

/* The stage is complete: report done == total. */
void sc_progress_end(const sc_dataset *ds);

/* Attach opt's callback to ds (sc_dataset_load). */
void sc_progress_attach(sc_dataset *ds, const sc_options *opt);

#endif /* SC_PROGRESS_H */
