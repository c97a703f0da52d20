/* SPDX-License-Identifier: MIT */
/*
 * Printing diagnostics: plain text (file:line:column: severity: message),
 * JSON, and GitHub Actions workflow commands; the progress line; numbers
 * with thousands separators.
 */
#ifndef SC_CLI_REPORT_H
#define SC_CLI_REPORT_H

#include <stdio.h>

#include <scorecard.h>

#include "options.h"

/* Print every stored diagnostic and a summary; never fails. */
void report_diagnostics(FILE *out, const sc_diagnostics *diags,
                        cli_format format, const char *dataset, int quiet,
                        int strict);

/* n with a comma every three digits ("1,402"), whatever the locale. */
const char *group_digits(char *buf, size_t size, long n);

/*
 * The progress line (SPEC §6): one line on a terminal, redrawn in place
 * ("\r", the text, erase to the end of the line) at most ten times a
 * second by a small thread, so the elapsed time moves even while a stage
 * sends no report; erased when the work is done. Every function accepts
 * NULL (no progress line) and does nothing then.
 */
typedef struct cli_progress cli_progress;

/* A progress line on out, timed from now; NULL when out of memory. */
cli_progress *progress_new(FILE *out);

/* The sc_options.progress callback; ctx is the cli_progress. */
void progress_update(void *ctx, const sc_progress *p);

/* Show a stage the library does not report, with no count. */
void progress_stage(cli_progress *pr, sc_stage stage);

/* Erase the line and draw nothing until progress_release(): call around
 * anything else printed to the terminal. */
void progress_hold(cli_progress *pr);
void progress_release(cli_progress *pr);

/* Erase the line for good and stop the thread; free. */
void progress_free(cli_progress *pr);

#endif /* SC_CLI_REPORT_H */
