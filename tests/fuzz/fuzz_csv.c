/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the internal CSV reader (engine/csvfile.c).
 *
 * The input is written to one per-process file, then read with
 * sc_csv_read(); the callback reads every byte of every field, checks the
 * documented record invariants and calls sc_csv_locate() on a few fields
 * of each record. Diagnostics go to a fresh sc_diagnostics list, freed
 * after each input. A record whose field is exactly "#stop" makes the
 * callback fail, to exercise the early-stop path.
 *
 * Oracles (abort = reported as a crash, see FZ_CHECK):
 *   - every field is NUL-terminated at lens[i] (csvfile.h: "NUL-terminated
 *     texts");
 *   - rec->offset is the byte offset of line rec->line: offset <= size,
 *     data[offset-1] == '\n' (or offset 3 after a UTF-8 BOM, which is not
 *     part of line 1), and data[0..offset) holds line-1 newlines;
 *   - record indexes strictly increase, lines never go back;
 *   - sc_csv_locate() reports a line no earlier than the record's line,
 *     finds every field the record has, and the text it extracts is the
 *     field's text (for fields under 190 bytes without blanks at either
 *     end; see FZ_CHECK_BARE_CR below for the one known exception).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

#include "csvfile.h"
#include "internal.h"

/* Known engine issue (reported with the fuzzing results, not fixed here):
 * after a bare CR (a '\r' not followed by '\n') on any line but the first,
 * libcsv ends a record at the CR while sc_csv_read keeps the record
 * position of the line's start, so sc_csv_locate() -- and every
 * diagnostic of that record -- points at the wrong field, e.g.
 * "geo_id,year,value\n\r06001,2019,x\n" reports 'x' at 2:1, not 2:13.
 * Until it is fixed, the sc_csv_locate oracles skip inputs with a bare CR
 * (everything else still runs on them); build with
 * EXTRA_CFLAGS=-DFZ_CHECK_BARE_CR=1 to check them too. */
#ifndef FZ_CHECK_BARE_CR
#define FZ_CHECK_BARE_CR 0
#endif

typedef struct fz_ctx {
    const char *path;
    const uint8_t *data;
    size_t size;
    size_t nrec;
    size_t last_index;
    unsigned long last_line;
    size_t locates;
    sc_buf text;
    size_t nl_pos, nl_count; /* newlines in data[0..nl_pos) */
    int check_located;       /* check what sc_csv_locate finds */
} fz_ctx;

/* Newlines in data[0..n), counted incrementally (offsets mostly grow). */
static size_t
count_newlines(fz_ctx *c, size_t n)
{
    if (n < c->nl_pos) {
        c->nl_pos = 0;
        c->nl_count = 0;
    }
    for (; c->nl_pos < n; c->nl_pos++)
        c->nl_count += c->data[c->nl_pos] == '\n';
    return c->nl_count;
}

static int
is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

static void
locate(fz_ctx *c, const sc_csv_rec *rec, size_t field, int want_text)
{
    unsigned long line = 0, col = 0;
    sc_status st = sc_csv_locate(c->path, rec->offset, rec->line, field,
                                 &line, &col, want_text ? &c->text : NULL);
    c->locates++;
    FZ_CHECK(st == SC_OK || st == SC_ERR_INVALID_ARG,
             "sc_csv_locate(field %zu) returned %s", field,
             sc_status_name(st));
    /* an existing field is found, and its text is the field's text (when
     * short, and with no blank at either end, which libcsv keeps inside
     * quotes but the locator trims) */
    if (field < rec->nfields && c->check_located) {
        FZ_CHECK(st == SC_OK,
                 "sc_csv_locate(field %zu of %zu) of the record at line %lu "
                 "returned %s",
                 field, rec->nfields, rec->line, sc_status_name(st));
        const char *f = rec->fields[field];
        size_t n = rec->lens[field];
        if (want_text && n < 190 &&
            (n == 0 || (!is_blank(f[0]) && !is_blank(f[n - 1])))) {
            size_t tl = c->text.data ? c->text.len : 0;
            FZ_CHECK(tl == n && (n == 0 || memcmp(c->text.data, f, n) == 0),
                     "sc_csv_locate(field %zu) of the record at line %lu "
                     "(offset %llu) finds text '%.*s' at %lu:%lu, but the "
                     "field is '%.*s'",
                     field, rec->line, (unsigned long long)rec->offset,
                     (int)tl, tl ? c->text.data : "", line, col, (int)n, f);
        }
    }
    FZ_CHECK(line >= rec->line,
             "sc_csv_locate(field %zu) of the record at line %lu says line "
             "%lu",
             field, rec->line, line);
    FZ_CHECK(col >= 1, "sc_csv_locate(field %zu) gave column 0", field);
    if (want_text && c->text.data)
        fz_sink += strlen(c->text.data);
}

static sc_status
on_record(void *ctx, const sc_csv_rec *rec)
{
    fz_ctx *c = ctx;
    /* touch every byte of every field */
    size_t sum = 0;
    int stop = 0;
    FZ_CHECK(rec->nfields >= 1 && rec->nfields <= SC_MAX_COLUMNS,
             "record with %zu fields", rec->nfields);
    for (size_t i = 0; i < rec->nfields; i++) {
        const char *f = rec->fields[i];
        size_t n = rec->lens[i];
        FZ_CHECK(n <= SC_MAX_FIELD_BYTES, "field of %zu bytes delivered", n);
        for (size_t k = 0; k < n; k++)
            sum += (unsigned char)f[k];
        FZ_CHECK(f[n] == '\0', "field %zu of record %zu is not "
                               "NUL-terminated at its length %zu",
                 i, rec->index, n);
        if (n == 5 && memcmp(f, "#stop", 5) == 0)
            stop = 1;
    }
    fz_sink += sum;

    /* position invariants */
    FZ_CHECK(c->nrec == 0 || rec->index > c->last_index,
             "record index %zu after %zu", rec->index, c->last_index);
    FZ_CHECK(rec->line >= 1, "record at line 0");
    FZ_CHECK(rec->line >= c->last_line, "record at line %lu after line %lu",
             rec->line, c->last_line);
    FZ_CHECK(rec->offset <= c->size, "record offset %llu past the end (%zu)",
             (unsigned long long)rec->offset, c->size);
    /* a UTF-8 BOM is not part of line 1, which then starts at byte 3 */
    int bom = c->size >= 3 && memcmp(c->data, "\xEF\xBB\xBF", 3) == 0;
    FZ_CHECK(rec->offset == 0 || c->data[rec->offset - 1] == '\n' ||
                 (bom && rec->offset == 3),
             "record offset %llu is not the start of a line",
             (unsigned long long)rec->offset);
    size_t nl = count_newlines(c, (size_t)rec->offset);
    FZ_CHECK(nl + 1 == rec->line,
             "record offset %llu is on line %zu, but rec->line is %lu",
             (unsigned long long)rec->offset, nl + 1, rec->line);
    c->nrec++;
    c->last_index = rec->index;
    c->last_line = rec->line;

    /* a few fields of each record: the first, the last (with its text),
     * one past the end, and the SIZE_MAX mode */
    locate(c, rec, 0, 1);
    if (rec->nfields > 1)
        locate(c, rec, rec->nfields - 1, 1);
    locate(c, rec, rec->nfields, 0);
    if (rec->index < 4)
        locate(c, rec, SIZE_MAX, 0);
    return stop ? SC_ERR_INVALID_ARG : SC_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char *path;
    if (!path)
        path = fz_path(fz_dir("csv"), "input.csv");
    fz_write_path(path, data, size);

    /* a cap of 3 per severity for odd sizes, to run the "not wanted"
     * paths (no locate) as well; unlimited otherwise */
    sc_diagnostics *d = sc_diagnostics_new(size & 1 ? 3 : 0);
    if (!d)
        FZ_DIE("out of memory");
    int bare_cr = 0;
    for (size_t i = 0; i < size && !bare_cr; i++)
        bare_cr = data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n');
    fz_ctx c = {path, data, size, 0, 0, 0, 0, {0}, 0, 0,
                FZ_CHECK_BARE_CR || !bare_cr};
    sc_csv_ref ref = {"scorecard.json", 7, 3};
    sc_status st = sc_csv_read(path, size & 2 ? &ref : NULL, d, NULL, on_record,
                               &c);
    FZ_CHECK(st == SC_OK || st == SC_ERR_INVALID_ARG,
             "sc_csv_read on a readable file returned %s",
             sc_status_name(st));
    fz_sink += fz_touch_diags(d);
    sc_buf_free(&c.text);
    sc_diagnostics_free(d);
    return 0;
}
