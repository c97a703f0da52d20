/* SPDX-License-Identifier: MIT */
/*
 * Streaming RFC 4180 reader over libcsv, with the physical line and byte
 * offset of every record, and a locator that finds the exact line and
 * column of any field on demand (only for the few fields that get a
 * diagnostic, so the hot path never counts columns).
 */
#ifndef SC_CSVFILE_H
#define SC_CSVFILE_H

#include <stddef.h>
#include <stdint.h>

#include <scorecard/diag.h>

#include "util.h"

/* Documented limits (README "Limits"). */
#define SC_MAX_FIELD_BYTES (64u * 1024u)
#define SC_MAX_COLUMNS 4096u
#define SC_MAX_RECORD_BYTES (4u * 1024u * 1024u)

/* Byte offsets of every SC_LINE_STRIDE-th physical line of a CSV file
 * (lines 1, 1 + stride, ...), so that a diagnostic found after loading can
 * find its record again without a per-row offset. */
#define SC_LINE_STRIDE 1024u
typedef struct sc_line_index {
    uint64_t *offsets;
    size_t count, cap;
} sc_line_index;

/* Byte offset where physical line `line` of path starts, found from the
 * file's line index (read while loading). 0 when it cannot be found. */
uint64_t sc_csv_line_offset(const char *path, const sc_line_index *idx,
                            unsigned long line);

/* One record, as handed to the callback. Valid only during the call. */
typedef struct sc_csv_rec {
    size_t nfields;
    const char *const *fields; /* NUL-terminated texts */
    const size_t *lens;
    unsigned long line;        /* physical line where the record starts */
    uint64_t offset;           /* byte offset of that line */
    size_t index;              /* 0 for the header row */
} sc_csv_rec;

typedef sc_status (*sc_csv_fn)(void *ctx, const sc_csv_rec *rec);

/* Where a file was named (e.g. a manifest "file" value), for open errors. */
typedef struct sc_csv_ref {
    const char *path;
    unsigned long line;
    unsigned long column;
} sc_csv_ref;

/*
 * Read path record by record. Malformed CSV (unterminated quote, a quote
 * inside an unquoted field, ragged rows), invalid UTF-8 and over-long
 * fields are reported to diags with their location; bad records are not
 * passed on. A file that cannot be opened is reported at ref (the place
 * that names it) when given.
 * Returns SC_OK (data errors, if any, are in diags), SC_ERR_DATA when the
 * file cannot be opened, SC_ERR_IO when reading fails midway,
 * SC_ERR_NOMEM, or the first non-OK status the callback returned.
 * When lines is not NULL, the offsets of every SC_LINE_STRIDE-th line are
 * appended to it.
 */
sc_status sc_csv_read(const char *path, const sc_csv_ref *ref,
                      sc_diagnostics *diags, sc_line_index *lines,
                      sc_csv_fn fn, void *ctx);

/*
 * Find field `field` (0-based) of the record starting at offset/line.
 * On success *oline and *ocol are where its text starts (1-based, UTF-8
 * characters) and text (when not NULL) receives up to 200 bytes of the
 * unquoted field. When the record has fewer fields, the position is the
 * end of the record and SC_ERR_INVALID_ARG is returned. field ==
 * SIZE_MAX asks for the last field that starts before the end of the
 * file (the unterminated one, for an unterminated quote).
 */
sc_status sc_csv_locate(const char *path, uint64_t offset,
                        unsigned long line, size_t field,
                        unsigned long *oline, unsigned long *ocol,
                        sc_buf *text);

/* Quote text for a message: at most 60 characters, then "...". */
const char *sc_csv_shorten(sc_buf *out, const char *s, size_t n);

#endif /* SC_CSVFILE_H */
