/* SPDX-License-Identifier: MIT */
/*
 * Compute stage (SPEC §3.2, §3.3, §3.5-§3.8, §3.9): each test writes a tiny
 * dataset (manifest with inline indicators, observation CSVs, geographies
 * inferred from the FIPS shape: 06000 is the state, 06xxx counties), loads
 * it, runs sc_compute and checks the figures through the public accessors
 * and, where they say nothing, the internal results struct. Every expected
 * figure is worked out by hand in the comments. Trends are in
 * test_trend.c.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compute.h"
#include "internal.h"
#include "testutil.h"

#define TOL 1e-9

/* An inline indicator definition reading <id>.csv; extra is either "" or
 * starts with a comma. */
#define IND(id, domain, extra)                                               \
    "{\"id\": \"" id "\", \"name\": \"" id "\", \"domain\": \"" domain       \
    "\", \"file\": \"" id ".csv\"" extra "}"

/* A loaded and computed dataset. */
typedef struct fx {
    char *dir;
    tu_load l;
    sc_results *r;
} fx;

/* Write the manifest and the (name, content) pairs that follow it, up to
 * a NULL name, into a new temporary directory; load and compute it. */
static void
fx_open(fx *f, const char *manifest, ...)
{
    f->dir = tu_tmpdir();
    tu_write(f->dir, "scorecard.json", manifest);
    va_list ap;
    va_start(ap, manifest);
    const char *name;
    while ((name = va_arg(ap, const char *)) != NULL) {
        const char *text = va_arg(ap, const char *);
        tu_write(f->dir, name, text);
    }
    va_end(ap);
    f->l = tu_load_dir(f->dir);
    if (f->l.status != SC_OK)
        tu_dump(f->l.diags);
    ck_assert_int_eq(f->l.status, SC_OK);
    ck_assert_ptr_nonnull(f->l.ds);
    f->r = NULL;
    ck_assert_int_eq(sc_compute(f->l.ds, &f->r), SC_OK);
    ck_assert_ptr_nonnull(f->r);
}

static void
fx_close(fx *f)
{
    sc_results_free(f->r);
    tu_load_free(&f->l);
    tu_cleanup(f->dir);
}

static size_t
geo(const fx *f, const char *id)
{
    size_t g = 0;
    ck_assert_msg(sc_dataset_find_geography(f->l.ds, id, &g) == SC_OK,
                  "no geography %s", id);
    return g;
}

/* Figures of county id for indicator ind (subgroup All, latest year). */
static sc_indicator_result
ires(const fx *f, const char *id, size_t ind)
{
    sc_indicator_result out;
    ck_assert_int_eq(sc_results_indicator(f->r, geo(f, id), ind, &out),
                     SC_OK);
    return out;
}

/* Figures of one observation (any subgroup, any year). */
static sc_fig
ofig(const fx *f, size_t ind, const char *id, const char *sg, int year)
{
    sc_fig fg;
    sc_obs_figures(f->r, tu_obs(f->l.ds, ind, id, sg, year), &fg);
    return fg;
}

static size_t
dom(const fx *f, const char *name)
{
    for (size_t d = 0; d < sc_dataset_domain_count(f->l.ds); d++)
        if (strcmp(sc_dataset_domain(f->l.ds, d), name) == 0)
            return d;
    ck_abort_msg("no domain %s", name);
    return 0;
}

static sc_score_result
dres(const fx *f, const char *id, const char *domain)
{
    sc_score_result out;
    ck_assert_int_eq(sc_results_domain(f->r, geo(f, id), dom(f, domain), &out),
                     SC_OK);
    return out;
}

static sc_score_result
ores(const fx *f, const char *id)
{
    sc_score_result out;
    ck_assert_int_eq(sc_results_overall(f->r, geo(f, id), &out), SC_OK);
    return out;
}

static void
assert_rank(sc_indicator_result x, long rank, long of, long quartile)
{
    ck_assert_int_eq(x.rank, rank);
    ck_assert_int_eq(x.of, of);
    ck_assert_int_eq(x.quartile, quartile);
}

static void
assert_vs(sc_indicator_result x, const char *vs)
{
    ck_assert_ptr_nonnull(x.vs_benchmark);
    ck_assert_str_eq(x.vs_benchmark, vs);
}

/* ------------------------------------------------ §3.2 distance, score */

START_TEST(compute_distance_higher_is_better)
{
    /* target 100 (default for higher_is_better):
     * 06001 v 75 (the value wins over 100*46/62 = 74.19, within the
     *   0.05 + 100/62 slack): d = 100 - 75 = 25, score 75,
     *   gap = floor(25/100.0*62 + 0.5) = floor(15.5 + 0.5) = 16
     *   (half rounds up);
     * 06003 v = 100*27/40 = 67.5: d 32.5, score 67.5,
     *   gap = floor(0.325*40 + 0.5) = floor(13.5) = 13;
     * 06005 v 100 = 30/30: d = max(0, 0) = 0, score 100, gap 0;
     * 06007 v 90 without counts: d 10, score 90, gap NaN. */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"indicators\": ["
            IND("x", "Health", "") "]}",
            "x.csv",
            "geo_id,year,value,numerator,denominator\n"
            "06001,2021,75,46,62\n"
            "06003,2021,,27,40\n"
            "06005,2021,100,30,30\n"
            "06007,2021,90,,\n",
            NULL);
    sc_indicator_result a = ires(&f, "06001", 0);
    ck_assert_double_eq_tol(a.value, 75, TOL);
    ck_assert_double_eq_tol(a.distance, 25, TOL);
    ck_assert_double_eq_tol(a.score, 75, TOL);
    ck_assert_double_eq(a.children_gap, 16);
    sc_indicator_result b = ires(&f, "06003", 0);
    ck_assert_double_eq_tol(b.value, 67.5, TOL);
    ck_assert_double_eq_tol(b.distance, 32.5, TOL);
    ck_assert_double_eq_tol(b.score, 67.5, TOL);
    ck_assert_double_eq(b.children_gap, 13);
    sc_indicator_result c = ires(&f, "06005", 0);
    ck_assert_double_eq(c.distance, 0);
    ck_assert_double_eq(c.score, 100);
    ck_assert_double_eq(c.children_gap, 0);
    sc_indicator_result d = ires(&f, "06007", 0);
    ck_assert_double_eq_tol(d.distance, 10, TOL);
    ck_assert_double_eq_tol(d.score, 90, TOL);
    ck_assert(isnan(d.children_gap));
    fx_close(&f);
}
END_TEST

START_TEST(compute_distance_lower_is_better)
{
    /* target 0 (default for lower_is_better):
     * 06001 v 12.5 = 100*5/40: d = 12.5 - 0 = 12.5, score 87.5,
     *   gap = floor(12.5/100.0*40 + 0.5) = floor(5.5) = 5;
     * 06003 v 0 (0/40): d = max(0, 0 - 0) = 0, score 100, gap 0;
     * 06005 v 30 without counts: d 30, score 70, gap NaN. */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"indicators\": ["
            IND("y", "Education", ", \"direction\": \"lower_is_better\"")
            "]}",
            "y.csv",
            "geo_id,year,value,numerator,denominator\n"
            "06001,2021,12.5,5,40\n"
            "06003,2021,0,0,40\n"
            "06005,2021,30,,\n",
            NULL);
    sc_indicator_result a = ires(&f, "06001", 0);
    ck_assert_double_eq_tol(a.distance, 12.5, TOL);
    ck_assert_double_eq_tol(a.score, 87.5, TOL);
    ck_assert_double_eq(a.children_gap, 5);
    sc_indicator_result b = ires(&f, "06003", 0);
    ck_assert_double_eq(b.distance, 0);
    ck_assert_double_eq(b.score, 100);
    ck_assert_double_eq(b.children_gap, 0);
    sc_indicator_result c = ires(&f, "06005", 0);
    ck_assert_double_eq_tol(c.distance, 30, TOL);
    ck_assert_double_eq_tol(c.score, 70, TOL);
    ck_assert(isnan(c.children_gap));
    fx_close(&f);
}
END_TEST

START_TEST(compute_distance_custom_target)
{
    /* h: higher_is_better, target 90: d = max(0, 90 - v)
     *   06001 v 95: d = max(0, -5) = 0, score 100;
     *   06003 v 81 = 81/100: d 9, score 91,
     *     gap = floor(9/100.0*100 + 0.5) = floor(9.5) = 9.
     * l: lower_is_better, target 10: d = max(0, v - 10)
     *   06001 v 5: d = max(0, -5) = 0, score 100;
     *   06003 v 25 = 10/40: d 15, score 85,
     *     gap = floor(15/100.0*40 + 0.5) = floor(6.5) = 6. */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"indicators\": ["
            IND("h", "Health", ", \"target\": 90") ", "
            IND("l", "Health",
                ", \"direction\": \"lower_is_better\", \"target\": 10")
            "]}",
            "h.csv",
            "geo_id,year,value,numerator,denominator\n"
            "06001,2021,95,,\n"
            "06003,2021,81,81,100\n",
            "l.csv",
            "geo_id,year,value,numerator,denominator\n"
            "06001,2021,5,,\n"
            "06003,2021,25,10,40\n",
            NULL);
    sc_indicator_result x = ires(&f, "06001", 0);
    ck_assert_double_eq(x.distance, 0);
    ck_assert_double_eq(x.score, 100);
    x = ires(&f, "06003", 0);
    ck_assert_double_eq_tol(x.distance, 9, TOL);
    ck_assert_double_eq_tol(x.score, 91, TOL);
    ck_assert_double_eq(x.children_gap, 9);
    x = ires(&f, "06001", 1);
    ck_assert_double_eq(x.distance, 0);
    ck_assert_double_eq(x.score, 100);
    x = ires(&f, "06003", 1);
    ck_assert_double_eq_tol(x.distance, 15, TOL);
    ck_assert_double_eq_tol(x.score, 85, TOL);
    ck_assert_double_eq(x.children_gap, 6);
    fx_close(&f);
}
END_TEST

/* ----------------------------------------------------------- §3.3 ranks */

START_TEST(compute_ranks_competition_ties_at_decimals)
{
    /* decimals 1; key = floor(|d|*10 + 0.5):
     * 06001 v 95:    d 5                      key  50 -> rank 1
     * 06003 v 87.75: d 12.25 (exact double),  12.25*10 = 122.5 exactly,
     *                floor(123.0) = 123       -> rank 2
     * 06005 v 87.7:  d = 12.299999999999997,  floor(122.99999999999997
     *                + 0.5) = 123             -> rank 2 (tie)
     *   (half-to-even or printf("%.1f") would give 12.2 and no tie)
     * 06007 v 80:    d 20                     key 200 -> rank 4
     * 06009 "*": suppressed -> not ranked, of = 4 (not 5).
     * 06000 (state) v 99 (d 1): never ranked, else 06001 would be 2.
     * quartile = ceil(4*rank/4): 1, 2, 2, 4. */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"indicators\": ["
            IND("x", "Health", "") "]}",
            "x.csv",
            "geo_id,year,value\n"
            "06000,2021,99\n"
            "06001,2021,95\n"
            "06003,2021,87.75\n"
            "06005,2021,87.7\n"
            "06007,2021,80\n"
            "06009,2021,*\n",
            NULL);
    assert_rank(ires(&f, "06001", 0), 1, 4, 1);
    assert_rank(ires(&f, "06003", 0), 2, 4, 2);
    assert_rank(ires(&f, "06005", 0), 2, 4, 2);
    assert_rank(ires(&f, "06007", 0), 4, 4, 4);
    sc_indicator_result s = ires(&f, "06009", 0);
    ck_assert_int_eq(s.suppressed, 1);
    ck_assert_int_eq(s.reason, SC_REASON_SOURCE_SUPPRESSED);
    ck_assert(isnan(s.value) && isnan(s.score));
    assert_rank(s, 0, 0, 0);
    assert_rank(ires(&f, "06000", 0), 0, 0, 0);
    ck_assert_int_eq(f.r->ranked[0], 4);
    fx_close(&f);
}
END_TEST

START_TEST(compute_ranks_lower_is_better_quartiles_of_five)
{
    /* lower_is_better, decimals 0; d = v; key = floor(d + 0.5):
     * 06009 v 0   -> key 0  -> rank 1
     * 06001 v 2   -> key 2  -> rank 2
     * 06003 v 2.5 -> key floor(3.0) = 3 -> rank 3 (half away from zero;
     *                half-to-even would give 2 and tie with 06001)
     * 06005 v 3.4 -> key floor(3.9) = 3 -> rank 3
     * 06007 v 10  -> key 10 -> rank 5
     * of 5; quartile = ceil(4*rank/5): 1 -> ceil(0.8) = 1,
     * 2 -> ceil(1.6) = 2, 3 -> ceil(2.4) = 3, 5 -> ceil(4.0) = 4. */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"indicators\": ["
            IND("y", "Health",
                ", \"direction\": \"lower_is_better\", \"decimals\": 0")
            "]}",
            "y.csv",
            "geo_id,year,value\n"
            "06001,2021,2\n"
            "06003,2021,2.5\n"
            "06005,2021,3.4\n"
            "06007,2021,10\n"
            "06009,2021,0\n",
            NULL);
    assert_rank(ires(&f, "06009", 0), 1, 5, 1);
    assert_rank(ires(&f, "06001", 0), 2, 5, 2);
    assert_rank(ires(&f, "06003", 0), 3, 5, 3);
    assert_rank(ires(&f, "06005", 0), 3, 5, 3);
    assert_rank(ires(&f, "06007", 0), 5, 5, 4);
    fx_close(&f);
}
END_TEST

/* ------------------------------------------------------ §3.5 benchmarks */

START_TEST(compute_benchmark_reported_state_value)
{
    /* The state row 06000 (72) is the benchmark, method reported, though
     * every county has counts (pooled would be 100*(40+30+36)/150 =
     * 70.67, the median 72.04). At 1 decimal, key(72) = 720:
     * 06001 80    key 800 > 720 -> better
     * 06003 60    key 600 < 720 -> worse
     * 06005 72.04 key floor(720.4 + 0.5) = 720 -> same.
     * The state itself gets no better/worse/same. */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"indicators\": ["
            IND("x", "Health", "") "]}",
            "x.csv",
            "geo_id,year,value,numerator,denominator\n"
            "06000,2021,72,720,1000\n"
            "06001,2021,80,40,50\n"
            "06003,2021,60,30,50\n"
            "06005,2021,72.04,36,50\n",
            NULL);
    sc_indicator_result a = ires(&f, "06001", 0);
    ck_assert_double_eq_tol(a.benchmark, 72, TOL);
    assert_vs(a, "better");
    assert_vs(ires(&f, "06003", 0), "worse");
    assert_vs(ires(&f, "06005", 0), "same");
    sc_indicator_result s = ires(&f, "06000", 0);
    ck_assert_ptr_null(s.vs_benchmark);
    sc_fig fg = ofig(&f, 0, "06001", "All", 2021);
    ck_assert_int_eq(fg.bench_method, SC_BENCH_REPORTED);
    ck_assert_double_eq_tol(fg.benchmark, 72, TOL);
    ck_assert_int_eq(fg.vs, SC_VS_BETTER);
    fx_close(&f);
}
END_TEST

START_TEST(compute_benchmark_pooled_counts)
{
    /* No state row; every unsuppressed county has both counts -> pooled:
     * 100*(40+30+45+23)/(50+60+90+40) = 100*138/240 = 57.5.
     * 06009 (1/10, denominator < 20) is suppressed and left out; with it
     * the figure would be 100*139/250 = 55.6 (and 06007 "better").
     * 06001 80 better, 06003 50 worse, 06005 50 worse, 06007 57.5 same;
     * 06009 suppressed: no better/worse/same. */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"indicators\": ["
            IND("x", "Health", "") "]}",
            "x.csv",
            "geo_id,year,value,numerator,denominator\n"
            "06001,2021,,40,50\n"
            "06003,2021,,30,60\n"
            "06005,2021,,45,90\n"
            "06007,2021,,23,40\n"
            "06009,2021,,1,10\n",
            NULL);
    sc_indicator_result a = ires(&f, "06001", 0);
    ck_assert_double_eq_tol(a.benchmark, 57.5, TOL);
    assert_vs(a, "better");
    assert_vs(ires(&f, "06003", 0), "worse");
    assert_vs(ires(&f, "06005", 0), "worse");
    assert_vs(ires(&f, "06007", 0), "same");
    sc_indicator_result s = ires(&f, "06009", 0);
    ck_assert_int_eq(s.reason, SC_REASON_LOW_DENOMINATOR);
    ck_assert_ptr_null(s.vs_benchmark);
    sc_fig fg = ofig(&f, 0, "06003", "All", 2021);
    ck_assert_int_eq(fg.bench_method, SC_BENCH_POOLED);
    ck_assert_double_eq_tol(fg.benchmark, 57.5, TOL);
    fx_close(&f);
}
END_TEST

START_TEST(compute_benchmark_median_when_counts_missing)
{
    /* No state row; 06001 has no counts -> median of county values.
     * 2021: 80, 50 (30/60), 57.5 (23/40), 40 (16/40); 06009 (10, 1/10)
     *   is suppressed (denominator < 20) and left out. Sorted 40, 50,
     *   57.5, 80: even count -> (50 + 57.5)/2 = 53.75 (with 06009 it
     *   would be 50). key(53.75) = floor(537.5 + 0.5) = 538:
     *   06001 80 better, 06003 50 (500) worse, 06005 57.5 better,
     *   06007 40 worse.
     * 2020 (no counts): 70, 50, 60 -> odd count, median 60:
     *   06001 70 better, 06003 50 worse, 06005 60 same. */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"indicators\": ["
            IND("x", "Health", "") "]}",
            "x.csv",
            "geo_id,year,value,numerator,denominator\n"
            "06001,2020,70,,\n"
            "06003,2020,50,,\n"
            "06005,2020,60,,\n"
            "06001,2021,80,,\n"
            "06003,2021,,30,60\n"
            "06005,2021,,23,40\n"
            "06007,2021,,16,40\n"
            "06009,2021,10,1,10\n",
            NULL);
    sc_indicator_result a = ires(&f, "06001", 0);
    ck_assert_double_eq_tol(a.benchmark, 53.75, TOL);
    assert_vs(a, "better");
    assert_vs(ires(&f, "06003", 0), "worse");
    assert_vs(ires(&f, "06005", 0), "better");
    assert_vs(ires(&f, "06007", 0), "worse");
    sc_fig fg = ofig(&f, 0, "06003", "All", 2021);
    ck_assert_int_eq(fg.bench_method, SC_BENCH_MEDIAN);
    ck_assert_double_eq_tol(fg.benchmark, 53.75, TOL);
    fg = ofig(&f, 0, "06001", "All", 2020);
    ck_assert_int_eq(fg.bench_method, SC_BENCH_MEDIAN);
    ck_assert_double_eq_tol(fg.benchmark, 60, TOL);
    ck_assert_int_eq(fg.vs, SC_VS_BETTER);
    ck_assert_int_eq(ofig(&f, 0, "06003", "All", 2020).vs, SC_VS_WORSE);
    ck_assert_int_eq(ofig(&f, 0, "06005", "All", 2020).vs, SC_VS_SAME);
    fx_close(&f);
}
END_TEST

START_TEST(compute_benchmark_suppressed_state_falls_back)
{
    /* The state's own values are suppressed ("*", "S"): they do not count.
     * 2021: counties 40/50, 30/60, 23/40 all have counts -> pooled
     *   100*(40+30+23)/(50+60+40) = 100*93/150 = 62:
     *   06001 80 better, 06003 50 worse, 06005 57.5 worse.
     * 2020: 06001 has no counts -> median of 70, 50 (30/60), 60 (24/40)
     *   = 60: 06001 better. */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"indicators\": ["
            IND("x", "Health", "") "]}",
            "x.csv",
            "geo_id,year,value,numerator,denominator\n"
            "06000,2020,S,,\n"
            "06001,2020,70,,\n"
            "06003,2020,,30,60\n"
            "06005,2020,,24,40\n"
            "06000,2021,*,,\n"
            "06001,2021,,40,50\n"
            "06003,2021,,30,60\n"
            "06005,2021,,23,40\n",
            NULL);
    sc_indicator_result a = ires(&f, "06001", 0);
    ck_assert_double_eq_tol(a.benchmark, 62, TOL);
    assert_vs(a, "better");
    assert_vs(ires(&f, "06003", 0), "worse");
    assert_vs(ires(&f, "06005", 0), "worse");
    sc_fig fg = ofig(&f, 0, "06001", "All", 2021);
    ck_assert_int_eq(fg.bench_method, SC_BENCH_POOLED);
    fg = ofig(&f, 0, "06001", "All", 2020);
    ck_assert_int_eq(fg.bench_method, SC_BENCH_MEDIAN);
    ck_assert_double_eq_tol(fg.benchmark, 60, TOL);
    ck_assert_int_eq(fg.vs, SC_VS_BETTER);
    fx_close(&f);
}
END_TEST

START_TEST(compute_benchmark_lower_is_better_orientation)
{
    /* lower_is_better; state reports 20 (key 200 at 1 decimal):
     * 06001 10    key 100 < 200 -> better (lower is better)
     * 06003 30    key 300       -> worse
     * 06005 20.04 key floor(200.4 + 0.5) = 200 -> same
     * 06007 19.96 key floor(199.6 + 0.5) = 200 -> same
     * 06009 19.94 key floor(199.4 + 0.5) = 199 -> better */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"indicators\": ["
            IND("y", "Health", ", \"direction\": \"lower_is_better\"")
            "]}",
            "y.csv",
            "geo_id,year,value\n"
            "06000,2021,20\n"
            "06001,2021,10\n"
            "06003,2021,30\n"
            "06005,2021,20.04\n"
            "06007,2021,19.96\n"
            "06009,2021,19.94\n",
            NULL);
    assert_vs(ires(&f, "06001", 0), "better");
    assert_vs(ires(&f, "06003", 0), "worse");
    assert_vs(ires(&f, "06005", 0), "same");
    assert_vs(ires(&f, "06007", 0), "same");
    assert_vs(ires(&f, "06009", 0), "better");
    fx_close(&f);
}
END_TEST

START_TEST(compute_benchmark_per_subgroup)
{
    /* Benchmarks per (subgroup, year):
     * All: state 70 (reported): 06001 60 worse, 06003 75 better.
     * Latino: state 50 (reported): 06001 55 better (it would be worse
     *   against All's 70), 06003 45 worse.
     * Black: no state row, no counts -> median of 40 and 44 = 42:
     *   06001 40 worse, 06003 44 better (worse against 70). */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"indicators\": ["
            IND("x", "Health", "") "]}",
            "x.csv",
            "geo_id,year,value,subgroup\n"
            "06000,2021,70,All\n"
            "06000,2021,50,Latino\n"
            "06001,2021,60,All\n"
            "06001,2021,55,Latino\n"
            "06001,2021,40,Black\n"
            "06003,2021,75,All\n"
            "06003,2021,45,Latino\n"
            "06003,2021,44,Black\n",
            NULL);
    assert_vs(ires(&f, "06001", 0), "worse");
    assert_vs(ires(&f, "06003", 0), "better");
    sc_fig fg = ofig(&f, 0, "06001", "Latino", 2021);
    ck_assert_double_eq_tol(fg.benchmark, 50, TOL);
    ck_assert_int_eq(fg.bench_method, SC_BENCH_REPORTED);
    ck_assert_int_eq(fg.vs, SC_VS_BETTER);
    ck_assert_int_eq(ofig(&f, 0, "06003", "Latino", 2021).vs, SC_VS_WORSE);
    fg = ofig(&f, 0, "06001", "Black", 2021);
    ck_assert_double_eq_tol(fg.benchmark, 42, TOL);
    ck_assert_int_eq(fg.bench_method, SC_BENCH_MEDIAN);
    ck_assert_int_eq(fg.vs, SC_VS_WORSE);
    ck_assert_int_eq(ofig(&f, 0, "06003", "Black", 2021).vs, SC_VS_BETTER);
    /* the state's own subgroup row: a benchmark, never compared */
    ck_assert_int_eq(ofig(&f, 0, "06000", "Latino", 2021).vs, SC_VS_NONE);
    fx_close(&f);
}
END_TEST

/* -------------------------------------------- §3.6 domain and overall */

/* Six indicators in three domains, plus two listed domains without any:
 * Education e1 (weight 1), e2 (weight 3); Health h1, h2, h3; Child
 * Welfare w1. All higher_is_better with target 100, so score = v. */
static void
composite_fixture(fx *f)
{
    fx_open(f,
            "{\"title\": \"T\",\n"
            " \"domains\": [\"Education\", \"Health\", \"Child Welfare\",\n"
            "             \"Economy\", \"Housing\"],\n"
            " \"indicators\": ["
            IND("e1", "Education", "") ", "
            IND("e2", "Education", ", \"weight\": 3") ", "
            IND("h1", "Health", "") ", "
            IND("h2", "Health", "") ", "
            IND("h3", "Health", "") ", "
            IND("w1", "Child Welfare", "") "]}",
            "e1.csv",
            "geo_id,year,value\n"
            "06000,2021,75\n06001,2021,80\n06003,2021,65.04\n"
            "06005,2021,50\n06007,2021,40\n",
            "e2.csv",
            "geo_id,year,value\n"
            "06000,2021,75\n06001,2021,60\n"
            "06005,2021,90\n06007,2021,40\n",
            "h1.csv",
            "geo_id,year,value\n"
            "06001,2021,90\n06003,2021,60\n06005,2021,50.24\n06007,2021,40\n",
            "h2.csv",
            "geo_id,year,value\n"
            "06001,2021,70\n06005,2021,50\n06007,2021,40\n",
            "h3.csv",
            "geo_id,year,value\n"
            "06005,2021,50\n",
            "w1.csv",
            "geo_id,year,value\n"
            "06001,2021,50\n06005,2021,*\n06007,2021,40\n",
            NULL);
}

START_TEST(compute_domain_weighted_mean_and_coverage)
{
    /* Education (2 indicators, needs >= 1 scored):
     *   06001 (1*80 + 3*60)/4 = 260/4 = 65 (unweighted would be 70)
     *   06003 e1 only: 1 of 2 >= 1 -> 65.04
     *   06005 (1*50 + 3*90)/4 = 320/4 = 80
     *   06007 (40 + 120)/4 = 40
     * Health (3 indicators, needs >= 1.5 scored):
     *   06001 h1 90, h2 70, no h3: 2 of 3 -> (90 + 70)/2 = 80
     *   06003 h1 only: 1 of 3 < 1.5 -> null
     *   06005 (50.24 + 50 + 50)/3 = 50.08
     *   06007 2 of 3 -> 40
     * Child Welfare (1 indicator): 06005's w1 is suppressed: 0 of 1 ->
     *   null; 06003 has no row -> null.
     * Economy, Housing: no indicators -> total 0, null, unranked. */
    fx f;
    composite_fixture(&f);
    sc_score_result x = dres(&f, "06001", "Education");
    ck_assert_double_eq_tol(x.score, 65, TOL);
    ck_assert_uint_eq(x.scored, 2);
    ck_assert_uint_eq(x.total, 2);
    x = dres(&f, "06003", "Education");
    ck_assert_double_eq_tol(x.score, 65.04, TOL);
    ck_assert_uint_eq(x.scored, 1);
    ck_assert_double_eq_tol(dres(&f, "06005", "Education").score, 80, TOL);
    ck_assert_double_eq_tol(dres(&f, "06007", "Education").score, 40, TOL);
    x = dres(&f, "06001", "Health");
    ck_assert_double_eq_tol(x.score, 80, TOL);
    ck_assert_uint_eq(x.scored, 2);
    ck_assert_uint_eq(x.total, 3);
    x = dres(&f, "06003", "Health");
    ck_assert(isnan(x.score));
    ck_assert_uint_eq(x.scored, 1);
    ck_assert_uint_eq(x.total, 3);
    ck_assert_int_eq(x.rank, 0);
    ck_assert_double_eq_tol(dres(&f, "06005", "Health").score, 50.08, TOL);
    ck_assert_double_eq_tol(dres(&f, "06007", "Health").score, 40, TOL);
    x = dres(&f, "06005", "Child Welfare");
    ck_assert(isnan(x.score));
    ck_assert_uint_eq(x.scored, 0);
    ck_assert_uint_eq(x.total, 1);
    ck_assert(isnan(dres(&f, "06003", "Child Welfare").score));
    ck_assert_double_eq_tol(dres(&f, "06001", "Child Welfare").score, 50,
                            TOL);
    x = dres(&f, "06001", "Economy");
    ck_assert(isnan(x.score));
    ck_assert_uint_eq(x.total, 0);
    ck_assert_int_eq(x.rank, 0);
    fx_close(&f);
}
END_TEST

START_TEST(compute_overall_mean_of_domains_with_indicators)
{
    /* Domains with indicators: 3 (Economy and Housing have none and are
     * not counted; counting them, 5 would need >= 2.5 and 06005 would be
     * null). Overall needs >= 1.5 scored domains:
     *   06001 (65 + 80 + 50)/3 = 65, 3 of 3
     *   06003 Education only: 1 of 3 < 1.5 -> null
     *   06005 (80 + 50.08)/2 = 65.04, 2 of 3
     *   06007 (40 + 40 + 40)/3 = 40 */
    fx f;
    composite_fixture(&f);
    sc_score_result x = ores(&f, "06001");
    ck_assert_double_eq_tol(x.score, 65, TOL);
    ck_assert_uint_eq(x.scored, 3);
    ck_assert_uint_eq(x.total, 3);
    x = ores(&f, "06003");
    ck_assert(isnan(x.score));
    ck_assert_uint_eq(x.scored, 1);
    ck_assert_uint_eq(x.total, 3);
    x = ores(&f, "06005");
    ck_assert_double_eq_tol(x.score, 65.04, TOL);
    ck_assert_uint_eq(x.scored, 2);
    ck_assert_uint_eq(x.total, 3);
    ck_assert_double_eq_tol(ores(&f, "06007").score, 40, TOL);
    fx_close(&f);
}
END_TEST

START_TEST(compute_composite_ranks_descending_ties_at_one_decimal)
{
    /* Counties only, descending, key = floor(score*10 + 0.5):
     * Education: 06005 80 -> 1; 06001 65 (650) and 06003 65.04
     *   (floor(650.4 + 0.5) = 650) tie -> 2, 2; 06007 40 -> 4; of 4;
     *   quartiles ceil(4/4) = 1, ceil(8/4) = 2, 2, ceil(16/4) = 4. The
     *   state (75) is not ranked (else 06001 and 06003 would be 3).
     * Health: 06001 80 -> 1, 06005 50.08 -> 2, 06007 40 -> 3, 06003 null
     *   -> unranked; of 3; quartiles ceil(4/3) = 2, ceil(8/3) = 3,
     *   ceil(12/3) = 4.
     * Overall: 06001 65 (650) and 06005 65.04 (650) tie -> 1, 1; 06007 40
     *   -> 3; 06003 null; of 3; quartiles 2, 2, 4. */
    fx f;
    composite_fixture(&f);
    sc_score_result x = dres(&f, "06005", "Education");
    ck_assert_int_eq(x.rank, 1);
    ck_assert_int_eq(x.of, 4);
    ck_assert_int_eq(x.quartile, 1);
    x = dres(&f, "06001", "Education");
    ck_assert_int_eq(x.rank, 2);
    ck_assert_int_eq(x.quartile, 2);
    x = dres(&f, "06003", "Education");
    ck_assert_int_eq(x.rank, 2);
    ck_assert_int_eq(x.quartile, 2);
    x = dres(&f, "06007", "Education");
    ck_assert_int_eq(x.rank, 4);
    ck_assert_int_eq(x.quartile, 4);
    x = dres(&f, "06000", "Education");
    ck_assert_double_eq_tol(x.score, 75, TOL);
    ck_assert_int_eq(x.rank, 0);
    ck_assert_int_eq(x.of, 0);

    x = dres(&f, "06001", "Health");
    ck_assert_int_eq(x.rank, 1);
    ck_assert_int_eq(x.of, 3);
    ck_assert_int_eq(x.quartile, 2);
    x = dres(&f, "06005", "Health");
    ck_assert_int_eq(x.rank, 2);
    ck_assert_int_eq(x.quartile, 3);
    x = dres(&f, "06007", "Health");
    ck_assert_int_eq(x.rank, 3);
    ck_assert_int_eq(x.quartile, 4);
    ck_assert_int_eq(dres(&f, "06003", "Health").rank, 0);

    x = ores(&f, "06001");
    ck_assert_int_eq(x.rank, 1);
    ck_assert_int_eq(x.of, 3);
    ck_assert_int_eq(x.quartile, 2);
    x = ores(&f, "06005");
    ck_assert_int_eq(x.rank, 1);
    ck_assert_int_eq(x.quartile, 2);
    x = ores(&f, "06007");
    ck_assert_int_eq(x.rank, 3);
    ck_assert_int_eq(x.quartile, 4);
    x = ores(&f, "06003");
    ck_assert_int_eq(x.rank, 0);
    ck_assert_int_eq(x.of, 0);
    fx_close(&f);
}
END_TEST

/* --------------------------------------------------------- §3.7 equity */

static const sc_equity *
equity_of(const fx *f, const char *id, size_t ind)
{
    return &f->r->equity[geo(f, id) * f->l.ds->ninds + ind];
}

static const char *
sg_name(const fx *f, uint32_t sg)
{
    return f->l.ds->subgroups.strs[sg];
}

START_TEST(compute_equity_best_worst_subgroup)
{
    /* Latest year 2021. Subgroups are written White before Asian and
     * Latino before Black, so a tie kept in file order would differ from
     * the alphabetical one.
     * x (higher_is_better), 06001: White 80, Latino 60, Asian 80, Black 60;
     *   All 99 is not a subgroup for this; Filipino has only a 2020 row
     *   (95) and Other is suppressed in 2021: both left out.
     *   best = max 80, tie Asian/White -> Asian; worst = min 60, tie
     *   Black/Latino -> Black; gap |80 - 60| = 20.
     *   06003: one unsuppressed subgroup (Latino; Black is "*") -> not
     *   set. 06005: no subgroups -> not set.
     * y (lower_is_better), 06001: White 10, Latino 30, Asian 30,
     *   Black 10: oriented -v; best = lowest 10, tie Black/White ->
     *   Black; worst = 30, tie Asian/Latino -> Asian; gap 20. */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"indicators\": ["
            IND("x", "Health", "") ", "
            IND("y", "Health", ", \"direction\": \"lower_is_better\"")
            "]}",
            "x.csv",
            "geo_id,year,value,subgroup\n"
            "06001,2020,95,Filipino\n"
            "06001,2021,99,All\n"
            "06001,2021,80,White\n"
            "06001,2021,60,Latino\n"
            "06001,2021,80,Asian\n"
            "06001,2021,60,Black\n"
            "06001,2021,*,Other\n"
            "06003,2021,70,All\n"
            "06003,2021,50,Latino\n"
            "06003,2021,*,Black\n"
            "06005,2021,70,All\n",
            "y.csv",
            "geo_id,year,value,subgroup\n"
            "06001,2021,20,All\n"
            "06001,2021,10,White\n"
            "06001,2021,30,Latino\n"
            "06001,2021,30,Asian\n"
            "06001,2021,10,Black\n",
            NULL);
    const sc_equity *e = equity_of(&f, "06001", 0);
    ck_assert_int_eq(e->set, 1);
    ck_assert_str_eq(sg_name(&f, e->best), "Asian");
    ck_assert_str_eq(sg_name(&f, e->worst), "Black");
    ck_assert_double_eq_tol(e->best_value, 80, TOL);
    ck_assert_double_eq_tol(e->worst_value, 60, TOL);
    ck_assert_double_eq_tol(e->gap, 20, TOL);
    ck_assert_int_eq(equity_of(&f, "06003", 0)->set, 0);
    ck_assert_int_eq(equity_of(&f, "06005", 0)->set, 0);
    e = equity_of(&f, "06001", 1);
    ck_assert_int_eq(e->set, 1);
    ck_assert_str_eq(sg_name(&f, e->best), "Black");
    ck_assert_str_eq(sg_name(&f, e->worst), "Asian");
    ck_assert_double_eq_tol(e->best_value, 10, TOL);
    ck_assert_double_eq_tol(e->worst_value, 30, TOL);
    ck_assert_double_eq_tol(e->gap, 20, TOL);
    fx_close(&f);
}
END_TEST

/* ---------------------------------------------------- §3.8 rank ranges */

static const char *const RANGE_CSV =
    "geo_id,year,value,moe\n"
    "06001,2021,50,5\n"
    "06003,2021,52,5\n"
    "06005,2021,54,5\n"
    "06007,2021,90,\n"
    "06009,2021,10,\n";

/* Point ranks of RANGE_CSV: d = 50, 48, 46, 10, 90 -> 06007 1, 06005 2,
 * 06003 3, 06001 4, 06009 5. The three counties with moe 5 (se = 5/1.645
 * = 3.04) draw values within 54 +/- 36 even at 12 se, so never above 90
 * or below 10: 06007 (no moe, v 90) is rank 1 in every draw and 06009
 * (no moe, v 10) rank 5; the others stay within ranks 2-4, and 06003, in
 * the middle, is rank 2 or 4 in many draws. */
static void
assert_range_shape(const fx *f)
{
    sc_indicator_result x = ires(f, "06007", 0);
    ck_assert_int_eq(x.rank, 1);
    ck_assert_int_eq(x.rank_low, 1);
    ck_assert_int_eq(x.rank_high, 1);
    x = ires(f, "06009", 0);
    ck_assert_int_eq(x.rank, 5);
    ck_assert_int_eq(x.rank_low, 5);
    ck_assert_int_eq(x.rank_high, 5);
    const char *mid[] = {"06001", "06003", "06005"};
    for (size_t k = 0; k < 3; k++) {
        x = ires(f, mid[k], 0);
        ck_assert_int_ge(x.rank_low, 2);
        ck_assert_int_le(x.rank_low, x.rank_high);
        ck_assert_int_le(x.rank_high, 4);
    }
    x = ires(f, "06003", 0);
    ck_assert_int_lt(x.rank_low, x.rank_high);
}

START_TEST(compute_rank_range_same_seed_same_ranges)
{
    /* rank_draws 200, seed 7: two runs over the same dataset give the
     * same ranges, county by county; a second dataset with the same seed
     * too. */
    fx f, g;
    fx_open(&f,
            "{\"title\": \"T\", \"rank_draws\": 200, \"seed\": 7,"
            " \"indicators\": [" IND("x", "Health", "") "]}",
            "x.csv", RANGE_CSV, NULL);
    fx_open(&g,
            "{\"title\": \"T\", \"rank_draws\": 200, \"seed\": 7,"
            " \"indicators\": [" IND("x", "Health", "") "]}",
            "x.csv", RANGE_CSV, NULL);
    sc_results *again = NULL;
    ck_assert_int_eq(sc_compute(f.l.ds, &again), SC_OK);
    assert_range_shape(&f);
    for (size_t k = 0; k < sc_dataset_geography_count(f.l.ds); k++) {
        sc_indicator_result a, b, c;
        ck_assert_int_eq(sc_results_indicator(f.r, k, 0, &a), SC_OK);
        ck_assert_int_eq(sc_results_indicator(again, k, 0, &b), SC_OK);
        ck_assert_int_eq(sc_results_indicator(g.r, k, 0, &c), SC_OK);
        ck_assert_int_ne(a.rank_low, 0);
        ck_assert_int_eq(a.rank_low, b.rank_low);
        ck_assert_int_eq(a.rank_high, b.rank_high);
        ck_assert_int_eq(a.rank_low, c.rank_low);
        ck_assert_int_eq(a.rank_high, c.rank_high);
    }
    sc_results_free(again);
    fx_close(&g);
    fx_close(&f);
}
END_TEST

START_TEST(compute_rank_range_other_seed)
{
    /* seed 8: the ranges of the moe counties may differ from seed 7's,
     * but the shape holds: 06007 and 06009 (no moe) keep [1, 1] and
     * [5, 5], the others stay within 2-4. */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"rank_draws\": 200, \"seed\": 8,"
            " \"indicators\": [" IND("x", "Health", "") "]}",
            "x.csv", RANGE_CSV, NULL);
    assert_range_shape(&f);
    fx_close(&f);
}
END_TEST

START_TEST(compute_rank_range_disabled_by_zero_draws)
{
    /* rank_draws 0: ranks as usual (1..5 as above), no ranges. */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"rank_draws\": 0,"
            " \"indicators\": [" IND("x", "Health", "") "]}",
            "x.csv", RANGE_CSV, NULL);
    const char *ids[] = {"06007", "06005", "06003", "06001", "06009"};
    for (size_t k = 0; k < 5; k++) {
        sc_indicator_result x = ires(&f, ids[k], 0);
        ck_assert_int_eq(x.rank, (long)k + 1);
        ck_assert_int_eq(x.rank_low, 0);
        ck_assert_int_eq(x.rank_high, 0);
    }
    fx_close(&f);
}
END_TEST

START_TEST(compute_rank_range_none_without_moe)
{
    /* rank_draws 200 but no moe on any latest (2021) value; the 2020
     * values' moe does not count -> no ranges. Ranks: d 50, 48 -> 06001 2,
     * 06003 1. */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"rank_draws\": 200,"
            " \"indicators\": [" IND("x", "Health", "") "]}",
            "x.csv",
            "geo_id,year,value,moe\n"
            "06001,2020,50,5\n"
            "06003,2020,52,5\n"
            "06001,2021,50,\n"
            "06003,2021,52,\n",
            NULL);
    sc_indicator_result x = ires(&f, "06001", 0);
    ck_assert_int_eq(x.rank, 2);
    ck_assert_int_eq(x.rank_low, 0);
    ck_assert_int_eq(x.rank_high, 0);
    x = ires(&f, "06003", 0);
    ck_assert_int_eq(x.rank, 1);
    ck_assert_int_eq(x.rank_low, 0);
    ck_assert_int_eq(x.rank_high, 0);
    fx_close(&f);
}
END_TEST

/* ---------------------------------------------------- §3.9.6 latest year */

START_TEST(compute_latest_year_no_fallback)
{
    /* x: 2022 has only a state row; 2021 only a suppressed county All
     * value and a county Latino value: neither year counts. Latest year =
     * 2020 (06001 80, 06003 70): d 20 -> rank 1, d 30 -> rank 2, of 2;
     * quartiles ceil(4*1/2) = 2, ceil(4*2/2) = 4.
     * 06005 has only a 2019 value (90): no value that year -> value,
     * distance, score NaN, rank 0 (no fall-back; with it, d 10 would rank
     * 1), not suppressed.
     * y: latest 2021. goal_year default = (latest over indicators) + 10 =
     * 2021 + 10 = 2031 (the state's 2022 does not count: not 2032). */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"indicators\": ["
            IND("x", "Health", "") ", " IND("y", "Health", "") "]}",
            "x.csv",
            "geo_id,year,value,subgroup\n"
            "06000,2022,70,All\n"
            "06001,2021,*,All\n"
            "06003,2021,60,Latino\n"
            "06001,2020,80,All\n"
            "06003,2020,70,All\n"
            "06001,2019,75,All\n"
            "06005,2019,90,All\n",
            "y.csv",
            "geo_id,year,value\n"
            "06001,2021,50\n"
            "06003,2021,55\n",
            NULL);
    sc_indicator_result a = ires(&f, "06001", 0);
    ck_assert_int_eq(a.year, 2020);
    ck_assert_double_eq_tol(a.value, 80, TOL);
    ck_assert_int_eq(a.suppressed, 0);
    assert_rank(a, 1, 2, 2);
    sc_indicator_result b = ires(&f, "06003", 0);
    ck_assert_int_eq(b.year, 2020);
    ck_assert_double_eq_tol(b.value, 70, TOL);
    assert_rank(b, 2, 2, 4);
    sc_indicator_result c = ires(&f, "06005", 0);
    ck_assert_int_eq(c.year, 2020);
    ck_assert(isnan(c.value));
    ck_assert(isnan(c.distance));
    ck_assert(isnan(c.score));
    ck_assert_int_eq(c.suppressed, 0);
    assert_rank(c, 0, 0, 0);
    ck_assert_int_eq(ires(&f, "06001", 1).year, 2021);
    ck_assert_int_eq(f.r->latest_year, 2021);
    ck_assert_int_eq(sc_dataset_goal_year(f.l.ds), 2031);
    fx_close(&f);
}
END_TEST

/* ------------------------------------------------------------- API */

/* §3.8: the shared stream of draws reproduces gsl_ran_gaussian bit for
 * bit, (sigma * y) * s for every sigma, so ranges do not depend on whether
 * an indicator used the shared stream or drew its own. */
START_TEST(compute_shared_draws_match_gsl_ran_gaussian)
{
    static const double sigma[] = {0, 1, 0.37, 12.5, 1e-9, 3.0 / 1.645};
    sc_rng *a = sc_stats_rng_new(1), *b = sc_stats_rng_new(1);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    for (int k = 0; k < 60000; k++) {
        double sg = sigma[k % 6], y, s;
        double want = sc_stats_gaussian(a, sg);
        sc_stats_gaussian_pair(b, &y, &s);
        double got = sg * y * s;
        ck_assert_msg(memcmp(&got, &want, sizeof got) == 0,
                      "draw %d: %.17g vs gsl_ran_gaussian %.17g", k, got,
                      want);
    }
    sc_stats_rng_free(a);
    sc_stats_rng_free(b);
}
END_TEST

START_TEST(compute_rejects_bad_arguments)
{
    /* NULL arguments and out-of-range indexes: SC_ERR_INVALID_ARG. */
    sc_results *r = (sc_results *)1;
    ck_assert_int_eq(sc_compute(NULL, &r), SC_ERR_INVALID_ARG);
    ck_assert_ptr_null(r);
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"indicators\": ["
            IND("x", "Health", "") "]}",
            "x.csv", "geo_id,year,value\n06001,2021,50\n", NULL);
    ck_assert_int_eq(sc_compute(f.l.ds, NULL), SC_ERR_INVALID_ARG);
    sc_indicator_result x;
    sc_score_result s;
    ck_assert_int_eq(sc_results_indicator(f.r, 1, 0, &x), SC_ERR_INVALID_ARG);
    ck_assert_int_eq(sc_results_indicator(f.r, 0, 1, &x), SC_ERR_INVALID_ARG);
    ck_assert_int_eq(sc_results_domain(f.r, 0, 1, &s), SC_ERR_INVALID_ARG);
    ck_assert_int_eq(sc_results_overall(f.r, 1, &s), SC_ERR_INVALID_ARG);
    sc_results_free(NULL);
    fx_close(&f);
}
END_TEST


START_TEST(compute_trend_skips_suppressed_points)
{
    /* 06001: 2018 40, 2019 `*`, 2020 44, 2021 46 -> points 40, 44, 46 lie
     * on 40 + 2 (x - 2018): slope 2, se ~0 and p ~0 (xbar = 2019.67 is not
     * exact in binary, so residuals are ~1e-15, not 0; a suppressed NaN in the
     * fit would make everything NaN). 06003: 2019 has denominator 10 <
     * min_denominator 20 (value 90, far off the line): low_denominator,
     * also left out -> slope 2 again. Change: 46 - 40 = 6 from 2018. */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"indicators\": [" IND("x", "Health", "") "]}",
            "x.csv",
            "geo_id,year,value,numerator,denominator\n"
            "06001,2018,40,,\n06001,2019,*,,\n06001,2020,44,,\n"
            "06001,2021,46,,\n"
            "06003,2018,40,40,100\n06003,2019,90,9,10\n"
            "06003,2020,44,44,100\n06003,2021,46,46,100\n",
            NULL);
    const char *ids[] = {"06001", "06003"};
    for (int k = 0; k < 2; k++) {
        sc_indicator_result r = ires(&f, ids[k], 0);
        ck_assert_double_eq_tol(r.slope, 2, TOL);
        ck_assert(r.p < 1e-9);
        ck_assert_str_eq(r.status, "improving");
        long gi = f.r->gi_first[geo(&f, ids[k]) * 1 + 0];
        ck_assert_int_ge(gi, 0);
        const sc_trend *t = &f.r->groups[gi].trend;
        ck_assert_int_eq(t->n, 3);
        ck_assert_double_eq_tol(t->change, 6, TOL);
        ck_assert_int_eq(t->change_from_year, 2018);
    }
    fx_close(&f);
}
END_TEST

/* ------------------------------------------------- §3.10 several states */

/* Two states of three counties each, plus the nation (optional).
 * Geographies: California 06000 (parent the nation) with 06001, 06003
 * and 06005 (blank parent: its state 06000 from the FIPS code); Nevada
 * 32000 (blank parent) with 32001, 32003 and 32005 (blank parent).
 *
 * x (Health, counts; state row for California only, no Nevada row):
 *   00000 70 (value only)      06000 65 (value only)
 *   06001 80/100 = 80          32001 45/50 = 90
 *   06003 30/50  = 60          32003 20/40 = 50
 *   06005 70/100 = 70          32005 35/50 = 70
 * y (Education, values only; state rows for both):
 *   00000 55   06000 50   32000 60
 *   06001 60   06003 50   06005 75
 *   32001 40   32003 80   32005 61
 * Both higher_is_better, target 100, decimals 1: d = 100 - v,
 * score = v. */
#define MS_MANIFEST(top)                                                     \
    "{\"title\": \"T\", \"geographies\": \"geo.csv\"" top ",\n"              \
    " \"indicators\": [" IND("x", "Health", "") ",\n"                        \
    "  " IND("y", "Education", "") "]}"

static const char *const MS_GEO_NATION =
    "geo_id,name,level,parent\n"
    "00000,United States,nation,\n"
    "06000,California,state,00000\n"
    "06001,A1,county,06000\n"
    "06003,A2,county,06000\n"
    "06005,A3,county,\n"
    "32000,Nevada,state,\n"
    "32001,B1,county,32000\n"
    "32003,B2,county,32000\n"
    "32005,B3,county,\n";

static const char *const MS_GEO =
    "geo_id,name,level,parent\n"
    "06000,California,state,\n"
    "06001,A1,county,06000\n"
    "06003,A2,county,06000\n"
    "06005,A3,county,\n"
    "32000,Nevada,state,\n"
    "32001,B1,county,32000\n"
    "32003,B2,county,32000\n"
    "32005,B3,county,\n";

#define MS_X_HEAD "geo_id,year,value,numerator,denominator\n"
#define MS_X_BODY                                                            \
    "06000,2021,65,,\n"                                                      \
    "06001,2021,,80,100\n"                                                   \
    "06003,2021,,30,50\n"                                                    \
    "06005,2021,,70,100\n"                                                   \
    "32001,2021,,45,50\n"                                                    \
    "32003,2021,,20,40\n"                                                    \
    "32005,2021,,35,50\n"
#define MS_Y_HEAD "geo_id,year,value\n"
#define MS_Y_BODY                                                            \
    "06000,2021,50\n32000,2021,60\n"                                         \
    "06001,2021,60\n06003,2021,50\n06005,2021,75\n"                          \
    "32001,2021,40\n32003,2021,80\n32005,2021,61\n"

static void
ms_open(fx *f, int nation, const char *manifest)
{
    fx_open(f, manifest, "geo.csv", nation ? MS_GEO_NATION : MS_GEO,
            "x.csv",
            nation ? MS_X_HEAD "00000,2021,70,,\n" MS_X_BODY
                   : MS_X_HEAD MS_X_BODY,
            "y.csv",
            nation ? MS_Y_HEAD "00000,2021,55\n" MS_Y_BODY
                   : MS_Y_HEAD MS_Y_BODY,
            NULL);
}

/* The (geography, indicator) group of subgroup All, or NULL. */
static const sc_group *
grp(const fx *f, const char *id, size_t ind)
{
    long k = f->r->gi_first[geo(f, id) * f->l.ds->ninds + ind];
    if (k < 0)
        return NULL;
    const sc_group *g = &f->r->groups[k];
    ck_assert_uint_eq(g->subgroup, 0);
    return g;
}

#define ASSERT_RANKS(g, r, o, q, nr, no, nq)                                 \
    do {                                                                     \
        const sc_group *g_ = (g);                                            \
        ck_assert_ptr_nonnull(g_);                                           \
        ck_assert_int_eq(g_->rank, (r));                                     \
        ck_assert_int_eq(g_->of, (o));                                       \
        ck_assert_int_eq(g_->quartile, (q));                                 \
        ck_assert_int_eq(g_->nrank, (nr));                                   \
        ck_assert_int_eq(g_->nof, (no));                                     \
        ck_assert_int_eq(g_->nquartile, (nq));                               \
    } while (0)

#define ASSERT_COMP(c, r, o, q, nr, no, nq)                                  \
    do {                                                                     \
        const sc_comp *c_ = (c);                                             \
        ck_assert_int_eq(c_->rank, (r));                                     \
        ck_assert_int_eq(c_->of, (o));                                       \
        ck_assert_int_eq(c_->quartile, (q));                                 \
        ck_assert_int_eq(c_->nrank, (nr));                                   \
        ck_assert_int_eq(c_->nof, (no));                                     \
        ck_assert_int_eq(c_->nquartile, (nq));                               \
    } while (0)

static const sc_comp *
dcomp(const fx *f, const char *id, const char *domain)
{
    return &f->r->domains[geo(f, id) * f->l.ds->ndomains + dom(f, domain)];
}

static const sc_comp *
ocomp(const fx *f, const char *id)
{
    return &f->r->overall[geo(f, id)];
}

/* Benchmark set of state id (§3.10.3). */
static size_t
state_set(const fx *f, const char *id)
{
    size_t g = geo(f, id);
    for (size_t s = 0; s < f->l.ds->nstates; s++)
        if (f->l.ds->states[s] == g)
            return SC_BSET_STATE0 + s;
    ck_abort_msg("%s is not a state", id);
    return 0;
}

static double
bench(const fx *f, size_t ind, size_t set, int *method)
{
    return sc_bench_get(f->r, ind, set, 0, 2021, method);
}

START_TEST(compute_multistate_hierarchy)
{
    /* Both states have counties -> multi-state; 06005 and 32005 (blank
     * parents) join 06000 and 32000 by their FIPS codes. */
    fx f;
    ms_open(&f, 1, MS_MANIFEST(""));
    const sc_dataset *ds = f.l.ds;
    ck_assert_int_eq(ds->multi_state, 1);
    ck_assert_uint_eq(ds->nstates, 2);
    ck_assert_uint_eq(ds->states_with_counties, 2);
    ck_assert_uint_eq(ds->nation, geo(&f, "00000"));
    ck_assert_uint_eq(ds->geos[geo(&f, "06005")].state, geo(&f, "06000"));
    ck_assert_uint_eq(ds->geos[geo(&f, "32005")].state, geo(&f, "32000"));
    ck_assert_str_eq(sc_dataset_geography(ds, geo(&f, "32001"))->state,
                     "32000");
    ck_assert_int_eq(f.r->has_national, 1);
    fx_close(&f);
}
END_TEST

START_TEST(compute_multistate_indicator_ranks)
{
    /* x distances: 06001 20, 06003 40, 06005 30; 32001 10, 32003 50,
     * 32005 30.
     * In state (§3.10.1), of 3, quartile ceil(4r/3):
     *   06001 1 (q ceil(1.33) = 2), 06005 2 (ceil(2.67) = 3), 06003 3 (4)
     *   32001 1 (2), 32005 2 (3), 32003 3 (4)
     * National (§3.10.2), of 6, quartile ceil(4r/6): 32001 d10 -> 1
     *   (ceil(0.67) = 1); 06001 d20 -> 2 (ceil(1.33) = 2); 06005 and
     *   32005 d30 tie -> 3, 3 (ceil(2) = 2); 06003 d40 -> 5 (ceil(3.33)
     *   = 4); 32003 d50 -> 6 (4).
     * y distances: 06001 40, 06003 50, 06005 25; 32001 60, 32003 20,
     * 32005 39.
     *   In state: 06005 1, 06001 2, 06003 3; 32003 1, 32005 2, 32001 3.
     *   National: 32003 (20) 1 q1, 06005 (25) 2 q2, 32005 (39) 3 q2,
     *   06001 (40) 4 q ceil(2.67) = 3, 06003 (50) 5 q4, 32001 (60) 6 q4.
     * States among states (§3.10.5), national_* equal:
     *   x: only 06000 has a value (65) -> 1 of 1, q ceil(4) = 4; 32000
     *      has no x row -> no group.
     *   y: 32000 60 (d40) -> 1 of 2 (q2), 06000 50 (d50) -> 2 (q4).
     * The nation is not ranked. */
    fx f;
    ms_open(&f, 1, MS_MANIFEST(""));
    ASSERT_RANKS(grp(&f, "06001", 0), 1, 3, 2, 2, 6, 2);
    ASSERT_RANKS(grp(&f, "06005", 0), 2, 3, 3, 3, 6, 2);
    ASSERT_RANKS(grp(&f, "06003", 0), 3, 3, 4, 5, 6, 4);
    ASSERT_RANKS(grp(&f, "32001", 0), 1, 3, 2, 1, 6, 1);
    ASSERT_RANKS(grp(&f, "32005", 0), 2, 3, 3, 3, 6, 2);
    ASSERT_RANKS(grp(&f, "32003", 0), 3, 3, 4, 6, 6, 4);
    ASSERT_RANKS(grp(&f, "06005", 1), 1, 3, 2, 2, 6, 2);
    ASSERT_RANKS(grp(&f, "06001", 1), 2, 3, 3, 4, 6, 3);
    ASSERT_RANKS(grp(&f, "06003", 1), 3, 3, 4, 5, 6, 4);
    ASSERT_RANKS(grp(&f, "32003", 1), 1, 3, 2, 1, 6, 1);
    ASSERT_RANKS(grp(&f, "32005", 1), 2, 3, 3, 3, 6, 2);
    ASSERT_RANKS(grp(&f, "32001", 1), 3, 3, 4, 6, 6, 4);
    ASSERT_RANKS(grp(&f, "06000", 0), 1, 1, 4, 1, 1, 4);
    ck_assert_ptr_null(grp(&f, "32000", 0));
    ASSERT_RANKS(grp(&f, "32000", 1), 1, 2, 2, 1, 2, 2);
    ASSERT_RANKS(grp(&f, "06000", 1), 2, 2, 4, 2, 2, 4);
    ASSERT_RANKS(grp(&f, "00000", 0), 0, 0, 0, 0, 0, 0);
    ASSERT_RANKS(grp(&f, "00000", 1), 0, 0, 0, 0, 0, 0);
    /* the public accessor reports the in-state rank */
    assert_rank(ires(&f, "32003", 1), 1, 3, 2);
    fx_close(&f);
}
END_TEST

START_TEST(compute_multistate_benchmarks_with_nation)
{
    /* §3.10.3 state benchmarks, x:
     *   California: its own row 65, reported (pooled would be
     *     100*(80+30+70)/250 = 72).
     *   Nevada: no row; every county has counts -> pooled
     *     100*(45+20+35)/(50+40+50) = 100*100/140 = 71.428571...
     * §3.10.4 national x: the nation row 70, reported (pooled over all
     *   counties would be 100*280/390 = 71.79). indicators[].benchmark
     *   (the main set) is the national series in a multi-state dataset.
     * y: California 50, Nevada 60 (both reported), national 55.
     * A county's benchmark is its state's; a state's is the national. */
    fx f;
    ms_open(&f, 1, MS_MANIFEST(""));
    int m;
    ck_assert_double_eq_tol(bench(&f, 0, state_set(&f, "06000"), &m), 65,
                            TOL);
    ck_assert_int_eq(m, SC_BENCH_REPORTED);
    ck_assert_double_eq_tol(bench(&f, 0, state_set(&f, "32000"), &m),
                            100.0 / 1.4, TOL);
    ck_assert_int_eq(m, SC_BENCH_POOLED);
    ck_assert_double_eq_tol(bench(&f, 0, SC_BSET_NATIONAL, &m), 70, TOL);
    ck_assert_int_eq(m, SC_BENCH_REPORTED);
    ck_assert_double_eq_tol(bench(&f, 0, SC_BSET_MAIN, &m), 70, TOL);
    ck_assert_int_eq(m, SC_BENCH_REPORTED);
    ck_assert_double_eq_tol(bench(&f, 1, state_set(&f, "06000"), &m), 50,
                            TOL);
    ck_assert_int_eq(m, SC_BENCH_REPORTED);
    ck_assert_double_eq_tol(bench(&f, 1, state_set(&f, "32000"), &m), 60,
                            TOL);
    ck_assert_int_eq(m, SC_BENCH_REPORTED);
    ck_assert_double_eq_tol(bench(&f, 1, SC_BSET_NATIONAL, &m), 55, TOL);
    ck_assert_int_eq(m, SC_BENCH_REPORTED);

    /* x, vs the state (key at 1 decimal): California 65 -> 650:
     *   06001 800 better, 06003 600 worse, 06005 700 better (06005's
     *   state comes from its FIPS code). Nevada 71.428571 -> floor(714.29
     *   + 0.5) = 714: 32001 900 better, 32003 500 worse, 32005 700 worse.
     * vs_national, 70 -> 700: 06001 better, 06003 worse, 06005 same,
     *   32001 better, 32003 worse, 32005 same. */
    sc_fig g = ofig(&f, 0, "06001", "All", 2021);
    ck_assert_double_eq_tol(g.benchmark, 65, TOL);
    ck_assert_int_eq(g.bench_method, SC_BENCH_REPORTED);
    ck_assert_int_eq(g.vs, SC_VS_BETTER);
    ck_assert_double_eq_tol(g.national, 70, TOL);
    ck_assert_int_eq(g.vs_national, SC_VS_BETTER);
    g = ofig(&f, 0, "06003", "All", 2021);
    ck_assert_int_eq(g.vs, SC_VS_WORSE);
    ck_assert_int_eq(g.vs_national, SC_VS_WORSE);
    g = ofig(&f, 0, "06005", "All", 2021);
    ck_assert_double_eq_tol(g.benchmark, 65, TOL);
    ck_assert_int_eq(g.vs, SC_VS_BETTER);
    ck_assert_int_eq(g.vs_national, SC_VS_SAME);
    g = ofig(&f, 0, "32001", "All", 2021);
    ck_assert_double_eq_tol(g.benchmark, 100.0 / 1.4, TOL);
    ck_assert_int_eq(g.bench_method, SC_BENCH_POOLED);
    ck_assert_int_eq(g.vs, SC_VS_BETTER);
    ck_assert_double_eq_tol(g.national, 70, TOL);
    ck_assert_int_eq(g.vs_national, SC_VS_BETTER);
    g = ofig(&f, 0, "32003", "All", 2021);
    ck_assert_int_eq(g.vs, SC_VS_WORSE);
    ck_assert_int_eq(g.vs_national, SC_VS_WORSE);
    g = ofig(&f, 0, "32005", "All", 2021);
    ck_assert_double_eq_tol(g.benchmark, 100.0 / 1.4, TOL);
    ck_assert_int_eq(g.vs, SC_VS_WORSE);
    ck_assert_int_eq(g.vs_national, SC_VS_SAME);
    /* the public accessor: the county's state benchmark */
    sc_indicator_result x = ires(&f, "32005", 0);
    ck_assert_double_eq_tol(x.benchmark, 100.0 / 1.4, TOL);
    assert_vs(x, "worse");

    /* y vs the state: California 50 (500): 06001 600 better, 06003 500
     *   same, 06005 750 better; Nevada 60 (600): 32001 400 worse, 32003
     *   800 better, 32005 610 better.
     * vs_national 55 (550): 06001 better, 06003 worse, 06005 better,
     *   32001 worse, 32003 better, 32005 better. */
    g = ofig(&f, 1, "06001", "All", 2021);
    ck_assert_int_eq(g.vs, SC_VS_BETTER);
    ck_assert_double_eq_tol(g.national, 55, TOL);
    ck_assert_int_eq(g.vs_national, SC_VS_BETTER);
    g = ofig(&f, 1, "06003", "All", 2021);
    ck_assert_int_eq(g.vs, SC_VS_SAME);
    ck_assert_int_eq(g.vs_national, SC_VS_WORSE);
    g = ofig(&f, 1, "06005", "All", 2021);
    ck_assert_int_eq(g.vs_national, SC_VS_BETTER);
    g = ofig(&f, 1, "32001", "All", 2021);
    ck_assert_double_eq_tol(g.benchmark, 60, TOL);
    ck_assert_int_eq(g.vs, SC_VS_WORSE);
    ck_assert_int_eq(g.vs_national, SC_VS_WORSE);
    g = ofig(&f, 1, "32003", "All", 2021);
    ck_assert_int_eq(g.vs, SC_VS_BETTER);
    ck_assert_int_eq(g.vs_national, SC_VS_BETTER);
    g = ofig(&f, 1, "32005", "All", 2021);
    ck_assert_int_eq(g.vs, SC_VS_BETTER);
    ck_assert_int_eq(g.vs_national, SC_VS_BETTER);

    /* a state is held against the national series, with no
     * better/worse/same (only counties get one) */
    g = ofig(&f, 0, "06000", "All", 2021);
    ck_assert_double_eq_tol(g.benchmark, 70, TOL);
    ck_assert_int_eq(g.vs, SC_VS_NONE);
    ck_assert_int_eq(g.vs_national, SC_VS_NONE);
    fx_close(&f);
}
END_TEST

START_TEST(compute_multistate_benchmarks_without_nation)
{
    /* No nation row: §3.10.4 national = pooled over all counties when
     * all have counts, else their median.
     *   x: every county has counts -> 100*(80+30+70+45+20+35)/
     *      (100+50+100+50+40+50) = 100*280/390 = 71.794871...; the state
     *      row 06000 (65) is not a county and does not count.
     *   y: no counts -> median of 60, 50, 75, 40, 80, 61: sorted 40 50
     *      60 61 75 80 -> (60 + 61)/2 = 60.5 (the state rows 50 and 60
     *      do not count).
     * State benchmarks unchanged: California 65 reported, Nevada 71.43
     * pooled.
     * vs_national x (71.79 -> floor(717.95 + 0.5) = 718): 06001 800
     *   better, 06003 600 worse, 06005 700 worse (same with the nation's
     *   70), 32001 better, 32003 worse, 32005 700 worse.
     * vs_national y (60.5 -> 605): 06001 600 worse, 06003 worse, 06005
     *   750 better, 32001 worse, 32003 better, 32005 610 better. */
    fx f;
    ms_open(&f, 0, MS_MANIFEST(""));
    ck_assert_int_eq(f.l.ds->multi_state, 1);
    ck_assert_uint_eq(f.l.ds->nation, SC_NONE);
    ck_assert_int_eq(f.r->has_national, 1);
    int m;
    ck_assert_double_eq_tol(bench(&f, 0, SC_BSET_NATIONAL, &m),
                            28000.0 / 390.0, TOL);
    ck_assert_int_eq(m, SC_BENCH_POOLED);
    ck_assert_double_eq_tol(bench(&f, 0, SC_BSET_MAIN, &m), 28000.0 / 390.0,
                            TOL);
    ck_assert_int_eq(m, SC_BENCH_POOLED);
    ck_assert_double_eq_tol(bench(&f, 1, SC_BSET_NATIONAL, &m), 60.5, TOL);
    ck_assert_int_eq(m, SC_BENCH_MEDIAN);
    ck_assert_double_eq_tol(bench(&f, 0, state_set(&f, "06000"), &m), 65,
                            TOL);
    ck_assert_int_eq(m, SC_BENCH_REPORTED);
    ck_assert_double_eq_tol(bench(&f, 0, state_set(&f, "32000"), &m),
                            100.0 / 1.4, TOL);
    ck_assert_int_eq(m, SC_BENCH_POOLED);

    static const char *const ids[] = {"06001", "06003", "06005",
                                      "32001", "32003", "32005"};
    static const int vx[] = {SC_VS_BETTER, SC_VS_WORSE, SC_VS_WORSE,
                             SC_VS_BETTER, SC_VS_WORSE, SC_VS_WORSE};
    static const int vy[] = {SC_VS_WORSE, SC_VS_WORSE, SC_VS_BETTER,
                             SC_VS_WORSE, SC_VS_BETTER, SC_VS_BETTER};
    for (size_t k = 0; k < 6; k++) {
        sc_fig g = ofig(&f, 0, ids[k], "All", 2021);
        ck_assert_double_eq_tol(g.national, 28000.0 / 390.0, TOL);
        ck_assert_msg(g.vs_national == vx[k], "x %s", ids[k]);
        g = ofig(&f, 1, ids[k], "All", 2021);
        ck_assert_double_eq_tol(g.national, 60.5, TOL);
        ck_assert_msg(g.vs_national == vy[k], "y %s", ids[k]);
    }
    /* ranks do not depend on the nation row: as with it */
    ASSERT_RANKS(grp(&f, "06005", 0), 2, 3, 3, 3, 6, 2);
    ASSERT_RANKS(grp(&f, "32000", 1), 1, 2, 2, 1, 2, 2);
    fx_close(&f);
}
END_TEST

START_TEST(compute_multistate_domain_overall_ranks)
{
    /* Health = x's score, Education = y's score (one indicator each);
     * overall = mean of the two, ranked descending, ties at 1 decimal.
     * Health in state: 06001 80 1, 06005 70 2, 06003 60 3; 32001 90 1,
     *   32005 70 2, 32003 50 3 (of 3, quartiles 2, 3, 4).
     *   National: 90 (32001) 1 q1; 80 (06001) 2 q2; 70 (06005, 32005) 3,
     *   3 q2; 60 (06003) 5 q4; 50 (32003) 6 q4.
     * Education in state: 06005 75 1, 06001 60 2, 06003 50 3; 32003 80 1,
     *   32005 61 2, 32001 40 3. National: 80 1, 75 2, 61 3, 60 4 (q3),
     *   50 5, 40 6.
     * Overall: 06001 (80+60)/2 = 70, 06003 (60+50)/2 = 55, 06005
     *   (70+75)/2 = 72.5; 32001 (90+40)/2 = 65, 32003 (50+80)/2 = 65,
     *   32005 (70+61)/2 = 65.5.
     *   In state: 06005 1 (q2), 06001 2 (q3), 06003 3 (q4); 32005 1 (q2),
     *   32001 and 32003 tie -> 2, 2 (q ceil(8/3) = 3).
     *   National, of 6: 72.5 1 (q1), 70 2 (q2), 65.5 3 (q2), 65 65 -> 4,
     *   4 (q ceil(16/6) = 3), 55 6 (q4).
     * States (§3.10.5): 06000 Health 65, Education 50, overall
     *   (65+50)/2 = 57.5; 32000 Health null (no x value: 0 of 1 scored),
     *   Education 60, overall 60 (1 of 2 domains >= 2/2).
     *   Health: 06000 1 of 1 (q4); 32000 unranked.
     *   Education: 32000 60 -> 1 of 2 (q2), 06000 50 -> 2 (q4).
     *   Overall: 32000 60 -> 1 of 2 (q2), 06000 57.5 -> 2 (q4).
     *   national_* equal these. The nation is not ranked. */
    fx f;
    ms_open(&f, 1, MS_MANIFEST(""));
    ASSERT_COMP(dcomp(&f, "06001", "Health"), 1, 3, 2, 2, 6, 2);
    ASSERT_COMP(dcomp(&f, "06005", "Health"), 2, 3, 3, 3, 6, 2);
    ASSERT_COMP(dcomp(&f, "06003", "Health"), 3, 3, 4, 5, 6, 4);
    ASSERT_COMP(dcomp(&f, "32001", "Health"), 1, 3, 2, 1, 6, 1);
    ASSERT_COMP(dcomp(&f, "32005", "Health"), 2, 3, 3, 3, 6, 2);
    ASSERT_COMP(dcomp(&f, "32003", "Health"), 3, 3, 4, 6, 6, 4);
    ASSERT_COMP(dcomp(&f, "06005", "Education"), 1, 3, 2, 2, 6, 2);
    ASSERT_COMP(dcomp(&f, "06001", "Education"), 2, 3, 3, 4, 6, 3);
    ASSERT_COMP(dcomp(&f, "06003", "Education"), 3, 3, 4, 5, 6, 4);
    ASSERT_COMP(dcomp(&f, "32003", "Education"), 1, 3, 2, 1, 6, 1);
    ASSERT_COMP(dcomp(&f, "32005", "Education"), 2, 3, 3, 3, 6, 2);
    ASSERT_COMP(dcomp(&f, "32001", "Education"), 3, 3, 4, 6, 6, 4);

    ck_assert_double_eq_tol(ocomp(&f, "06001")->score, 70, TOL);
    ck_assert_double_eq_tol(ocomp(&f, "06003")->score, 55, TOL);
    ck_assert_double_eq_tol(ocomp(&f, "06005")->score, 72.5, TOL);
    ck_assert_double_eq_tol(ocomp(&f, "32001")->score, 65, TOL);
    ck_assert_double_eq_tol(ocomp(&f, "32003")->score, 65, TOL);
    ck_assert_double_eq_tol(ocomp(&f, "32005")->score, 65.5, TOL);
    ASSERT_COMP(ocomp(&f, "06005"), 1, 3, 2, 1, 6, 1);
    ASSERT_COMP(ocomp(&f, "06001"), 2, 3, 3, 2, 6, 2);
    ASSERT_COMP(ocomp(&f, "06003"), 3, 3, 4, 6, 6, 4);
    ASSERT_COMP(ocomp(&f, "32005"), 1, 3, 2, 3, 6, 2);
    ASSERT_COMP(ocomp(&f, "32001"), 2, 3, 3, 4, 6, 3);
    ASSERT_COMP(ocomp(&f, "32003"), 2, 3, 3, 4, 6, 3);

    ck_assert_double_eq_tol(dcomp(&f, "06000", "Health")->score, 65, TOL);
    ASSERT_COMP(dcomp(&f, "06000", "Health"), 1, 1, 4, 1, 1, 4);
    ck_assert(isnan(dcomp(&f, "32000", "Health")->score));
    ASSERT_COMP(dcomp(&f, "32000", "Health"), 0, 0, 0, 0, 0, 0);
    ASSERT_COMP(dcomp(&f, "32000", "Education"), 1, 2, 2, 1, 2, 2);
    ASSERT_COMP(dcomp(&f, "06000", "Education"), 2, 2, 4, 2, 2, 4);
    ck_assert_double_eq_tol(ocomp(&f, "06000")->score, 57.5, TOL);
    ck_assert_double_eq_tol(ocomp(&f, "32000")->score, 60, TOL);
    ASSERT_COMP(ocomp(&f, "32000"), 1, 2, 2, 1, 2, 2);
    ASSERT_COMP(ocomp(&f, "06000"), 2, 2, 4, 2, 2, 4);
    ASSERT_COMP(ocomp(&f, "00000"), 0, 0, 0, 0, 0, 0);
    /* public accessors: the in-state ranks */
    sc_score_result o = ores(&f, "32003");
    ck_assert_int_eq(o.rank, 2);
    ck_assert_int_eq(o.of, 3);
    fx_close(&f);
}
END_TEST

START_TEST(compute_multistate_scope_makes_single_state)
{
    /* scope "06" keeps 06000, 06001, 06003, 06005 (the nation and Nevada
     * are skipped, SPEC §2.4): a single-state dataset without a nation
     * (§3.10.4: no national benchmark, vs_national null), ranks as
     * California's in-state ranks and national ranks equal to them
     * (§3.10.2): x 06001 1 (q2), 06005 2 (q3), 06003 3 (q4) of 3; the
     * state is not ranked (§3.10.5). The main benchmark is the state's
     * 65 (reported). */
    fx f;
    ms_open(&f, 1, MS_MANIFEST(", \"scope\": \"06\""));
    ck_assert_uint_eq(sc_dataset_geography_count(f.l.ds), 4);
    ck_assert_int_eq(f.l.ds->multi_state, 0);
    ck_assert_uint_eq(f.l.ds->nation, SC_NONE);
    ck_assert_int_eq(f.r->has_national, 0);
    ASSERT_RANKS(grp(&f, "06001", 0), 1, 3, 2, 1, 3, 2);
    ASSERT_RANKS(grp(&f, "06005", 0), 2, 3, 3, 2, 3, 3);
    ASSERT_RANKS(grp(&f, "06003", 0), 3, 3, 4, 3, 3, 4);
    ASSERT_RANKS(grp(&f, "06000", 0), 0, 0, 0, 0, 0, 0);
    int m;
    ck_assert_double_eq_tol(bench(&f, 0, SC_BSET_MAIN, &m), 65, TOL);
    ck_assert_int_eq(m, SC_BENCH_REPORTED);
    ck_assert(isnan(bench(&f, 0, SC_BSET_NATIONAL, &m)));
    ck_assert_int_eq(m, SC_BENCH_NONE);
    sc_fig g = ofig(&f, 0, "06005", "All", 2021);
    ck_assert_double_eq_tol(g.benchmark, 65, TOL);
    ck_assert(isnan(g.national));
    ck_assert_int_eq(g.vs_national, SC_VS_NONE);
    fx_close(&f);
}
END_TEST

/* One state of three counties and its state row (inferred geographies):
 * x 06000 65; 06001 80/100, 06003 30/50, 06005 70/100. */
#define SS_X                                                                 \
    "geo_id,year,value,numerator,denominator\n"                              \
    "06000,2021,65,,\n"                                                      \
    "06001,2021,,80,100\n"                                                   \
    "06003,2021,,30,50\n"                                                    \
    "06005,2021,,70,100\n"

START_TEST(compute_single_state_no_national)
{
    /* Single-state without a nation: national benchmark and vs_national
     * null (§3.10.4), national ranks equal the ranks (§3.10.2):
     * d 20, 40, 30 -> 06001 1 (q2), 06005 2 (q3), 06003 3 (q4) of 3.
     * Benchmark: the state's 65, reported; 06001 better. The state is
     * not ranked (§3.10.5); overall (one domain) ranks likewise. */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"indicators\": [" IND("x", "Health", "")
            "]}",
            "x.csv", SS_X, NULL);
    ck_assert_int_eq(f.l.ds->multi_state, 0);
    ck_assert_int_eq(f.r->has_national, 0);
    ASSERT_RANKS(grp(&f, "06001", 0), 1, 3, 2, 1, 3, 2);
    ASSERT_RANKS(grp(&f, "06005", 0), 2, 3, 3, 2, 3, 3);
    ASSERT_RANKS(grp(&f, "06003", 0), 3, 3, 4, 3, 3, 4);
    ASSERT_RANKS(grp(&f, "06000", 0), 0, 0, 0, 0, 0, 0);
    ASSERT_COMP(ocomp(&f, "06001"), 1, 3, 2, 1, 3, 2);
    ASSERT_COMP(ocomp(&f, "06003"), 3, 3, 4, 3, 3, 4);
    ASSERT_COMP(ocomp(&f, "06000"), 0, 0, 0, 0, 0, 0);
    static const char *const ids[] = {"06001", "06003", "06005"};
    for (size_t k = 0; k < 3; k++) {
        sc_fig g = ofig(&f, 0, ids[k], "All", 2021);
        ck_assert_double_eq_tol(g.benchmark, 65, TOL);
        ck_assert_int_eq(g.bench_method, SC_BENCH_REPORTED);
        ck_assert(isnan(g.national));
        ck_assert_int_eq(g.vs_national, SC_VS_NONE);
    }
    ck_assert_int_eq(ofig(&f, 0, "06001", "All", 2021).vs, SC_VS_BETTER);
    int m;
    ck_assert(isnan(bench(&f, 0, SC_BSET_NATIONAL, &m)));
    ck_assert_int_eq(m, SC_BENCH_NONE);
    fx_close(&f);
}
END_TEST

/* §3.10.4 in a single-state dataset with a nation geography: the main
 * benchmark stays the state's (65, reported), and each county gets
 * national_benchmark = the nation's 70 (reported) and vs_national (key
 * 700): 06001 800 better, 06003 600 worse, 06005 700 same. Ranks as
 * without the nation. */
static void
assert_single_state_with_nation(const fx *f)
{
    ck_assert_int_eq(f->l.ds->multi_state, 0);
    ck_assert_int_eq(f->r->has_national, 1);
    int m;
    ck_assert_double_eq_tol(bench(f, 0, SC_BSET_MAIN, &m), 65, TOL);
    ck_assert_int_eq(m, SC_BENCH_REPORTED);
    ck_assert_double_eq_tol(bench(f, 0, SC_BSET_NATIONAL, &m), 70, TOL);
    ck_assert_int_eq(m, SC_BENCH_REPORTED);
    static const char *const ids[] = {"06001", "06003", "06005"};
    static const int vs[] = {SC_VS_BETTER, SC_VS_WORSE, SC_VS_SAME};
    for (size_t k = 0; k < 3; k++) {
        sc_fig g = ofig(f, 0, ids[k], "All", 2021);
        ck_assert_double_eq_tol(g.benchmark, 65, TOL);
        ck_assert_double_eq_tol(g.national, 70, TOL);
        ck_assert_msg(g.vs_national == vs[k], "%s", ids[k]);
    }
    ASSERT_RANKS(grp(f, "06005", 0), 2, 3, 3, 2, 3, 3);
    ASSERT_RANKS(grp(f, "00000", 0), 0, 0, 0, 0, 0, 0);
}

START_TEST(compute_single_state_with_nation_listed)
{
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"geographies\": \"geo.csv\", "
            "\"indicators\": [" IND("x", "Health", "") "]}",
            "geo.csv",
            "geo_id,name,level,parent\n"
            "00000,United States,nation,\n"
            "06000,California,state,00000\n"
            "06001,A1,county,06000\n"
            "06003,A2,county,\n"
            "06005,A3,county,06000\n",
            "x.csv", SS_X "00000,2021,70,,\n", NULL);
    ck_assert_uint_eq(f.l.ds->nation, geo(&f, "00000"));
    assert_single_state_with_nation(&f);
    fx_close(&f);
}
END_TEST

START_TEST(compute_single_state_with_nation_inferred)
{
    /* The same with inferred geographies: SPEC §2.4 infers 00000 as the
     * nation, so the figures must be those of the listed case. */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"indicators\": [" IND("x", "Health", "")
            "]}",
            "x.csv", SS_X "00000,2021,70,,\n", NULL);
    size_t g;
    ck_assert_msg(sc_dataset_find_geography(f.l.ds, "00000", &g) == SC_OK,
                  "SPEC §2.4: an inferred 00000 is the nation, its rows "
                  "kept");
    ck_assert_uint_eq(f.l.ds->nation, g);
    assert_single_state_with_nation(&f);
    fx_close(&f);
}
END_TEST

START_TEST(compute_single_state_nation_some_years)
{
    /* Single-state with a nation row for 2020 only: the national series is
     * the nation's own value where it has one (2020: 72, reported) and
     * null elsewhere: in 2021 pooling the state's counties would give
     * 100*(80+30+70)/(100+50+100) = 72.0, the state passed off as the
     * nation. The state's own benchmark is untouched (65 reported in
     * 2021). */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"indicators\": [" IND("x", "Health", "")
            "]}",
            "x.csv",
            "geo_id,year,value,numerator,denominator\n"
            "00000,2020,72,,\n"
            "06000,2020,60,,\n06001,2020,,50,100\n06003,2020,,40,50\n"
            "06000,2021,65,,\n06001,2021,,80,100\n06003,2021,,30,50\n"
            "06005,2021,,70,100\n",
            NULL);
    ck_assert_int_eq(f.l.ds->multi_state, 0);
    int m;
    double n20 = sc_bench_get(f.r, 0, SC_BSET_NATIONAL, 0, 2020, &m);
    ck_assert_msg(fabs(n20 - 72) < TOL && m == SC_BENCH_REPORTED,
                  "2020 national: the nation's 72 reported; got %g (%d)", n20,
                  m);
    double n21 = sc_bench_get(f.r, 0, SC_BSET_NATIONAL, 0, 2021, &m);
    ck_assert_msg(isnan(n21) && m == SC_BENCH_NONE,
                  "2021 national: none (one state's counties are not the "
                  "nation); got %g (%d)", n21, m);
    double s21 = bench(&f, 0, SC_BSET_MAIN, &m);
    ck_assert_msg(fabs(s21 - 65) < TOL && m == SC_BENCH_REPORTED,
                  "2021 state benchmark 65 reported; got %g (%d)", s21, m);
    fx_close(&f);
}
END_TEST

START_TEST(compute_multistate_nation_inferred)
{
    /* Multi-state, inferred geographies (06000, 32000 have rows): the
     * 00000 row (70) is the national benchmark, reported (§2.4, §3.10.4);
     * without it the median of 80 and 90 would be 85. 06001 80 vs 70
     * better; 32001 90 better. */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"indicators\": [" IND("x", "Health", "")
            "]}",
            "x.csv",
            "geo_id,year,value\n00000,2021,70\n06000,2021,65\n"
            "06001,2021,80\n32000,2021,60\n32001,2021,90\n",
            NULL);
    ck_assert_int_eq(f.l.ds->multi_state, 1);
    int m;
    double nat = bench(&f, 0, SC_BSET_NATIONAL, &m);
    ck_assert_msg(fabs(nat - 70) < TOL && m == SC_BENCH_REPORTED,
                  "SPEC §2.4/§3.10.4: national benchmark from the inferred "
                  "nation 00000 (70, reported); got %g (method %d)",
                  nat, m);
    fx_close(&f);
}
END_TEST

START_TEST(compute_multistate_counties_without_state)
{
    /* §3.10.1: counties without a state form one peer group of their
     * own; §3.10.3: they use the national benchmark. X1 and X2 are not
     * FIPS codes and have blank parents: no state.
     * x (values only, no state or nation rows): 06001 80, 32001 90,
     *   X1 60, X2 70.
     * National: no nation, no counts -> median of 60 70 80 90 =
     *   (70 + 80)/2 = 75 (median).
     * Peer groups: {06001} -> 1 of 1 (q4); {32001} -> 1 of 1; {X1, X2}:
     *   X2 d30 -> 1 (q ceil(4/2) = 2), X1 d40 -> 2 (q4), of 2.
     * National of 4: 32001 d10 1 (q1), 06001 d20 2 (q2), X2 d30 3
     *   (q3), X1 d40 4 (q4).
     * Benchmarks: 06001 its state's median of {80} = 80 -> same; 32001
     *   90 -> same; X1 national 75 (750 vs 600) worse; X2 (700) worse. */
    fx f;
    fx_open(&f,
            "{\"title\": \"T\", \"geographies\": \"geo.csv\", "
            "\"indicators\": [" IND("x", "Health", "") "]}",
            "geo.csv",
            "geo_id,name,level,parent\n"
            "06000,California,state,\n06001,A1,county,\n"
            "32000,Nevada,state,\n32001,B1,county,32000\n"
            "X1,Nowhere,county,\nX2,Elsewhere,county,\n",
            "x.csv",
            "geo_id,year,value\n06001,2021,80\n32001,2021,90\n"
            "X1,2021,60\nX2,2021,70\n",
            NULL);
    ck_assert_int_eq(f.l.ds->multi_state, 1);
    ck_assert_uint_eq(f.l.ds->geos[geo(&f, "X1")].state, SC_NONE);
    ck_assert_uint_eq(f.l.ds->geos[geo(&f, "X1")].peer, 0);
    ASSERT_RANKS(grp(&f, "06001", 0), 1, 1, 4, 2, 4, 2);
    ASSERT_RANKS(grp(&f, "32001", 0), 1, 1, 4, 1, 4, 1);
    ASSERT_RANKS(grp(&f, "X2", 0), 1, 2, 2, 3, 4, 3);
    ASSERT_RANKS(grp(&f, "X1", 0), 2, 2, 4, 4, 4, 4);
    int m;
    ck_assert_double_eq_tol(bench(&f, 0, SC_BSET_NATIONAL, &m), 75, TOL);
    ck_assert_int_eq(m, SC_BENCH_MEDIAN);
    sc_fig g = ofig(&f, 0, "06001", "All", 2021);
    ck_assert_double_eq_tol(g.benchmark, 80, TOL);
    ck_assert_int_eq(g.bench_method, SC_BENCH_MEDIAN);
    ck_assert_int_eq(g.vs, SC_VS_SAME);
    ck_assert_int_eq(g.vs_national, SC_VS_BETTER);
    g = ofig(&f, 0, "X1", "All", 2021);
    ck_assert_double_eq_tol(g.benchmark, 75, TOL);
    ck_assert_int_eq(g.bench_method, SC_BENCH_MEDIAN);
    ck_assert_int_eq(g.vs, SC_VS_WORSE);
    ck_assert_double_eq_tol(g.national, 75, TOL);
    ck_assert_int_eq(g.vs_national, SC_VS_WORSE);
    g = ofig(&f, 0, "X2", "All", 2021);
    ck_assert_double_eq_tol(g.benchmark, 75, TOL);
    ck_assert_int_eq(g.vs, SC_VS_WORSE);
    fx_close(&f);
}
END_TEST

/* Seven counties with moe in two states (geographies listed, no state
 * rows): 06001 50, 06003 52, 06005 54 (moe 5); 32001 50 (moe 4), 32003
 * 51 (moe 6), 32005 53, 32007 55 (moe 5). */
static const char *const MSR_GEO =
    "geo_id,name,level,parent\n"
    "06000,California,state,\n"
    "06001,A1,county,\n06003,A2,county,\n06005,A3,county,\n"
    "32000,Nevada,state,\n"
    "32001,B1,county,\n32003,B2,county,\n32005,B3,county,\n"
    "32007,B4,county,\n";
static const char *const MSR_X =
    "geo_id,year,value,moe\n"
    "06001,2021,50,5\n06003,2021,52,5\n06005,2021,54,5\n"
    "32001,2021,50,4\n32003,2021,51,6\n32005,2021,53,5\n32007,2021,55,5\n";
#define MSR_MANIFEST(top)                                                    \
    "{\"title\": \"T\", \"geographies\": \"geo.csv\", \"rank_draws\": 300, " \
    "\"seed\": 3" top ", \"indicators\": [" IND("x", "Health", "") "]}"

START_TEST(compute_multistate_rank_ranges_per_state)
{
    /* §3.10.1: each peer group's draws restart from the seed and are
     * consumed in geo_id order, so a state's rank ranges are those of the
     * same state alone (scope), where "a single-state dataset draws
     * exactly as before".
     * Point ranks, in state: California d 50, 48, 46 -> 06005 1, 06003 2,
     * 06001 3; Nevada d 50, 49, 47, 45 -> 32007 1, 32005 2, 32003 3,
     * 32001 4. National (of 7): 32007 45 -> 1, 06005 46 -> 2, 32005 47
     * -> 3, 06003 48 -> 4, 32003 49 -> 5, 06001 and 32001 50 -> 6, 6. */
    fx all, ca, nv;
    fx_open(&all, MSR_MANIFEST(""), "geo.csv", MSR_GEO, "x.csv", MSR_X,
            NULL);
    fx_open(&ca, MSR_MANIFEST(", \"scope\": \"06\""), "geo.csv", MSR_GEO,
            "x.csv", MSR_X, NULL);
    fx_open(&nv, MSR_MANIFEST(", \"scope\": \"32\""), "geo.csv", MSR_GEO,
            "x.csv", MSR_X, NULL);
    ck_assert_int_eq(all.l.ds->multi_state, 1);
    ck_assert_int_eq(ca.l.ds->multi_state, 0);
    ck_assert_int_eq(grp(&all, "06005", 0)->rank, 1);
    ck_assert_int_eq(grp(&all, "06001", 0)->rank, 3);
    ck_assert_int_eq(grp(&all, "32007", 0)->rank, 1);
    ck_assert_int_eq(grp(&all, "32001", 0)->rank, 4);
    ck_assert_int_eq(grp(&all, "32001", 0)->of, 4);
    ck_assert_int_eq(grp(&all, "32007", 0)->nrank, 1);
    ck_assert_int_eq(grp(&all, "06005", 0)->nrank, 2);
    ck_assert_int_eq(grp(&all, "06001", 0)->nrank, 6);
    ck_assert_int_eq(grp(&all, "32001", 0)->nrank, 6);
    ck_assert_int_eq(grp(&all, "32001", 0)->nof, 7);
    static const char *const ids[] = {"06001", "06003", "06005", "32001",
                                      "32003", "32005", "32007"};
    int spread = 0;
    for (size_t k = 0; k < 7; k++) {
        const sc_group *a = grp(&all, ids[k], 0);
        const sc_group *s = grp(ids[k][0] == '0' ? &ca : &nv, ids[k], 0);
        ck_assert_int_ge(a->rank_low, 1);
        ck_assert_int_le(a->rank_low, a->rank);
        ck_assert_int_le(a->rank, a->rank_high);
        ck_assert_int_le(a->rank_high, a->of);
        ck_assert_int_eq(a->rank, s->rank);
        ck_assert_msg(a->rank_low == s->rank_low &&
                          a->rank_high == s->rank_high,
                      "%s: [%d, %d] in the multi-state dataset, [%d, %d] "
                      "alone",
                      ids[k], a->rank_low, a->rank_high, s->rank_low,
                      s->rank_high);
        spread |= a->rank_low < a->rank_high;
    }
    ck_assert(spread);
    fx_close(&nv);
    fx_close(&ca);
    fx_close(&all);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("compute");
    TCase *tc = tcase_create("compute:distance");
    tcase_add_test(tc, compute_distance_higher_is_better);
    tcase_add_test(tc, compute_distance_lower_is_better);
    tcase_add_test(tc, compute_distance_custom_target);
    suite_add_tcase(s, tc);
    tc = tcase_create("compute:ranks");
    tcase_add_test(tc, compute_ranks_competition_ties_at_decimals);
    tcase_add_test(tc, compute_ranks_lower_is_better_quartiles_of_five);
    suite_add_tcase(s, tc);
    tc = tcase_create("compute:benchmarks");
    tcase_add_test(tc, compute_benchmark_reported_state_value);
    tcase_add_test(tc, compute_benchmark_pooled_counts);
    tcase_add_test(tc, compute_benchmark_median_when_counts_missing);
    tcase_add_test(tc, compute_benchmark_suppressed_state_falls_back);
    tcase_add_test(tc, compute_benchmark_lower_is_better_orientation);
    tcase_add_test(tc, compute_benchmark_per_subgroup);
    suite_add_tcase(s, tc);
    tc = tcase_create("compute:composites");
    tcase_add_test(tc, compute_domain_weighted_mean_and_coverage);
    tcase_add_test(tc, compute_overall_mean_of_domains_with_indicators);
    tcase_add_test(tc, compute_composite_ranks_descending_ties_at_one_decimal);
    suite_add_tcase(s, tc);
    tc = tcase_create("compute:equity");
    tcase_add_test(tc, compute_equity_best_worst_subgroup);
    suite_add_tcase(s, tc);
    tc = tcase_create("compute:rank_ranges");
    tcase_add_test(tc, compute_rank_range_same_seed_same_ranges);
    tcase_add_test(tc, compute_rank_range_other_seed);
    tcase_add_test(tc, compute_rank_range_disabled_by_zero_draws);
    tcase_add_test(tc, compute_rank_range_none_without_moe);
    suite_add_tcase(s, tc);
    tc = tcase_create("compute:latest_year");
    tcase_add_test(tc, compute_latest_year_no_fallback);
    tcase_add_test(tc, compute_trend_skips_suppressed_points);
    suite_add_tcase(s, tc);
    tc = tcase_create("compute:states");
    tcase_add_test(tc, compute_multistate_hierarchy);
    tcase_add_test(tc, compute_multistate_indicator_ranks);
    tcase_add_test(tc, compute_multistate_benchmarks_with_nation);
    tcase_add_test(tc, compute_multistate_benchmarks_without_nation);
    tcase_add_test(tc, compute_multistate_domain_overall_ranks);
    tcase_add_test(tc, compute_multistate_scope_makes_single_state);
    tcase_add_test(tc, compute_multistate_rank_ranges_per_state);
    tcase_add_test(tc, compute_multistate_counties_without_state);
    tcase_add_test(tc, compute_single_state_no_national);
    tcase_add_test(tc, compute_single_state_with_nation_listed);
    tcase_add_test(tc, compute_single_state_with_nation_inferred);
    tcase_add_test(tc, compute_multistate_nation_inferred);
    tcase_add_test(tc, compute_single_state_nation_some_years);
    suite_add_tcase(s, tc);
    tc = tcase_create("compute:api");
    tcase_add_test(tc, compute_rejects_bad_arguments);
    tcase_add_test(tc, compute_shared_draws_match_gsl_ran_gaussian);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return tu_run(suite());
}
