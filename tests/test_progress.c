/* SPDX-License-Identifier: MIT */
/*
 * Progress reports (sc_options.progress, SPEC §6): the stages come in
 * order, each begins with done 0 and ends with done == total, done never
 * decreases nor passes total within a stage, calls never overlap (with any
 * number of worker threads), the last report is the writing stage's end,
 * and a dataset loaded without a callback reports nothing.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-config.h"
#include "testutil.h"

#define MAX_EVENTS 100000

typedef struct recorder {
    sc_progress ev[MAX_EVENTS];
    size_t n;
    size_t lost;            /* past MAX_EVENTS */
    atomic_int inside;      /* callbacks running right now */
    int overlapped;         /* a callback started while one was running */
    int bad_unit;           /* unit NULL with a total, or set without */
} recorder;

static void
record(void *ctx, const sc_progress *p)
{
    recorder *R = ctx;
    if (atomic_fetch_add(&R->inside, 1) != 0)
        R->overlapped = 1;
    if ((p->unit == NULL) != (p->total == 0))
        R->bad_unit = 1;
    if (R->n < MAX_EVENTS)
        R->ev[R->n++] = *p;
    else
        R->lost++;
    atomic_fetch_sub(&R->inside, 1);
}

/* Every rule of the contract over the recorded reports; returns the
 * stages seen as a bit set. */
static unsigned
check_events(const recorder *R)
{
    ck_assert_msg(!R->overlapped, "two progress callbacks overlapped");
    ck_assert_msg(!R->bad_unit, "unit must be NULL exactly when total is 0");
    ck_assert_uint_eq(R->lost, 0);
    ck_assert_uint_gt(R->n, 0);
    unsigned seen = 0;
    for (size_t i = 0; i < R->n; i++) {
        const sc_progress *p = &R->ev[i];
        ck_assert_ptr_nonnull(sc_stage_str(p->stage));
        ck_assert_msg(p->done <= p->total || p->total == 0,
                      "event %zu: done %zu > total %zu", i, p->done,
                      p->total);
        if (p->total == 0)
            ck_assert_uint_eq(p->done, 0);
        int first = i == 0 || R->ev[i - 1].stage != p->stage;
        int last = i + 1 == R->n || R->ev[i + 1].stage != p->stage;
        if (first) {
            ck_assert_msg(i == 0 || R->ev[i - 1].stage < p->stage,
                          "event %zu: stage %s after %s", i,
                          sc_stage_str(p->stage),
                          sc_stage_str(R->ev[i - 1].stage));
            ck_assert_msg(p->done == 0, "event %zu: stage %s begins at %zu",
                          i, sc_stage_str(p->stage), p->done);
            seen |= 1u << p->stage;
        } else {
            const sc_progress *q = &R->ev[i - 1];
            ck_assert_uint_eq(p->total, q->total);
            ck_assert_msg(p->done >= q->done, "event %zu: done %zu after %zu",
                          i, p->done, q->done);
        }
        if (last)
            ck_assert_msg(p->done == p->total,
                          "stage %s ends at %zu of %zu",
                          sc_stage_str(p->stage), p->done, p->total);
    }
    return seen;
}

/* Load, compute and write every format of dataset with a recorder. */
static void
run_all(const char *dataset, unsigned jobs, recorder *R)
{
    sc_options opt;
    sc_options_init(&opt);
    ck_assert_ptr_null((void *)opt.progress);
    ck_assert_ptr_null(opt.progress_ctx);
    opt.catalog_dir = SC_TEST_SRCDIR_INDICATORS;
    opt.jobs = jobs;
    opt.progress = record;
    opt.progress_ctx = R;
    sc_diagnostics *d = sc_diagnostics_new(0);
    ck_assert_ptr_nonnull(d);
    sc_dataset *ds = NULL;
    sc_status st = sc_dataset_load(dataset, &opt, d, &ds);
    if (st != SC_OK)
        tu_dump(d);
    ck_assert_int_eq(st, SC_OK);
    ck_assert_uint_gt(R->n, 0);
    ck_assert_int_eq(R->ev[R->n - 1].stage, SC_STAGE_VALIDATE);
    sc_results *r = NULL;
    ck_assert_int_eq(sc_compute(ds, &r), SC_OK);
    char *out = tu_tmpdir();
    char xlsx[4096], json[4096], csv[4096], html[4096];
    snprintf(xlsx, sizeof xlsx, "%s/scorecard.xlsx", out);
    snprintf(json, sizeof json, "%s/scorecard.json", out);
    snprintf(csv, sizeof csv, "%s/scorecard.csv", out);
    snprintf(html, sizeof html, "%s/scorecard.html", out);
    sc_output_paths paths = {xlsx, json, NULL, csv, html, NULL, NULL};
    ck_assert_int_eq(sc_write_outputs(r, &paths, d), SC_OK);
    tu_cleanup(out);
    sc_results_free(r);
    sc_dataset_free(ds);
    sc_diagnostics_free(d);
}

static recorder *
recorder_new(void)
{
    recorder *R = calloc(1, sizeof *R);
    ck_assert_ptr_nonnull(R);
    return R;
}

START_TEST(progress_follows_the_contract_on_the_sample)
{
    static const unsigned jobs[] = {1, 2, 7};
    for (size_t k = 0; k < sizeof jobs / sizeof *jobs; k++) {
        recorder *R = recorder_new();
        run_all(SC_TEST_SRCDIR_DATA, jobs[k], R);
        unsigned seen = check_events(R);
        ck_assert_msg(seen & (1u << SC_STAGE_READ), "no reading stage");
        ck_assert_msg(seen & (1u << SC_STAGE_VALIDATE), "no validating");
        ck_assert_msg(seen & (1u << SC_STAGE_COMPUTE), "no computing stage");
        ck_assert_msg(seen & (1u << SC_STAGE_WRITE), "no writing stage");
        /* the final report: the writing stage, all four outputs done */
        const sc_progress *end = &R->ev[R->n - 1];
        ck_assert_int_eq(end->stage, SC_STAGE_WRITE);
        ck_assert_uint_eq(end->total, 4);
        ck_assert_uint_eq(end->done, 4);
        ck_assert_str_eq(end->unit, "outputs");
        /* reading counts the files' lines */
        ck_assert_int_eq(R->ev[0].stage, SC_STAGE_READ);
        ck_assert_str_eq(R->ev[0].unit, "lines");
        ck_assert_uint_gt(R->ev[0].total, 100);
        free(R);
    }
}
END_TEST

/* Files big enough for several reports each, read by several threads. */
START_TEST(progress_reports_lines_as_they_are_read)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "scorecard.json",
             "{ \"title\": \"P\", \"indicators\": ["
             " { \"id\": \"a\", \"name\": \"A\", \"domain\": \"Health\" },"
             " { \"id\": \"b\", \"name\": \"B\", \"domain\": \"Health\" },"
             " { \"id\": \"c\", \"name\": \"C\", \"domain\": \"Health\" } ] }");
    size_t rows = 0, cap = 64u << 20;
    char *csv = malloc(cap);
    ck_assert_ptr_nonnull(csv);
    size_t at = (size_t)snprintf(csv, cap, "geo_id,year,value\n");
    for (int s = 1; s <= 20; s++)
        for (int c = 1; c <= 300; c++)
            for (int y = 2014; y <= 2023; y++) {
                at += (size_t)snprintf(csv + at, cap - at,
                                       "%02d%03d,%d,%d.5\n", s, c, y,
                                       40 + (s + c + y) % 20);
                rows++;
            }
    tu_write(dir, "a.csv", csv);
    tu_write(dir, "b.csv", csv);
    tu_write(dir, "c.csv", csv);
    free(csv);
    recorder *R = recorder_new();
    sc_options opt;
    sc_options_init(&opt);
    opt.catalog_dir = SC_TEST_SRCDIR_INDICATORS;
    opt.jobs = 3;
    opt.progress = record;
    opt.progress_ctx = R;
    sc_diagnostics *d = sc_diagnostics_new(0);
    sc_dataset *ds = NULL;
    sc_status st = sc_dataset_load(dir, &opt, d, &ds);
    if (st != SC_OK)
        tu_dump(d);
    ck_assert_int_eq(st, SC_OK);
    check_events(R);
    size_t reads = 0;
    for (size_t i = 0; i < R->n; i++)
        if (R->ev[i].stage == SC_STAGE_READ) {
            reads++;
            /* every file's lines: its header, its rows and one more */
            ck_assert_uint_eq(R->ev[i].total, 3 * (rows + 2));
        }
    /* 3 x 60,000 lines, a report every 16,384 lines of a file at most */
    ck_assert_uint_ge(reads, 4);
    sc_dataset_free(ds);
    sc_diagnostics_free(d);
    free(R);
    tu_cleanup(dir);
}
END_TEST

/* Without a callback nothing is called, and a failed load does not end
 * its stages. */
START_TEST(progress_stops_at_a_failed_load)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "scorecard.json",
             "{ \"title\": \"Bad\", \"indicators\": ["
             " { \"id\": \"x\", \"name\": \"X\", \"domain\": \"Health\" } ] }");
    tu_write(dir, "x.csv", "geo_id,year,value\n06001,2019,40\n06003,2019,4x\n");
    recorder *R = recorder_new();
    sc_options opt;
    sc_options_init(&opt);
    opt.catalog_dir = SC_TEST_SRCDIR_INDICATORS;
    opt.progress = record;
    opt.progress_ctx = R;
    sc_diagnostics *d = sc_diagnostics_new(0);
    sc_dataset *ds = NULL;
    ck_assert_int_eq(sc_dataset_load(dir, &opt, d, &ds), SC_ERR_DATA);
    ck_assert_ptr_null(ds);
    ck_assert_msg(!R->overlapped, "callbacks overlapped");
    for (size_t i = 0; i < R->n; i++)
        ck_assert_int_ne(R->ev[i].stage, SC_STAGE_WRITE);
    sc_diagnostics_free(d);
    free(R);
    tu_cleanup(dir);
}
END_TEST

START_TEST(progress_stage_names)
{
    ck_assert_str_eq(sc_stage_str(SC_STAGE_READ), "reading");
    ck_assert_str_eq(sc_stage_str(SC_STAGE_VALIDATE), "validating");
    ck_assert_str_eq(sc_stage_str(SC_STAGE_COMPUTE), "computing");
    ck_assert_str_eq(sc_stage_str(SC_STAGE_WRITE), "writing");
    ck_assert_ptr_null(sc_stage_str((sc_stage)42));
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("progress");
    TCase *tc = tcase_create("progress");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, progress_follows_the_contract_on_the_sample);
    tcase_add_test(tc, progress_reports_lines_as_they_are_read);
    tcase_add_test(tc, progress_stops_at_a_failed_load);
    tcase_add_test(tc, progress_stage_names);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return tu_run(suite());
}
