/* SPDX-License-Identifier: MIT */
/*
 * Writing output files: atomically (a temporary file in the target
 * directory, renamed into place), with numbers formatted exactly and
 * independently of the locale (SPEC §3.9.3, §5.1).
 */
#ifndef SC_OUTPUT_H
#define SC_OUTPUT_H

#include <stdio.h>

#include <scorecard/diag.h>

typedef struct sc_outfile {
    FILE *f;
    char *path;   /* final path */
    char *tmp;    /* temporary path in the same directory */
} sc_outfile;

/* Remove "<path>.tmp-*" files left by an interrupted run. Cannot fail. */
void sc_out_clean_stale(const char *path);

/* Create a temporary file beside path (after removing stale ones). Reports to diags on failure. */
sc_status sc_out_open(sc_outfile *o, const char *path, sc_diagnostics *diags);
/* Flush, sync and rename into place; on any failure remove the temporary
 * file, leave path untouched, report, and return SC_ERR_IO. */
sc_status sc_out_commit(sc_outfile *o, sc_diagnostics *diags);
/* Remove the temporary file (after an error). Cannot fail. */
void sc_out_abort(sc_outfile *o);

/* Format x rounded to 6 decimals, half away from zero, "-0" as "0", no
 * trailing zeros ("97.7", "2049", "-0.000001"). buf holds 40 bytes.
 * Returns the length; x must be finite. */
size_t sc_fmt_number(char *buf, double x);

/* Write v in decimal (no locale, no stdio formatting). Output files are
 * written by one thread each, so the emitters use the _unlocked stdio
 * calls. */
void sc_put_long(FILE *f, long v);

/* Write s as a JSON string (quotes and escapes; UTF-8 kept as is). */
void sc_json_string(FILE *f, const char *s);

#endif /* SC_OUTPUT_H */
