/* SPDX-License-Identifier: MIT */
/*
 * Writing output files: atomically (a temporary file in the target
 * directory, renamed into place), with numbers formatted exactly and
 * independently of the locale (SPEC §3.9.3, §5.1).
 */
#ifndef SC_OUTPUT_H
#define SC_OUTPUT_H

#include <stdio.h>
#include <string.h>

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

/* The emitters' writer: text is formatted straight into one big buffer
 * that goes to the file in large blocks (no per-call stdio work, and
 * stdio passes blocks this large through without copying them again).
 * Write errors surface at sc_out_commit (ferror). */
#define SC_WBUF_SIZE (1u << 20)
typedef struct sc_wbuf {
    FILE *f;
    size_t len;
    char p[SC_WBUF_SIZE];
} sc_wbuf;

/* A writer for f; NULL when out of memory. Free with sc_wbuf_close,
 * which flushes. */
sc_wbuf *sc_wbuf_open(FILE *f);
void sc_wbuf_close(sc_wbuf *b);
void sc_wbuf_flush(sc_wbuf *b);

/* Room for n <= SC_WBUF_SIZE bytes at the end of the buffer. */
static inline char *
sc_wbuf_room(sc_wbuf *b, size_t n)
{
    if (SC_WBUF_SIZE - b->len < n)
        sc_wbuf_flush(b);
    return b->p + b->len;
}

static inline void
sc_wputc(sc_wbuf *b, char c)
{
    if (b->len == SC_WBUF_SIZE)
        sc_wbuf_flush(b);
    b->p[b->len++] = c;
}

static inline void
sc_wwrite(sc_wbuf *b, const char *s, size_t n)
{
    if (SC_WBUF_SIZE - b->len < n) {
        sc_wbuf_flush(b);
        if (n >= SC_WBUF_SIZE) {
            fwrite_unlocked(s, 1, n, b->f);
            return;
        }
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static inline void
sc_wputs(sc_wbuf *b, const char *s)
{
    sc_wwrite(b, s, strlen(s));
}

/* x as sc_fmt_number writes it. */
void sc_wnumber(sc_wbuf *b, double x);
/* v in decimal (no locale, no stdio formatting). */
void sc_wlong(sc_wbuf *b, long v);
/* s as a JSON string (quotes and escapes; UTF-8 kept as is). for_html
 * also writes <, > and & as \u003c, \u003e, \u0026: the same JSON value,
 * safe inside an HTML <script> block ("</script>" cannot end it). */
void sc_wjson_string_x(sc_wbuf *b, const char *s, int for_html);
#define sc_wjson_string(b, s) sc_wjson_string_x((b), (s), 0)

#endif /* SC_OUTPUT_H */
