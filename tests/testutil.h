/* SPDX-License-Identifier: MIT */
/*
 * Helpers for the Check tests: temporary dataset directories written from
 * strings, loading them, and asserting a diagnostic's exact location.
 */
#ifndef SC_TESTUTIL_H
#define SC_TESTUTIL_H

#include <check.h>
#include <stddef.h>

#include <scorecard.h>

/* Tolerance for floating-point checks of loaded values. */
#define TU_EPS 1e-9

/* A new empty directory under $TMPDIR (or /tmp). Caller frees and removes. */
char *tu_tmpdir(void);
/* Write content to dir/name (creating it). Aborts the test on failure. */
void tu_write(const char *dir, const char *name, const char *content);
/* Remove a directory tree made by tu_tmpdir and free the string. */
void tu_cleanup(char *dir);

/* Result of loading a dataset. */
typedef struct tu_load {
    sc_status status;
    sc_dataset *ds;
    sc_diagnostics *diags;
} tu_load;

/* Load dir with the repository's catalog (indicators/). */
tu_load tu_load_dir(const char *dir);
/* The same with this many worker threads (sc_options.jobs). */
tu_load tu_load_dir_jobs(const char *dir, unsigned jobs);
/* The same, accepting files outside the dataset directory. */
tu_load tu_load_dir_outside(const char *dir);
void tu_load_free(tu_load *l);

/* Print every diagnostic to stderr (for failing tests). */
void tu_dump(const sc_diagnostics *d);

/* The first diagnostic with this code, or NULL. */
const sc_diag *tu_find(const sc_diagnostics *d, const char *code);
/* Number of stored diagnostics with this code. */
size_t tu_count(const sc_diagnostics *d, const char *code);

/* Assert that a diagnostic with this code exists at file (suffix),
 * line and column, with this severity, and a message containing sub. */
#define TU_ASSERT_DIAG(d, code, sev, file, line, col, sub)                   \
    tu_assert_diag((d), (code), (sev), (file), (line), (col), (sub),         \
                   __FILE__, __LINE__)
void tu_assert_diag(const sc_diagnostics *d, const char *code,
                    sc_severity sev, const char *file, unsigned long line,
                    unsigned long col, const char *sub, const char *where,
                    int at);

/* Find the index of the observation for (geo_id, subgroup, year) of
 * indicator 0..; aborts when absent. */
size_t tu_obs(const sc_dataset *ds, size_t indicator, const char *geo_id,
              const char *subgroup, int year);

/* Run a Check suite; returns the process exit status. */
int tu_run(Suite *s);

#endif /* SC_TESTUTIL_H */
