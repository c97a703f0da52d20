/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of engine/csvfile.c: sc_csv_read (records, their physical
 * lines and byte offsets, and the syntax diagnostics with their exact
 * locations) and sc_csv_locate (line and column of any field, counted in
 * UTF-8 characters). SPEC §2.3 and §4.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvfile.h"
#include "internal.h"
#include "testutil.h"

/* ------------------------------------------------------------ helpers */

#define MAX_RECS 32

/* A copy of one record handed to the callback. */
typedef struct rec_copy {
    size_t nfields;
    char **fields;
    size_t *lens;
    unsigned long line;
    uint64_t offset;
    size_t index;
} rec_copy;

typedef struct collect {
    rec_copy recs[MAX_RECS];
    size_t n;
} collect;

/* The callback: copy every field (they are only valid during the call). */
static sc_status
on_rec(void *ctx, const sc_csv_rec *rec)
{
    collect *c = ctx;
    ck_assert_uint_lt(c->n, MAX_RECS);
    rec_copy *r = &c->recs[c->n++];
    r->nfields = rec->nfields;
    r->fields = calloc(rec->nfields ? rec->nfields : 1, sizeof *r->fields);
    r->lens = calloc(rec->nfields ? rec->nfields : 1, sizeof *r->lens);
    ck_assert_ptr_nonnull(r->fields);
    ck_assert_ptr_nonnull(r->lens);
    for (size_t i = 0; i < rec->nfields; i++) {
        r->fields[i] = malloc(rec->lens[i] + 1);
        ck_assert_ptr_nonnull(r->fields[i]);
        memcpy(r->fields[i], rec->fields[i], rec->lens[i]);
        r->fields[i][rec->lens[i]] = '\0';
        r->lens[i] = rec->lens[i];
    }
    r->line = rec->line;
    r->offset = rec->offset;
    r->index = rec->index;
    return SC_OK;
}

static void
collect_free(collect *c)
{
    for (size_t k = 0; k < c->n; k++) {
        for (size_t i = 0; i < c->recs[k].nfields; i++)
            free(c->recs[k].fields[i]);
        free(c->recs[k].fields);
        free(c->recs[k].lens);
    }
    c->n = 0;
}

/* A CSV file with this content in a new temporary directory. */
typedef struct fixture {
    char *dir;
    char *path;
    collect c;
    sc_diagnostics *d;
    sc_status st;
} fixture;

/* Write content to DIR/data.csv and read it with sc_csv_read. */
static void
fx_read(fixture *f, const char *content)
{
    memset(f, 0, sizeof *f);
    f->dir = tu_tmpdir();
    tu_write(f->dir, "data.csv", content);
    ck_assert_int_ge(asprintf(&f->path, "%s/data.csv", f->dir), 0);
    f->d = sc_diagnostics_new(0);
    ck_assert_ptr_nonnull(f->d);
    f->st = sc_csv_read(f->path, NULL, f->d, NULL, on_rec, &f->c);
}

static void
fx_free(fixture *f)
{
    collect_free(&f->c);
    sc_diagnostics_free(f->d);
    free(f->path);
    tu_cleanup(f->dir);
    memset(f, 0, sizeof *f);
}

/* Assert that the read succeeded without any diagnostic. */
static void
fx_assert_clean(const fixture *f)
{
    if (sc_diagnostics_count(f->d) != 0)
        tu_dump(f->d);
    ck_assert_int_eq(f->st, SC_OK);
    ck_assert_uint_eq(sc_diagnostics_count(f->d), 0);
}

/* Assert that a diagnostic with this code exists on this line (the
 * column is not checked). */
static void
assert_diag_line(const sc_diagnostics *d, const char *code,
                 unsigned long line)
{
    for (size_t i = 0; i < sc_diagnostics_count(d); i++) {
        const sc_diag *g = sc_diagnostics_get(d, i);
        if (strcmp(g->code, code) == 0 && g->line == line &&
            g->severity == SC_SEV_ERROR)
            return;
    }
    tu_dump(d);
    ck_abort_msg("no %s error on line %lu", code, line);
}

/* Locate field `field` of collected record k; returns the status. */
static sc_status
fx_locate(const fixture *f, size_t k, size_t field, unsigned long *line,
          unsigned long *col, sc_buf *text)
{
    ck_assert_uint_lt(k, f->c.n);
    return sc_csv_locate(f->path, f->c.recs[k].offset, f->c.recs[k].line,
                         field, line, col, text);
}

/* ------------------------------------------------------------- records */

START_TEST(sc_csv_read_plain_records)
{
    static const char l1[] = "geo_id,year,value\n";
    static const char l2[] = "06001,2020,42.5\n";
    static const char l3[] = "06003,2021,17\n";
    char content[128];
    snprintf(content, sizeof content, "%s%s%s", l1, l2, l3);
    fixture f;
    fx_read(&f, content);
    fx_assert_clean(&f);
    ck_assert_uint_eq(f.c.n, 3);

    ck_assert_uint_eq(f.c.recs[0].index, 0);
    ck_assert_uint_eq(f.c.recs[0].line, 1);
    ck_assert_uint_eq(f.c.recs[0].offset, 0);
    ck_assert_uint_eq(f.c.recs[0].nfields, 3);
    ck_assert_str_eq(f.c.recs[0].fields[0], "geo_id");
    ck_assert_str_eq(f.c.recs[0].fields[2], "value");

    ck_assert_uint_eq(f.c.recs[1].index, 1);
    ck_assert_uint_eq(f.c.recs[1].line, 2);
    /* the second line starts after "geo_id,year,value\n": 18 bytes */
    ck_assert_uint_eq(f.c.recs[1].offset, 18);
    ck_assert_uint_eq(f.c.recs[1].offset, strlen(l1));
    ck_assert_str_eq(f.c.recs[1].fields[0], "06001");
    ck_assert_str_eq(f.c.recs[1].fields[1], "2020");
    ck_assert_str_eq(f.c.recs[1].fields[2], "42.5");
    ck_assert_uint_eq(f.c.recs[1].lens[2], 4);

    ck_assert_uint_eq(f.c.recs[2].index, 2);
    ck_assert_uint_eq(f.c.recs[2].line, 3);
    /* 18 + "06001,2020,42.5\n" (16 bytes) = 34 */
    ck_assert_uint_eq(f.c.recs[2].offset, 34);
    ck_assert_str_eq(f.c.recs[2].fields[2], "17");
    fx_free(&f);
}
END_TEST

START_TEST(sc_csv_read_bom_skipped)
{
    fixture f;
    fx_read(&f, "\xEF\xBB\xBFgeo_id,year\n06001,2020\n");
    fx_assert_clean(&f);
    ck_assert_uint_eq(f.c.n, 2);
    /* the BOM is not part of the first header field */
    ck_assert_uint_eq(f.c.recs[0].lens[0], 6);
    ck_assert_str_eq(f.c.recs[0].fields[0], "geo_id");
    ck_assert_uint_eq(f.c.recs[0].line, 1);
    ck_assert_uint_eq(f.c.recs[1].line, 2);
    ck_assert_str_eq(f.c.recs[1].fields[0], "06001");

    /* the BOM is not a character: field 0 of line 1 is at column 1, and
     * field 1 ("year") at column 8 after "geo_id," (7 characters) */
    unsigned long line = 0, col = 0;
    ck_assert_int_eq(fx_locate(&f, 0, 0, &line, &col, NULL), SC_OK);
    ck_assert_uint_eq(line, 1);
    ck_assert_uint_eq(col, 1);
    ck_assert_int_eq(fx_locate(&f, 0, 1, &line, &col, NULL), SC_OK);
    ck_assert_uint_eq(line, 1);
    ck_assert_uint_eq(col, 8);
    fx_free(&f);
}
END_TEST

START_TEST(sc_csv_read_crlf_line_endings)
{
    fixture f;
    fx_read(&f, "a,b\r\n1,2\r\n3,4\r\n");
    fx_assert_clean(&f);
    ck_assert_uint_eq(f.c.n, 3);
    /* no field carries the \r */
    ck_assert_str_eq(f.c.recs[0].fields[1], "b");
    ck_assert_str_eq(f.c.recs[1].fields[1], "2");
    ck_assert_str_eq(f.c.recs[2].fields[1], "4");
    ck_assert_uint_eq(f.c.recs[2].lens[1], 1);
    ck_assert_uint_eq(f.c.recs[0].line, 1);
    ck_assert_uint_eq(f.c.recs[1].line, 2);
    ck_assert_uint_eq(f.c.recs[2].line, 3);
    /* "a,b\r\n" is 5 bytes, "1,2\r\n" 5 more */
    ck_assert_uint_eq(f.c.recs[1].offset, 5);
    ck_assert_uint_eq(f.c.recs[2].offset, 10);

    unsigned long line = 0, col = 0;
    ck_assert_int_eq(fx_locate(&f, 2, 1, &line, &col, NULL), SC_OK);
    ck_assert_uint_eq(line, 3);
    ck_assert_uint_eq(col, 3);
    fx_free(&f);
}
END_TEST

START_TEST(sc_csv_read_quoted_fields)
{
    static const char content[] =
        "id,text,n\n"              /* line 1 */
        "1,\"a, b\",x\n"           /* line 2: embedded comma */
        "2,\"say \"\"hi\"\"\",y\n" /* line 3: doubled quotes */
        "3,\"two\nlines\",z\n"     /* lines 4-5: embedded newline */
        "4,after,w\n";             /* line 6 */
    fixture f;
    fx_read(&f, content);
    fx_assert_clean(&f);
    ck_assert_uint_eq(f.c.n, 5);
    ck_assert_uint_eq(f.c.recs[1].nfields, 3);
    ck_assert_str_eq(f.c.recs[1].fields[1], "a, b");
    ck_assert_str_eq(f.c.recs[1].fields[2], "x");
    ck_assert_uint_eq(f.c.recs[1].line, 2);
    ck_assert_str_eq(f.c.recs[2].fields[1], "say \"hi\"");
    ck_assert_uint_eq(f.c.recs[2].line, 3);
    ck_assert_str_eq(f.c.recs[3].fields[1], "two\nlines");
    ck_assert_str_eq(f.c.recs[3].fields[2], "z");
    ck_assert_uint_eq(f.c.recs[3].line, 4);
    /* the record after the two-line field starts on physical line 6 */
    ck_assert_uint_eq(f.c.recs[4].line, 6);
    ck_assert_str_eq(f.c.recs[4].fields[1], "after");
    /* and its offset is the byte where "4,after" begins */
    ck_assert_uint_eq(f.c.recs[4].offset,
                      (uint64_t)(strstr(content, "4,after") - content));
    fx_free(&f);
}
END_TEST

START_TEST(sc_csv_read_blank_lines_skipped)
{
    fixture f;
    /* line 1 header, 2 empty, 3 record, 4 CRLF-only, 5 empty, 6 record */
    fx_read(&f, "a,b\n\n1,2\n\r\n\n3,4\n");
    fx_assert_clean(&f);
    ck_assert_uint_eq(f.c.n, 3);
    ck_assert_uint_eq(f.c.recs[0].line, 1);
    ck_assert_uint_eq(f.c.recs[1].line, 3);
    ck_assert_uint_eq(f.c.recs[1].index, 1);
    ck_assert_str_eq(f.c.recs[1].fields[0], "1");
    ck_assert_uint_eq(f.c.recs[2].line, 6);
    ck_assert_uint_eq(f.c.recs[2].index, 2);
    ck_assert_str_eq(f.c.recs[2].fields[1], "4");
    /* "a,b\n" 4 + "\n" 1 + "1,2\n" 4 + "\r\n" 2 + "\n" 1 = 12 */
    ck_assert_uint_eq(f.c.recs[2].offset, 12);

    /* the located column of the later record is right too */
    unsigned long line = 0, col = 0;
    ck_assert_int_eq(fx_locate(&f, 2, 1, &line, &col, NULL), SC_OK);
    ck_assert_uint_eq(line, 6);
    ck_assert_uint_eq(col, 3);
    fx_free(&f);
}
END_TEST

START_TEST(sc_csv_read_whitespace_line_skipped)
{
    fixture f;
    /* line 1 header, 2 record, 3 spaces only (a blank line: skipped),
     * 4 record. The record after it must still report line 4 and the
     * offset of line 4, so that its fields can be located. */
    fx_read(&f, "a,b\n1,2\n   \n3,4\n");
    fx_assert_clean(&f);
    ck_assert_uint_eq(f.c.n, 3);
    ck_assert_uint_eq(f.c.recs[1].line, 2);
    ck_assert_str_eq(f.c.recs[2].fields[0], "3");
    ck_assert_uint_eq(f.c.recs[2].line, 4);
    /* "a,b\n" 4 + "1,2\n" 4 + "   \n" 4 = 12 */
    ck_assert_uint_eq(f.c.recs[2].offset, 12);
    unsigned long line = 0, col = 0;
    ck_assert_int_eq(fx_locate(&f, 2, 1, &line, &col, NULL), SC_OK);
    ck_assert_uint_eq(line, 4);
    ck_assert_uint_eq(col, 3);
    fx_free(&f);
}
END_TEST

START_TEST(sc_csv_read_last_record_without_newline)
{
    fixture f;
    fx_read(&f, "a,b\n1,2\n3,\"x\"\"y\"");
    fx_assert_clean(&f);
    ck_assert_uint_eq(f.c.n, 3);
    ck_assert_uint_eq(f.c.recs[2].line, 3);
    ck_assert_uint_eq(f.c.recs[2].nfields, 2);
    ck_assert_str_eq(f.c.recs[2].fields[0], "3");
    ck_assert_str_eq(f.c.recs[2].fields[1], "x\"y");
    fx_free(&f);

    fx_read(&f, "a,b\n1,2");
    fx_assert_clean(&f);
    ck_assert_uint_eq(f.c.n, 2);
    ck_assert_uint_eq(f.c.recs[1].line, 2);
    ck_assert_str_eq(f.c.recs[1].fields[1], "2");
    fx_free(&f);
}
END_TEST

/* --------------------------------------------------------- diagnostics */

START_TEST(sc_csv_read_ragged_row)
{
    fixture f;
    fx_read(&f, "a,b,c\n"     /* line 1 */
                "1,2,3\n"     /* line 2 */
                "4,5,6,7\n"   /* line 3: one field too many */
                "8,9\n"       /* line 4: one field short */
                "10,11,12\n"); /* line 5 */
    ck_assert_int_eq(f.st, SC_OK);
    ck_assert_uint_eq(tu_count(f.d, "ragged-row"), 2);
    /* the extra field "7" starts after "4,5,6," (6 characters) */
    TU_ASSERT_DIAG(f.d, "ragged-row", SC_SEV_ERROR, "data.csv", 3, 7,
                   "expected 3");
    assert_diag_line(f.d, "ragged-row", 4);
    /* bad rows are not passed on; the reader goes on after them */
    ck_assert_uint_eq(f.c.n, 3);
    ck_assert_str_eq(f.c.recs[1].fields[0], "1");
    ck_assert_str_eq(f.c.recs[2].fields[0], "10");
    ck_assert_uint_eq(f.c.recs[2].line, 5);
    fx_free(&f);
}
END_TEST

START_TEST(sc_csv_read_unterminated_quote)
{
    fixture f;
    fx_read(&f, "a,b\n"          /* line 1 */
                "1,2\n"          /* line 2 */
                "3,\"open\n"     /* line 3: the quote at column 3 */
                "4,5\n");        /* line 4 (swallowed by the quote) */
    ck_assert_uint_eq(tu_count(f.d, "malformed-csv"), 1);
    TU_ASSERT_DIAG(f.d, "malformed-csv", SC_SEV_ERROR, "data.csv", 3, 3,
                   "unterminated");
    ck_assert_uint_eq(f.c.n, 2);
    fx_free(&f);

    /* columns count characters: "Doña," is 5 characters, 6 bytes */
    fx_read(&f, "name,b\nDoña,\"open\n");
    TU_ASSERT_DIAG(f.d, "malformed-csv", SC_SEV_ERROR, "data.csv", 2, 6,
                   "unterminated");
    fx_free(&f);
}
END_TEST

START_TEST(sc_csv_read_quote_in_unquoted_field)
{
    fixture f;
    fx_read(&f, "a,b\n1,ab\"c\n");
    ck_assert_uint_eq(tu_count(f.d, "malformed-csv"), 1);
    /* line 2: `1,ab"c` -- the offending field starts at column 3 */
    TU_ASSERT_DIAG(f.d, "malformed-csv", SC_SEV_ERROR, "data.csv", 2, 3,
                   "a quote inside an unquoted field");
    /* the record with the stray quote is not passed on */
    ck_assert_uint_eq(f.c.n, 1);
    fx_free(&f);
}
END_TEST

START_TEST(sc_csv_read_invalid_utf8)
{
    fixture f;
    fx_read(&f, "a,b\n"           /* line 1 */
                "1,x\xFFy\n"      /* line 2: 0xFF is never UTF-8 */
                "2,3\n");         /* line 3 */
    ck_assert_int_eq(f.st, SC_OK);
    ck_assert_uint_eq(tu_count(f.d, "invalid-utf8"), 1);
    TU_ASSERT_DIAG(f.d, "invalid-utf8", SC_SEV_ERROR, "data.csv", 2, 3,
                   "0xFF");
    /* the bad record is dropped; the next one keeps its line */
    ck_assert_uint_eq(f.c.n, 2);
    ck_assert_str_eq(f.c.recs[1].fields[0], "2");
    ck_assert_uint_eq(f.c.recs[1].line, 3);
    fx_free(&f);

    /* Latin-1 "été" after a valid multi-byte field: "Doña," is 5
     * characters, so the bad field starts at column 6 */
    fx_read(&f, "a,b\nDoña,\xE9t\xE9\n");
    TU_ASSERT_DIAG(f.d, "invalid-utf8", SC_SEV_ERROR, "data.csv", 2, 6,
                   "UTF-8");
    fx_free(&f);
}
END_TEST

START_TEST(sc_csv_read_missing_file)
{
    char *dir = tu_tmpdir();
    char *path = NULL;
    ck_assert_int_ge(asprintf(&path, "%s/nope.csv", dir), 0);
    collect c;
    memset(&c, 0, sizeof c);
    sc_diagnostics *d = sc_diagnostics_new(0);
    ck_assert_ptr_nonnull(d);

    /* reported where the manifest names the file */
    sc_csv_ref ref = {"manifest.json", 4, 12};
    ck_assert_int_eq(sc_csv_read(path, &ref, d, NULL, on_rec, &c), SC_ERR_DATA);
    TU_ASSERT_DIAG(d, "unreadable-file", SC_SEV_ERROR, "manifest.json", 4,
                   12, "nope.csv");
    ck_assert_uint_eq(c.n, 0);

    /* without a reference: at the file itself, no line */
    ck_assert_int_eq(sc_csv_read(path, NULL, d, NULL, on_rec, &c), SC_ERR_DATA);
    TU_ASSERT_DIAG(d, "unreadable-file", SC_SEV_ERROR, "nope.csv", 0, 0,
                   "nope.csv");
    ck_assert_uint_eq(tu_count(d, "unreadable-file"), 2);
    ck_assert_uint_eq(c.n, 0);

    sc_diagnostics_free(d);
    free(path);
    tu_cleanup(dir);
}
END_TEST

/* -------------------------------------------------------------- locate */

START_TEST(sc_csv_locate_multibyte_columns)
{
    fixture f;
    fx_read(&f, "geo_id,name,year,value\n"
                "06035,Doña Ana,2020,55.5\n"
                "06013,\"Señor \"\"X\"\", Co\",2021,7\n");
    fx_assert_clean(&f);
    ck_assert_uint_eq(f.c.n, 3);
    sc_buf text = {0};
    unsigned long line = 0, col = 0;

    /* "06035," is 6 characters, "Doña Ana," 9 (ñ is one character),
     * "2020," 5: field 3 starts at 6 + 9 + 5 + 1 = 21 */
    ck_assert_int_eq(fx_locate(&f, 1, 3, &line, &col, &text), SC_OK);
    ck_assert_uint_eq(line, 2);
    ck_assert_uint_eq(col, 21);
    ck_assert_str_eq(text.data, "55.5");
    ck_assert_int_eq(fx_locate(&f, 1, 1, &line, &col, &text), SC_OK);
    ck_assert_uint_eq(col, 7);
    ck_assert_str_eq(text.data, "Doña Ana");
    ck_assert_int_eq(fx_locate(&f, 1, 2, &line, &col, NULL), SC_OK);
    ck_assert_uint_eq(col, 16);

    /* quoted field "Señor ""X"", Co" is 17 characters with its quotes:
     * " + Señor(5) + space + ""(2) + X + ""(2) + , + space + Co(2) + "
     * so field 2 starts at 7 + 17 + 1 = 25 and field 3 at 25 + 5 = 30 */
    ck_assert_int_eq(fx_locate(&f, 2, 1, &line, &col, &text), SC_OK);
    ck_assert_uint_eq(line, 3);
    ck_assert_uint_eq(col, 7);
    ck_assert_str_eq(text.data, "Señor \"X\", Co");
    ck_assert_int_eq(fx_locate(&f, 2, 2, &line, &col, NULL), SC_OK);
    ck_assert_uint_eq(col, 25);
    ck_assert_int_eq(fx_locate(&f, 2, 3, &line, &col, &text), SC_OK);
    ck_assert_uint_eq(line, 3);
    ck_assert_uint_eq(col, 30);
    ck_assert_str_eq(text.data, "7");
    sc_buf_free(&text);
    fx_free(&f);
}
END_TEST

START_TEST(sc_csv_locate_second_line_of_record)
{
    fixture f;
    fx_read(&f, "id,text,n\n"
                "1,\"line one\nline two\",after\n"
                "2,x,y\n");
    fx_assert_clean(&f);
    ck_assert_uint_eq(f.c.n, 3);
    ck_assert_uint_eq(f.c.recs[1].line, 2);
    ck_assert_uint_eq(f.c.recs[2].line, 4);
    sc_buf text = {0};
    unsigned long line = 0, col = 0;

    /* field 2 is on physical line 3, after `line two",` (10 characters) */
    ck_assert_int_eq(fx_locate(&f, 1, 2, &line, &col, &text), SC_OK);
    ck_assert_uint_eq(line, 3);
    ck_assert_uint_eq(col, 11);
    ck_assert_str_eq(text.data, "after");
    /* the multi-line field itself starts at its quote on line 2 */
    ck_assert_int_eq(fx_locate(&f, 1, 1, &line, &col, &text), SC_OK);
    ck_assert_uint_eq(line, 2);
    ck_assert_uint_eq(col, 3);
    ck_assert_str_eq(text.data, "line one\nline two");
    /* the next record: line 4 */
    ck_assert_int_eq(fx_locate(&f, 2, 2, &line, &col, NULL), SC_OK);
    ck_assert_uint_eq(line, 4);
    ck_assert_uint_eq(col, 5);
    sc_buf_free(&text);
    fx_free(&f);
}
END_TEST

START_TEST(sc_csv_locate_field_past_end)
{
    fixture f;
    fx_read(&f, "a,b\n1,2\n");
    fx_assert_clean(&f);
    unsigned long line = 0, col = 0;
    /* the record has 2 fields: field 5 does not exist */
    ck_assert_int_eq(fx_locate(&f, 1, 5, &line, &col, NULL),
                     SC_ERR_INVALID_ARG);
    ck_assert_uint_eq(line, 2);
    fx_free(&f);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("csv");
    TCase *tc = tcase_create("csv:records");
    tcase_add_test(tc, sc_csv_read_plain_records);
    tcase_add_test(tc, sc_csv_read_bom_skipped);
    tcase_add_test(tc, sc_csv_read_crlf_line_endings);
    tcase_add_test(tc, sc_csv_read_quoted_fields);
    tcase_add_test(tc, sc_csv_read_blank_lines_skipped);
    tcase_add_test(tc, sc_csv_read_whitespace_line_skipped);
    tcase_add_test(tc, sc_csv_read_last_record_without_newline);
    suite_add_tcase(s, tc);

    tc = tcase_create("csv:diagnostics");
    tcase_add_test(tc, sc_csv_read_ragged_row);
    tcase_add_test(tc, sc_csv_read_unterminated_quote);
    tcase_add_test(tc, sc_csv_read_quote_in_unquoted_field);
    tcase_add_test(tc, sc_csv_read_invalid_utf8);
    tcase_add_test(tc, sc_csv_read_missing_file);
    suite_add_tcase(s, tc);

    tc = tcase_create("csv:locate");
    tcase_add_test(tc, sc_csv_locate_multibyte_columns);
    tcase_add_test(tc, sc_csv_locate_second_line_of_record);
    tcase_add_test(tc, sc_csv_locate_field_past_end);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return tu_run(suite());
}
