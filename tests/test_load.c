/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of loading observations (engine/load.c, engine/geo.c) through
 * a whole dataset load with the repository's catalog: tiny datasets are
 * written into a temporary directory and the loaded values are read back
 * with sc_dataset_observation(). SPEC §2, §3.1 and §3.9 items 4, 5, 18.
 * Every expected figure is worked out by hand in a comment.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* The exact z values: 90% (a moe is a 90% margin) and 95%. */
#define Z90 1.645
#define Z95 1.959963984540054

/* A manifest with one inline indicator "x" read from x.csv; `top` adds
 * top-level keys and `extra` adds keys to the indicator entry (each
 * starting with a comma, or empty). */
#define MANIFEST(top, extra)                                                 \
    "{\"title\": \"T\"" top ",\n"                                            \
    " \"indicators\": [\n"                                                   \
    "  {\"id\": \"x\", \"name\": \"X\", \"domain\": \"Health\",\n"          \
    "   \"file\": \"x.csv\"" extra "}\n"                                     \
    " ]}\n"

/* ------------------------------------------------------------ helpers */

/* A dataset directory with a manifest and the observation file x.csv. */
static char *
make(const char *manifest, const char *csv)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "scorecard.json", manifest);
    if (csv)
        tu_write(dir, "x.csv", csv);
    return dir;
}

/* Load dir and assert that it loaded without errors. */
static tu_load
load_ok(const char *dir)
{
    tu_load l = tu_load_dir(dir);
    if (l.status != SC_OK || sc_diagnostics_total(l.diags, SC_SEV_ERROR))
        tu_dump(l.diags);
    ck_assert_int_eq(l.status, SC_OK);
    ck_assert_ptr_nonnull(l.ds);
    ck_assert_uint_eq(sc_diagnostics_total(l.diags, SC_SEV_ERROR), 0);
    return l;
}

/* Load dir and assert that it failed with data errors. */
static tu_load
load_fails(const char *dir)
{
    tu_load l = tu_load_dir(dir);
    if (l.status != SC_ERR_DATA)
        tu_dump(l.diags);
    ck_assert_int_eq(l.status, SC_ERR_DATA);
    ck_assert_ptr_null(l.ds);
    return l;
}

/* The observation of indicator ind for (geo_id, subgroup, year). */
static sc_observation
obs(const tu_load *l, size_t ind, const char *geo, const char *subgroup,
    int year)
{
    sc_observation o;
    size_t i = tu_obs(l->ds, ind, geo, subgroup, year);
    ck_assert_int_eq(sc_dataset_observation(l->ds, i, &o), SC_OK);
    return o;
}

/* The geography with this id. */
static const sc_geography_info *
geo(const tu_load *l, const char *id)
{
    size_t g;
    ck_assert_msg(sc_dataset_find_geography(l->ds, id, &g) == SC_OK,
                  "no geography %s", id);
    const sc_geography_info *info = sc_dataset_geography(l->ds, g);
    ck_assert_ptr_nonnull(info);
    return info;
}

static int
has_geo(const tu_load *l, const char *id)
{
    size_t g;
    return sc_dataset_find_geography(l->ds, id, &g) == SC_OK;
}

/* ------------------------------------------------------ order and jobs */

/* Whether observation a comes before b in the documented order: indicator,
 * geography (geo_id order), subgroup (All first, then by name), year. */
static int
before(const sc_dataset *ds, const sc_observation *a, const sc_observation *b)
{
    if (a->indicator != b->indicator)
        return a->indicator < b->indicator;
    if (a->geography != b->geography) {
        const char *x = sc_dataset_geography(ds, a->geography)->geo_id;
        const char *y = sc_dataset_geography(ds, b->geography)->geo_id;
        ck_assert_int_ne(strcmp(x, y), 0);
        return strcmp(x, y) < 0;
    }
    int sa = strcmp(a->subgroup, "All") != 0, sb = strcmp(b->subgroup, "All") != 0;
    if (sa != sb)
        return sa < sb;
    if (strcmp(a->subgroup, b->subgroup) != 0)
        return strcmp(a->subgroup, b->subgroup) < 0;
    return a->year < b->year;
}

/* Two indicators over `ngeo` counties and `nsub` subgroups, `rows` rows
 * each, written in a scrambled order (k * 7919 mod rows), some with year
 * ranges; no geographies file. */
static char *
scrambled(size_t ngeo, size_t nsub, size_t rows, int crt)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "scorecard.json",
             "{\"title\": \"T\", \"indicators\": [\n"
             " {\"id\": \"a\", \"name\": \"A\", \"domain\": \"D\", \"file\": \"a.csv\"},\n"
             " {\"id\": \"b\", \"name\": \"B\", \"domain\": \"D\", \"file\": \"b.csv\"}]}\n");
    for (int f = 0; f < 2; f++) {
        size_t cap = 64 + rows * 48;
        char *csv = malloc(cap);
        ck_assert_ptr_nonnull(csv);
        size_t n = (size_t)snprintf(csv, cap, "geo_id,year,subgroup,value\n");
        for (size_t i = 0; i < rows; i++) {
            size_t k = (i * 7919 + (size_t)f) % rows;
            /* coprime sizes: (k mod ngeo, k mod nsub) are distinct pairs
             * for k < ngeo * nsub; else take the digits of k */
            size_t g = k % ngeo;
            size_t s = crt ? k % nsub : (k / ngeo) % nsub;
            size_t y = k / (ngeo * nsub);
            char sg[16], year[32];
            if (s == 0)
                strcpy(sg, (k & 1) ? "All" : "");
            else
                snprintf(sg, sizeof sg, "S%03zu", nsub - s);
            if (y % 3 == 2)
                snprintf(year, sizeof year, "%zu-%zu", 1998 + y, 2000 + y);
            else
                snprintf(year, sizeof year, "%zu", 2000 + y);
            n += (size_t)snprintf(csv + n, cap - n, "%05zu,%s,%s,%zu.5\n",
                                  (size_t)6001 + 2 * g, year, sg, k % 90);
        }
        tu_write(dir, f ? "b.csv" : "a.csv", csv);
        free(csv);
    }
    return dir;
}

/* Every observation in the documented order, and the same observations
 * (values, labels, lines' worth of content) whatever the number of worker
 * threads. Run on a dense key space and on one with more (geography,
 * subgroup) pairs than rows, which takes the other sorting path. */
static void
check_order_and_jobs(size_t ngeo, size_t nsub, size_t rows, int crt)
{
    char *dir = scrambled(ngeo, nsub, rows, crt);
    tu_load one = tu_load_dir_jobs(dir, 1);
    if (one.status != SC_OK)
        tu_dump(one.diags);
    ck_assert_int_eq(one.status, SC_OK);
    size_t n = sc_dataset_observation_count(one.ds);
    ck_assert_uint_eq(n, 2 * rows);
    sc_observation prev, cur;
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(sc_dataset_observation(one.ds, i, &cur), SC_OK);
        if (i)
            ck_assert_msg(before(one.ds, &prev, &cur),
                          "observation %zu is out of order", i);
        prev = cur;
    }
    for (unsigned jobs = 2; jobs <= 5; jobs += 3) {
        tu_load many = tu_load_dir_jobs(dir, jobs);
        ck_assert_int_eq(many.status, SC_OK);
        ck_assert_uint_eq(sc_dataset_observation_count(many.ds), n);
        for (size_t i = 0; i < n; i++) {
            sc_observation a, b;
            sc_dataset_observation(one.ds, i, &a);
            sc_dataset_observation(many.ds, i, &b);
            ck_assert_uint_eq(a.indicator, b.indicator);
            ck_assert_uint_eq(a.geography, b.geography);
            ck_assert_str_eq(a.subgroup, b.subgroup);
            ck_assert_int_eq(a.year, b.year);
            ck_assert_double_eq(a.value, b.value);
            ck_assert_int_eq(!a.year_label, !b.year_label);
            if (a.year_label)
                ck_assert_str_eq(a.year_label, b.year_label);
        }
        tu_load_free(&many);
    }
    tu_load_free(&one);
    tu_cleanup(dir);
}

START_TEST(load_order_dense_keys)
{
    /* 40 counties x 6 subgroups x 9 years, every cell once */
    check_order_and_jobs(40, 6, 40 * 6 * 9, 0);
}
END_TEST

START_TEST(load_order_sparse_keys)
{
    /* 300 counties x 299 subgroups = 89,700 keys > 4 x 1,200 rows +
     * 65,536: the rows are bucketed by geography only, then sorted */
    check_order_and_jobs(300, 299, 600, 1);
}
END_TEST

/* ----------------------------------------------------------- canonical */

START_TEST(load_canonical_columns)
{
    /* canonical names in another order and case; blank subgroup = All */
    char *dir = make(MANIFEST("", ""),
                     "Subgroup,MOE,Denominator,YEAR,Value,Numerator,GEO_ID\n"
                     ",2.0,200,2020,42.5,85,06001\n"
                     "Latino,3,100,2020,40,40,06001\n"
                     ",1.5,50,2020,,30,06003\n");
    tu_load l = load_ok(dir);
    ck_assert_uint_eq(sc_dataset_observation_count(l.ds), 3);

    /* 06001 All: value 42.5 (= 100 * 85 / 200, consistent), moe 2 */
    sc_observation o = obs(&l, 0, "06001", "All", 2020);
    ck_assert_str_eq(o.subgroup, "All");
    ck_assert_int_eq(o.year, 2020);
    ck_assert_ptr_null(o.year_label);
    ck_assert_double_eq_tol(o.value, 42.5, TU_EPS);
    ck_assert_double_eq_tol(o.moe, 2.0, TU_EPS);
    ck_assert_double_eq_tol(o.numerator, 85, TU_EPS);
    ck_assert_double_eq_tol(o.denominator, 200, TU_EPS);
    ck_assert_int_eq(o.reason, SC_REASON_NONE);
    /* rse = 2 / 1.645 / 42.5 = 0.029: stable */
    ck_assert_int_eq(o.unstable, 0);

    /* 06001 Latino: 40 (= 100 * 40 / 100) */
    o = obs(&l, 0, "06001", "Latino", 2020);
    ck_assert_str_eq(o.subgroup, "Latino");
    ck_assert_double_eq_tol(o.value, 40, TU_EPS);
    ck_assert_double_eq_tol(o.moe, 3, TU_EPS);

    /* 06003 All: blank value, from the counts: 100 * 30 / 50 = 60 */
    o = obs(&l, 0, "06003", "All", 2020);
    ck_assert_double_eq_tol(o.value, 60, TU_EPS);
    ck_assert_double_eq_tol(o.moe, 1.5, TU_EPS);
    ck_assert_int_eq(o.reason, SC_REASON_NONE);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(load_columns_mapping)
{
    char *dir = make(
        MANIFEST("", ",\n   \"columns\": {\"geo_id\": \"fipscode\", "
                     "\"value\": \"v122_rawvalue\"}"),
        "statecode,fipscode,year,v122_rawvalue,v122_cilow\n"
        "06,06001,2020,91.5,zz\n"
        "06,06003,2020,88.25,zz\n");
    tu_load l = load_ok(dir);
    ck_assert_uint_eq(sc_dataset_observation_count(l.ds), 2);
    /* values straight from v122_rawvalue; extra columns are ignored */
    sc_observation o = obs(&l, 0, "06001", "All", 2020);
    ck_assert_double_eq_tol(o.value, 91.5, TU_EPS);
    ck_assert(isnan(o.moe));
    ck_assert(isnan(o.numerator));
    o = obs(&l, 0, "06003", "All", 2020);
    ck_assert_double_eq_tol(o.value, 88.25, TU_EPS);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(load_concatenated_geo_id)
{
    char *dir = make(
        MANIFEST("", ",\n   \"columns\": {\"geo_id\": [\"state\", "
                     "\"county\"]}"),
        "state,county,year,value\n"
        "06,037,2020,50\n"
        "06,001,2020,60\n");
    tu_load l = load_ok(dir);
    /* "06" + "037" = "06037", "06" + "001" = "06001" */
    ck_assert_uint_eq(sc_dataset_geography_count(l.ds), 2);
    ck_assert_int_eq(geo(&l, "06037")->level, SC_LEVEL_COUNTY);
    sc_observation o = obs(&l, 0, "06037", "All", 2020);
    ck_assert_double_eq_tol(o.value, 50, TU_EPS);
    o = obs(&l, 0, "06001", "All", 2020);
    ck_assert_double_eq_tol(o.value, 60, TU_EPS);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

/* ------------------------------------------------------------ intervals */

START_TEST(load_ci_bounds_to_moe)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "scorecard.json",
             "{\"title\": \"T\", \"indicators\": [\n"
             " {\"id\": \"a\", \"name\": \"A\", \"domain\": \"Health\",\n"
             "  \"file\": \"a.csv\", \"ci_level\": 95,\n"
             "  \"columns\": {\"ci_low\": \"lower\", \"ci_high\": \"upper\"}},\n"
             " {\"id\": \"b\", \"name\": \"B\", \"domain\": \"Health\",\n"
             "  \"file\": \"b.csv\", \"ci_level\": 90,\n"
             "  \"columns\": {\"ci_low\": \"lower\", \"ci_high\": \"upper\"}}\n"
             "]}\n");
    tu_write(dir, "a.csv", "geo_id,year,value,lower,upper\n"
                           "06001,2020,50,46,54\n");
    tu_write(dir, "b.csv", "geo_id,year,value,lower,upper\n"
                           "06001,2020,50,46,54\n");
    tu_load l = load_ok(dir);
    /* 95% interval [46, 54]: moe = (54 - 46) / 2 * 1.645 / 1.96
     * = 4 * 1.645 / 1.959963984540054 = 3.35720455 */
    sc_observation o = obs(&l, 0, "06001", "All", 2020);
    ck_assert_double_eq_tol(o.value, 50, TU_EPS);
    ck_assert_double_eq_tol(o.moe, 4.0 * Z90 / Z95, 1e-9);
    ck_assert_double_eq_tol(o.moe, 3.357204546564223, 1e-9);
    /* 90% interval: SPEC's formula uses the spec constant 1.645 over the
     * exact quantile z(90) = 1.6448536269514722, so a half-width of 4
     * gives 4 * 1.645 / 1.6448536269514722 = 4.000355970, not exactly 4 */
    o = obs(&l, 1, "06001", "All", 2020);
    ck_assert_double_eq_tol(o.moe, 4.000355953979441, 1e-9);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(load_moe_wins_over_interval)
{
    char *dir = make(
        MANIFEST("", ",\n   \"columns\": {\"ci_low\": \"lo\", "
                     "\"ci_high\": \"hi\"}"),
        "geo_id,year,value,moe,lo,hi\n"
        "06001,2020,50,1.5,46,54\n"
        "06003,2020,50,,46,54\n");
    tu_load l = load_ok(dir);
    /* SPEC §3.9.18: a row with both uses the moe: 1.5 */
    sc_observation o = obs(&l, 0, "06001", "All", 2020);
    ck_assert_double_eq_tol(o.moe, 1.5, TU_EPS);
    /* no moe: from the 95% interval, 4 * 1.645 / 1.96 = 3.35720455 */
    o = obs(&l, 0, "06003", "All", 2020);
    ck_assert_double_eq_tol(o.moe, 4.0 * Z90 / Z95, 1e-9);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

/* ----------------------------------------------------------- transforms */

START_TEST(load_transform_scale)
{
    char *dir = make(
        MANIFEST("", ",\n   \"columns\": {\"ci_low\": \"lo\", "
                     "\"ci_high\": \"hi\"},\n"
                     "   \"transform\": {\"scale\": 100}"),
        "geo_id,year,value,moe,numerator,denominator,lo,hi\n"
        "06001,2020,0.85,0.02,170,200,,\n"
        "06003,2020,0.5,,,,0.4,0.6\n");
    tu_load l = load_ok(dir);
    /* 0.85 * 100 = 85, moe 0.02 * 100 = 2; counts are not scaled and
     * 100 * 170 / 200 = 85 is consistent */
    sc_observation o = obs(&l, 0, "06001", "All", 2020);
    ck_assert_double_eq_tol(o.value, 85, TU_EPS);
    ck_assert_double_eq_tol(o.moe, 2, TU_EPS);
    ck_assert_double_eq_tol(o.numerator, 170, TU_EPS);
    ck_assert_double_eq_tol(o.denominator, 200, TU_EPS);
    /* bounds scaled to [40, 60]: moe = (60 - 40) / 2 * 1.645 / 1.96
     * = 10 * 0.83922646 = 8.39226455 */
    o = obs(&l, 0, "06003", "All", 2020);
    ck_assert_double_eq_tol(o.value, 50, TU_EPS);
    ck_assert_double_eq_tol(o.moe, 10.0 * Z90 / Z95, 1e-9);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(load_transform_complement)
{
    char *dir = make(
        MANIFEST("", ",\n   \"columns\": {\"ci_low\": \"lo\", "
                     "\"ci_high\": \"hi\"},\n"
                     "   \"transform\": {\"scale\": 100, "
                     "\"complement\": true}"),
        "geo_id,year,value,moe,numerator,denominator,lo,hi\n"
        "06001,2020,0.12,,12,100,0.10,0.16\n"
        "06003,2020,,,30,200,,\n"
        "06005,2020,0.25,0.02,,,,\n");
    tu_load l = load_ok(dir);
    /* uninsured 0.12 -> 12 -> insured 100 - 12 = 88; numerator becomes
     * 100 - 12 = 88 (consistent: 100 * 88 / 100 = 88); bounds [10, 16]
     * become [100 - 16, 100 - 10] = [84, 90], so moe = (90 - 84) / 2 *
     * 1.645 / 1.96 = 3 * 0.83922646 = 2.51767937 (positive only when the
     * bounds were swapped) */
    sc_observation o = obs(&l, 0, "06001", "All", 2020);
    ck_assert_double_eq_tol(o.value, 88, TU_EPS);
    ck_assert_double_eq_tol(o.numerator, 88, TU_EPS);
    ck_assert_double_eq_tol(o.denominator, 100, TU_EPS);
    ck_assert_double_eq_tol(o.moe, 3.0 * Z90 / Z95, 1e-9);
    /* blank value from the complemented counts: numerator 200 - 30 = 170,
     * 100 * 170 / 200 = 85 */
    o = obs(&l, 0, "06003", "All", 2020);
    ck_assert_double_eq_tol(o.value, 85, TU_EPS);
    ck_assert_double_eq_tol(o.numerator, 170, TU_EPS);
    /* 0.25 -> 25 -> 75; the moe is scaled (2), not complemented */
    o = obs(&l, 0, "06005", "All", 2020);
    ck_assert_double_eq_tol(o.value, 75, TU_EPS);
    ck_assert_double_eq_tol(o.moe, 2, TU_EPS);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

/* -------------------------------------------------------------- filter */

START_TEST(load_filter_keeps_matching_rows)
{
    char *dir = make(
        MANIFEST("", ",\n   \"filter\": {\"agegroup\": \"3-4\", "
                     "\"kind\": \"total\"}"),
        "geo_id,year,agegroup,kind,value\n"
        "06001,2020,3-4,total,50\n"
        "06001,2020,0-5,total,40\n"
        "06001,2020,3-4,male,45\n"
        "06003,2020,3-4,total,60\n"
        "06003,2020,0-5,total,30\n");
    /* only the rows where both agegroup = 3-4 and kind = total are kept:
     * 2 of 5 (the others would be duplicate rows) */
    tu_load l = load_ok(dir);
    ck_assert_uint_eq(sc_dataset_observation_count(l.ds), 2);
    sc_observation o = obs(&l, 0, "06001", "All", 2020);
    ck_assert_double_eq_tol(o.value, 50, TU_EPS);
    o = obs(&l, 0, "06003", "All", 2020);
    ck_assert_double_eq_tol(o.value, 60, TU_EPS);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

/* --------------------------------------------------------- suppress_if */

START_TEST(load_suppress_if_marks_matching_rows)
{
    /* a publisher's quality grade of 3 sets the value aside (Urban's
     * small-county birthweight rows); a marker stays the source's own
     * suppression; a blank grade is not "3" */
    char *dir = make(
        MANIFEST("", ",\n   \"suppress_if\": {\"quality\": \"3\"}"),
        "geo_id,year,value,quality\n"
        "06001,2020,50,1\n"
        "06003,2020,60,3\n"
        "06005,2020,*,3\n"
        "06007,2020,70,\n"
        "06009,2020,80, 3 \n");
    tu_load l = load_ok(dir);
    ck_assert_uint_eq(sc_dataset_observation_count(l.ds), 5);
    sc_observation o = obs(&l, 0, "06001", "All", 2020);
    ck_assert_int_eq(o.reason, SC_REASON_NONE);
    ck_assert_double_eq_tol(o.value, 50, TU_EPS);
    o = obs(&l, 0, "06003", "All", 2020);
    ck_assert_int_eq(o.reason, SC_REASON_RULE);
    ck_assert(isnan(o.value));
    o = obs(&l, 0, "06005", "All", 2020);
    ck_assert_int_eq(o.reason, SC_REASON_SOURCE_SUPPRESSED);
    o = obs(&l, 0, "06007", "All", 2020);
    ck_assert_int_eq(o.reason, SC_REASON_NONE);
    ck_assert_double_eq_tol(o.value, 70, TU_EPS);
    o = obs(&l, 0, "06009", "All", 2020); /* cells are trimmed */
    ck_assert_int_eq(o.reason, SC_REASON_RULE);
    /* rule-suppressed counties are not ranked: 06001 and 06007 are */
    sc_results *r = NULL;
    ck_assert_int_eq(sc_compute(l.ds, &r), SC_OK);
    size_t g;
    ck_assert_int_eq(sc_dataset_find_geography(l.ds, "06003", &g), SC_OK);
    sc_indicator_result ir;
    ck_assert_int_eq(sc_results_indicator(r, g, 0, &ir), SC_OK);
    ck_assert_int_eq(ir.suppressed, 1);
    ck_assert_int_eq(ir.reason, SC_REASON_RULE);
    ck_assert_int_eq(ir.rank, 0);
    ck_assert_int_eq(sc_dataset_find_geography(l.ds, "06001", &g), SC_OK);
    ck_assert_int_eq(sc_results_indicator(r, g, 0, &ir), SC_OK);
    ck_assert_int_eq(ir.of, 2);
    ck_assert_int_eq(ir.rank, 2); /* 50 < 70 */
    sc_results_free(r);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(load_suppress_if_errors)
{
    /* a rule column missing from the header: at the header, line 1 */
    char *dir = make(MANIFEST("", ",\n   \"suppress_if\": {\"qual\": \"3\"}"),
                     "geo_id,year,value,quality\n06001,2020,50,1\n");
    tu_load l = load_fails(dir);
    TU_ASSERT_DIAG(l.diags, "missing-column", SC_SEV_ERROR, "x.csv", 1, 1,
                   "suppress_if column 'qual' not found in the header; the "
                   "header has: geo_id, year, value, quality");
    tu_load_free(&l);
    tu_cleanup(dir);
    /* not an object: at the value, line 5 column 19 of the manifest
     * (`   "suppress_if": ` is 18 characters) */
    dir = make(MANIFEST("", ",\n   \"suppress_if\": [\"quality\"]"),
               "geo_id,year,value,quality\n06001,2020,50,1\n");
    l = load_fails(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 5,
                   19,
                   "bad value for 'suppress_if': expected an object such as "
                   "{\"quality\": \"3\"}");
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

/* ------------------------------------------------- an entry's trend_years */

START_TEST(load_entry_trend_years_sets_the_window)
{
    /* 50, 50 in 2010-2011 (an older definition), then 60, 61, 62: with
     * "trend_years": 3 the window is 2014-2016 and the slope exactly 1.
     * Over every year it would be Sxy/Sxx = 61.4/26.8 = 2.291 (x mean
     * 2013.2, y mean 56.6). */
    char *dir = make(MANIFEST("", ",\n   \"trend_years\": 3"),
                     "geo_id,year,value\n"
                     "06001,2010,50\n06001,2011,50\n06001,2014,60\n"
                     "06001,2015,61\n06001,2016,62\n");
    tu_load l = load_ok(dir);
    ck_assert_int_eq(sc_dataset_trend_years(l.ds), 10);
    ck_assert_int_eq(sc_dataset_indicator(l.ds, 0)->trend_years, 3);
    sc_results *r = NULL;
    ck_assert_int_eq(sc_compute(l.ds, &r), SC_OK);
    size_t g;
    ck_assert_int_eq(sc_dataset_find_geography(l.ds, "06001", &g), SC_OK);
    sc_indicator_result ir;
    ck_assert_int_eq(sc_results_indicator(r, g, 0, &ir), SC_OK);
    ck_assert_double_eq_tol(ir.slope, 1.0, 1e-9);
    sc_results_free(r);
    tu_load_free(&l);
    tu_cleanup(dir);
    /* without it, the dataset's 10 years: every point */
    dir = make(MANIFEST("", ""),
               "geo_id,year,value\n"
               "06001,2010,50\n06001,2011,50\n06001,2014,60\n"
               "06001,2015,61\n06001,2016,62\n");
    l = load_ok(dir);
    ck_assert_int_eq(sc_dataset_indicator(l.ds, 0)->trend_years, 10);
    ck_assert_int_eq(sc_compute(l.ds, &r), SC_OK);
    ck_assert_int_eq(sc_dataset_find_geography(l.ds, "06001", &g), SC_OK);
    ck_assert_int_eq(sc_results_indicator(r, g, 0, &ir), SC_OK);
    ck_assert_double_eq_tol(ir.slope, 61.4 / 26.8, 1e-9);
    sc_results_free(r);
    tu_load_free(&l);
    tu_cleanup(dir);
    /* 0 is not a window: line 5, column 19 */
    dir = make(MANIFEST("", ",\n   \"trend_years\": 0"),
               "geo_id,year,value\n06001,2016,62\n");
    l = load_fails(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 5,
                   19, "a whole number of years, 1 to 200");
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

/* ---------------------------------------------------- thousands separator */

START_TEST(load_thousands_separator)
{
    char *dir = make(
        MANIFEST("", ",\n   \"thousands_separator\": \",\""),
        "geo_id,year,value,numerator,denominator\n"
        "06037,2020,,\"575,232\",\"1,150,465\"\n"
        "06001,2020,50,\"1,000\",\"2,000\"\n");
    tu_load l = load_ok(dir);
    /* 100 * 575232 / 1150465 = 49.99995654 */
    sc_observation o = obs(&l, 0, "06037", "All", 2020);
    ck_assert_double_eq_tol(o.numerator, 575232, TU_EPS);
    ck_assert_double_eq_tol(o.denominator, 1150465, TU_EPS);
    ck_assert_double_eq_tol(o.value, 100.0 * 575232 / 1150465, TU_EPS);
    ck_assert_double_eq_tol(o.value, 49.999956539312365, 1e-9);
    /* 100 * 1000 / 2000 = 50, as given */
    o = obs(&l, 0, "06001", "All", 2020);
    ck_assert_double_eq_tol(o.value, 50, TU_EPS);
    ck_assert_double_eq_tol(o.denominator, 2000, TU_EPS);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(load_thousands_without_separator_is_error)
{
    char *dir = make(MANIFEST("", ""),
                     "geo_id,year,value,numerator,denominator\n"
                     "06001,2020,50,\"575\",\"1,150\"\n");
    tu_load l = load_fails(dir);
    /* "06001," 6 + "2020," 5 + "50," 3 + "\"575\"," 6 = 20 characters:
     * the denominator starts at column 21 */
    TU_ASSERT_DIAG(l.diags, "non-numeric", SC_SEV_ERROR, "x.csv", 2, 21,
                   "1,150");
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

/* --------------------------------------------------------- geographies */

START_TEST(load_inferred_geographies)
{
    char *dir = make(
        MANIFEST("", ",\n   \"columns\": {\"geo_name\": \"county_name\"}"),
        "geo_id,county_name,year,value\n"
        "00000,United States,2020,50\n"
        "06000,California,2020,60\n"
        "06001,Alameda Old,2019,55\n"
        "06001,Alameda,2020,56\n"
        "06001,Alameda Older,2018,54\n"
        "06000,Calif.,2019,59\n");
    tu_load l = load_ok(dir);
    /* (the 00000 row's fate, the nation, is load_inferred_nation_00000's)
     * SS000 is a state, any other 5-digit id a county */
    ck_assert_int_eq(geo(&l, "06000")->level, SC_LEVEL_STATE);
    ck_assert_int_eq(geo(&l, "06001")->level, SC_LEVEL_COUNTY);
    /* the latest year's name wins, whatever the row order */
    ck_assert_str_eq(geo(&l, "06000")->name, "California");
    ck_assert_str_eq(geo(&l, "06001")->name, "Alameda");
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(load_inferred_bad_id_is_error)
{
    char *dir = make(MANIFEST("", ""),
                     "geo_id,year,value\n"
                     "06001,2020,50\n"
                     "6003,2020,40\n"
                     "060050,2020,45\n");
    tu_load l = load_fails(dir);
    /* without a geographies file ids must be 5-digit FIPS codes */
    ck_assert_uint_eq(tu_count(l.diags, "unknown-geo-id"), 2);
    TU_ASSERT_DIAG(l.diags, "unknown-geo-id", SC_SEV_ERROR, "x.csv", 3, 1,
                   "6003");
    TU_ASSERT_DIAG(l.diags, "unknown-geo-id", SC_SEV_ERROR, "x.csv", 4, 1,
                   "060050");
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

/* SPEC §2.4: "When the manifest has no `geographies`, they are inferred
 * from the observations: ... the level from the FIPS shape (`SS000`
 * state, `00000` nation; any other 5-digit id county)". */
START_TEST(load_inferred_nation_00000)
{
    char *dir = make(MANIFEST("", ""),
                     "geo_id,year,value\n"
                     "00000,2020,50\n"
                     "06000,2020,60\n"
                     "06001,2020,56\n"
                     "32001,2020,40\n");
    tu_load l = load_ok(dir);
    /* 4 geographies, 4 rows: 00000 is kept as the nation */
    ck_assert_msg(has_geo(&l, "00000"),
                  "SPEC §2.4: an inferred 00000 is the nation, its rows "
                  "kept");
    ck_assert_uint_eq(sc_dataset_geography_count(l.ds), 4);
    ck_assert_uint_eq(sc_dataset_observation_count(l.ds), 4);
    ck_assert_int_eq(geo(&l, "00000")->level, SC_LEVEL_NATION);
    ck_assert_ptr_null(geo(&l, "00000")->state);
    ck_assert_double_eq_tol(obs(&l, 0, "00000", "All", 2020).value, 50,
                            TU_EPS);
    /* 06001 -> 06000 (present); 32001 -> 32000 absent: no state */
    ck_assert_str_eq(geo(&l, "06001")->state, "06000");
    ck_assert_ptr_null(geo(&l, "32001")->state);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

/* SPEC §2.4 with a geographies file: levels county, state and nation are
 * accepted; a county's state is its parent, or with a blank parent the
 * state SS000 of its FIPS code when that geography exists. */
START_TEST(load_hierarchy_levels_and_states)
{
    char *dir = make(MANIFEST(", \"geographies\": \"geographies.csv\"", ""),
                     "geo_id,year,value\n"
                     "00000,2020,50\n"
                     "06000,2020,60\n"
                     "06001,2020,56\n"
                     "06003,2020,57\n"
                     "32001,2020,40\n"
                     "32003,2020,41\n"
                     "X1,2020,42\n");
    tu_write(dir, "geographies.csv",
             "geo_id,name,level,parent\n"
             "00000,United States,nation,\n"
             "06000,California,state,00000\n"
             "32000,Nevada,state,\n"
             "06001,Alameda,county,06000\n"
             "06003,Alpine,county,\n"
             "32001,Carson City,county,\n"
             "32003,Churchill,county,32000\n"
             "X1,Nowhere,county,\n");
    tu_load l = load_ok(dir);
    ck_assert_uint_eq(sc_diagnostics_count(l.diags), 0);
    /* all 8 listed geographies, all 7 rows (the nation's included) */
    ck_assert_uint_eq(sc_dataset_geography_count(l.ds), 8);
    ck_assert_uint_eq(sc_dataset_observation_count(l.ds), 7);
    ck_assert_int_eq(geo(&l, "00000")->level, SC_LEVEL_NATION);
    ck_assert_str_eq(geo(&l, "00000")->name, "United States");
    ck_assert_str_eq(geo(&l, "00000")->parent, "");
    ck_assert_double_eq_tol(obs(&l, 0, "00000", "All", 2020).value, 50,
                            TU_EPS);
    ck_assert_int_eq(geo(&l, "06000")->level, SC_LEVEL_STATE);
    ck_assert_str_eq(geo(&l, "06000")->parent, "00000");
    /* states and the nation have no state */
    ck_assert_ptr_null(geo(&l, "06000")->state);
    ck_assert_ptr_null(geo(&l, "32000")->state);
    ck_assert_ptr_null(geo(&l, "00000")->state);
    /* parent 06000 -> 06000; blank, FIPS 06 -> 06000; blank, FIPS 32 ->
     * 32000 (listed, without any observation); parent 32000 -> 32000;
     * X1 (not a FIPS code, blank parent) -> none */
    ck_assert_str_eq(geo(&l, "06001")->state, "06000");
    ck_assert_str_eq(geo(&l, "06003")->state, "06000");
    ck_assert_str_eq(geo(&l, "06003")->parent, "");
    ck_assert_str_eq(geo(&l, "32001")->state, "32000");
    ck_assert_str_eq(geo(&l, "32003")->state, "32000");
    ck_assert_ptr_null(geo(&l, "X1")->state);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(load_blank_parent_without_ss000_has_no_state)
{
    /* "a blank parent means the state SS000 of its FIPS code when that
     * geography exists": 32001 and 32003 have blank parents and 32000 is
     * not listed -> no state; 06001 (blank) -> 06000 (listed). The same
     * with inferred geographies: 48201's 48000 has no row -> none. */
    char *dir = make(MANIFEST(", \"geographies\": \"geographies.csv\"", ""),
                     "geo_id,year,value\n"
                     "06001,2020,56\n"
                     "32001,2020,40\n"
                     "32003,2020,41\n");
    tu_write(dir, "geographies.csv",
             "geo_id,name,level,parent\n"
             "06000,California,state,\n"
             "06001,Alameda,county,\n"
             "32001,Carson City,county,\n"
             "32003,Churchill,county,\n");
    tu_load l = load_ok(dir);
    ck_assert_str_eq(geo(&l, "06001")->state, "06000");
    ck_assert_ptr_null(geo(&l, "32001")->state);
    ck_assert_ptr_null(geo(&l, "32003")->state);
    tu_load_free(&l);
    tu_cleanup(dir);

    dir = make(MANIFEST("", ""),
               "geo_id,year,value\n"
               "06000,2020,60\n"
               "06001,2020,56\n"
               "48201,2020,40\n");
    l = load_ok(dir);
    ck_assert_uint_eq(sc_dataset_geography_count(l.ds), 3);
    ck_assert_str_eq(geo(&l, "06001")->state, "06000");
    ck_assert_ptr_null(geo(&l, "48201")->state);
    ck_assert_ptr_null(geo(&l, "06000")->state);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(load_00000_listed_as_county)
{
    /* With a geographies file the listed level wins: 00000 listed as a
     * county is a county (the FIPS shape only decides inferred levels),
     * and it has no state (its "FIPS state" would be 00000 itself). */
    char *dir = make(MANIFEST(", \"geographies\": \"geographies.csv\"", ""),
                     "geo_id,year,value\n"
                     "00000,2020,50\n"
                     "06001,2020,56\n");
    tu_write(dir, "geographies.csv",
             "geo_id,name,level,parent\n"
             "00000,Odd,county,\n"
             "06000,California,state,\n"
             "06001,Alameda,county,\n");
    tu_load l = load_ok(dir);
    ck_assert_int_eq(geo(&l, "00000")->level, SC_LEVEL_COUNTY);
    ck_assert_ptr_null(geo(&l, "00000")->state);
    ck_assert_str_eq(geo(&l, "06001")->state, "06000");
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(load_scope_drops_other_states_and_nation)
{
    /* SPEC §2.4: scope "06" keeps only California's counties and its
     * state row; the nation and Nevada are other geographies, skipped
     * silently: 06000, 06001, 06003 remain (3), with 3 rows. */
    char *dir = make(MANIFEST(", \"geographies\": \"geographies.csv\", "
                              "\"scope\": \"06\"", ""),
                     "geo_id,year,value\n"
                     "00000,2020,50\n"
                     "06000,2020,60\n"
                     "06001,2020,56\n"
                     "06003,2020,57\n"
                     "32000,2020,45\n"
                     "32001,2020,40\n");
    tu_write(dir, "geographies.csv",
             "geo_id,name,level,parent\n"
             "00000,United States,nation,\n"
             "06000,California,state,00000\n"
             "32000,Nevada,state,00000\n"
             "06001,Alameda,county,06000\n"
             "06003,Alpine,county,\n"
             "32001,Carson City,county,32000\n");
    tu_load l = load_ok(dir);
    ck_assert_uint_eq(sc_diagnostics_count(l.diags), 0);
    ck_assert_uint_eq(sc_dataset_geography_count(l.ds), 3);
    ck_assert_uint_eq(sc_dataset_observation_count(l.ds), 3);
    ck_assert(!has_geo(&l, "00000"));
    ck_assert(!has_geo(&l, "32000"));
    ck_assert(!has_geo(&l, "32001"));
    ck_assert_str_eq(geo(&l, "06001")->state, "06000");
    ck_assert_str_eq(geo(&l, "06003")->state, "06000");
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

/* Observation rows of three states; only California's are in scope. */
static const char scope_rows[] =
    "geo_id,year,value\n"
    "06000,2020,60\n"
    "06001,2020,50\n"
    "32003,2020,40\n"
    "48201,2020,30\n"
    "32000,2020,oops\n";

START_TEST(load_scope_with_geographies_file)
{
    char *dir = make(MANIFEST(", \"geographies\": \"geographies.csv\", "
                              "\"scope\": \"06\"", ""),
                     scope_rows);
    tu_write(dir, "geographies.csv",
             "geo_id,name,level,parent\n"
             "06000,California,state,\n"
             "06001,Alameda,county,06000\n"
             "32000,Nevada,state,\n"
             "32003,Clark,county,32000\n");
    /* rows of other states are skipped silently: 48201 is not in the
     * geographies file and 32000 has a bad value, yet no error */
    tu_load l = load_ok(dir);
    ck_assert_str_eq(sc_dataset_scope(l.ds), "06");
    ck_assert_uint_eq(sc_dataset_geography_count(l.ds), 2);
    ck_assert(!has_geo(&l, "32003"));
    ck_assert_uint_eq(sc_dataset_observation_count(l.ds), 2);
    sc_observation o = obs(&l, 0, "06001", "All", 2020);
    ck_assert_double_eq_tol(o.value, 50, TU_EPS);
    o = obs(&l, 0, "06000", "All", 2020);
    ck_assert_double_eq_tol(o.value, 60, TU_EPS);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(load_scope_inferred)
{
    char *dir = make(MANIFEST(", \"scope\": \"06\"", ""), scope_rows);
    /* inferred: only 06000 and 06001 are kept, 2 observations */
    tu_load l = load_ok(dir);
    ck_assert_uint_eq(sc_dataset_geography_count(l.ds), 2);
    ck_assert(!has_geo(&l, "32003"));
    ck_assert(!has_geo(&l, "48201"));
    ck_assert_uint_eq(sc_dataset_observation_count(l.ds), 2);
    ck_assert_int_eq(geo(&l, "06000")->level, SC_LEVEL_STATE);
    sc_observation o = obs(&l, 0, "06001", "All", 2020);
    ck_assert_double_eq_tol(o.value, 50, TU_EPS);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

/* -------------------------------------------------------------- years */

START_TEST(load_year_ranges)
{
    char *dir = make(MANIFEST("", ""),
                     "geo_id,year,value\n"
                     "06001,2016-2018,50\n"
                     "06001,2019-2021,52\n"
                     "06001,2022,53\n");
    tu_load l = load_ok(dir);
    /* a range means its end year and is kept as the label */
    sc_observation o = obs(&l, 0, "06001", "All", 2021);
    ck_assert_int_eq(o.year, 2021);
    ck_assert_ptr_nonnull(o.year_label);
    ck_assert_str_eq(o.year_label, "2019-2021");
    ck_assert_double_eq_tol(o.value, 52, TU_EPS);
    o = obs(&l, 0, "06001", "All", 2018);
    ck_assert_str_eq(o.year_label, "2016-2018");
    /* a plain year has no label */
    o = obs(&l, 0, "06001", "All", 2022);
    ck_assert_ptr_null(o.year_label);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

/* --------------------------------------------------------- suppression */

START_TEST(load_suppression_markers)
{
    char *dir = make(MANIFEST("", ""),
                     "geo_id,year,value,numerator,denominator\n"
                     "06001,2020,*,,\n"
                     "06003,2020,S,,\n"
                     "06005,2020,N/A,,\n"
                     "06007,2020,NA,,\n"
                     "06009,2020,LNE,,\n"
                     "06011,2020,-,,\n"
                     "06013,2020,,,\n"
                     "06015,2020,,40,\n"
                     "06017,2020,*,50,100\n"
                     "06019,2020,50,,\n");
    tu_load l = load_ok(dir);
    /* suppressed cells are kept: 10 observations */
    ck_assert_uint_eq(sc_dataset_observation_count(l.ds), 10);
    static const char *const ids[] = {"06001", "06003", "06005", "06007",
                                      "06009", "06011", "06013", "06015",
                                      "06017"};
    /* every marker, a blank, a blank with one count only, and a marker
     * despite both counts: source_suppressed, value NaN */
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        sc_observation o = obs(&l, 0, ids[i], "All", 2020);
        ck_assert_msg(o.reason == SC_REASON_SOURCE_SUPPRESSED,
                      "%s: reason %d", ids[i], (int)o.reason);
        ck_assert_msg(isnan(o.value), "%s: value %g", ids[i], o.value);
    }
    sc_observation o = obs(&l, 0, "06019", "All", 2020);
    ck_assert_int_eq(o.reason, SC_REASON_NONE);
    ck_assert_double_eq_tol(o.value, 50, TU_EPS);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(load_markers_in_other_cells_mean_missing)
{
    char *dir = make(MANIFEST("", ""),
                     "geo_id,year,value,numerator,denominator,moe\n"
                     "06001,2020,60,*,NA,-\n");
    tu_load l = load_ok(dir);
    /* SPEC §3.9.4: marker text in counts or moe means missing; the value
     * 60 stands and is not suppressed */
    sc_observation o = obs(&l, 0, "06001", "All", 2020);
    ck_assert_int_eq(o.reason, SC_REASON_NONE);
    ck_assert_double_eq_tol(o.value, 60, TU_EPS);
    ck_assert(isnan(o.numerator));
    ck_assert(isnan(o.denominator));
    ck_assert(isnan(o.moe));
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(load_value_from_counts)
{
    char *dir = make(MANIFEST("", ""),
                     "geo_id,year,value,numerator,denominator\n"
                     "06001,2020,,30,40\n"
                     "06003,2020,,7,21\n");
    tu_load l = load_ok(dir);
    /* 100 * 30 / 40 = 75 */
    sc_observation o = obs(&l, 0, "06001", "All", 2020);
    ck_assert_int_eq(o.reason, SC_REASON_NONE);
    ck_assert_double_eq_tol(o.value, 75, TU_EPS);
    /* 100 * 7 / 21 = 33.3333... */
    o = obs(&l, 0, "06003", "All", 2020);
    ck_assert_double_eq_tol(o.value, 100.0 / 3.0, TU_EPS);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(load_low_denominator)
{
    char *dir = make(MANIFEST("", ""),
                     "geo_id,year,value,numerator,denominator\n"
                     "06001,2020,50,5,10\n"
                     "06003,2020,50,10,20\n"
                     "06005,2020,,0,0\n"
                     "06007,2020,0,0,0\n"
                     "06009,2020,,5,19\n");
    tu_load l = load_ok(dir);
    /* min_denominator 20 (default): 10 < 20 is suppressed */
    sc_observation o = obs(&l, 0, "06001", "All", 2020);
    ck_assert_int_eq(o.reason, SC_REASON_LOW_DENOMINATOR);
    ck_assert(isnan(o.value));
    /* 20 is not below 20: 50 stands */
    o = obs(&l, 0, "06003", "All", 2020);
    ck_assert_int_eq(o.reason, SC_REASON_NONE);
    ck_assert_double_eq_tol(o.value, 50, TU_EPS);
    /* denominator 0, value blank or given: low_denominator */
    o = obs(&l, 0, "06005", "All", 2020);
    ck_assert_int_eq(o.reason, SC_REASON_LOW_DENOMINATOR);
    ck_assert(isnan(o.value));
    o = obs(&l, 0, "06007", "All", 2020);
    ck_assert_int_eq(o.reason, SC_REASON_LOW_DENOMINATOR);
    ck_assert(isnan(o.value));
    /* a value computed from counts is still checked: 19 < 20 */
    o = obs(&l, 0, "06009", "All", 2020);
    ck_assert_int_eq(o.reason, SC_REASON_LOW_DENOMINATOR);
    ck_assert(isnan(o.value));
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(load_zero_denominator_with_min_zero)
{
    char *dir = make(MANIFEST("", ", \"min_denominator\": 0"),
                     "geo_id,year,value,numerator,denominator\n"
                     "06001,2020,,0,0\n"
                     "06003,2020,,1,4\n");
    tu_load l = load_ok(dir);
    /* SPEC §3.9.4: a denominator <= 0 is low_denominator even with
     * min_denominator 0 */
    sc_observation o = obs(&l, 0, "06001", "All", 2020);
    ck_assert_int_eq(o.reason, SC_REASON_LOW_DENOMINATOR);
    ck_assert(isnan(o.value));
    /* 4 >= 0: 100 * 1 / 4 = 25 */
    o = obs(&l, 0, "06003", "All", 2020);
    ck_assert_int_eq(o.reason, SC_REASON_NONE);
    ck_assert_double_eq_tol(o.value, 25, TU_EPS);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

/* ------------------------------------------------------------ unstable */

START_TEST(load_unstable_flag)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "scorecard.json",
             "{\"title\": \"T\", \"indicators\": [\n"
             " {\"id\": \"a\", \"name\": \"A\", \"domain\": \"Health\",\n"
             "  \"file\": \"a.csv\"},\n"
             " {\"id\": \"b\", \"name\": \"B\", \"domain\": \"Health\",\n"
             "  \"file\": \"b.csv\", \"max_rse\": 0.5}\n"
             "]}\n");
    tu_write(dir, "a.csv", "geo_id,year,value,moe\n"
                           "06001,2020,10,5\n"
                           "06003,2020,10,4.9\n"
                           "06005,2020,0,1\n"
                           "06007,2020,0,0\n"
                           "06009,2020,50,\n");
    tu_write(dir, "b.csv", "geo_id,year,value,moe\n"
                           "06001,2020,10,5\n");
    tu_load l = load_ok(dir);
    /* rse = 5 / 1.645 / 10 = 0.304 > 0.3: unstable, still a value */
    sc_observation o = obs(&l, 0, "06001", "All", 2020);
    ck_assert_int_eq(o.unstable, 1);
    ck_assert_int_eq(o.reason, SC_REASON_NONE);
    ck_assert_double_eq_tol(o.value, 10, TU_EPS);
    /* rse = 4.9 / 1.645 / 10 = 0.298 <= 0.3: stable */
    o = obs(&l, 0, "06003", "All", 2020);
    ck_assert_int_eq(o.unstable, 0);
    /* v = 0 with moe 1 > 0: unstable (SPEC §3.9.18) */
    o = obs(&l, 0, "06005", "All", 2020);
    ck_assert_int_eq(o.unstable, 1);
    /* v = 0 with moe 0: no error to speak of */
    o = obs(&l, 0, "06007", "All", 2020);
    ck_assert_int_eq(o.unstable, 0);
    /* no moe: never unstable */
    o = obs(&l, 0, "06009", "All", 2020);
    ck_assert_int_eq(o.unstable, 0);
    /* max_rse 0.5: 0.304 <= 0.5 is stable */
    o = obs(&l, 1, "06001", "All", 2020);
    ck_assert_int_eq(o.unstable, 0);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

/* ------------------------------------------------------------- catalog */

START_TEST(load_use_overrides_catalog)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "scorecard.json",
             "{\"title\": \"T\", \"indicators\": [\n"
             " {\"use\": \"health_insurance\", \"file\": \"hi.csv\",\n"
             "  \"decimals\": 2, \"name\": \"Kids insured\"}\n"
             "]}\n");
    tu_write(dir, "hi.csv", "geo_id,year,value\n06001,2020,95.25\n");
    tu_load l = load_ok(dir);
    ck_assert_uint_eq(sc_dataset_indicator_count(l.ds), 1);
    const sc_indicator_info *info = sc_dataset_indicator(l.ds, 0);
    ck_assert_ptr_nonnull(info);
    /* the manifest's fields override the catalog's (decimals 1, name
     * "Children with health insurance") ... */
    ck_assert_str_eq(info->id, "health_insurance");
    ck_assert_str_eq(info->name, "Kids insured");
    ck_assert_int_eq(info->decimals, 2);
    ck_assert_str_eq(info->file, "hi.csv");
    /* ... and the rest comes from the catalog */
    ck_assert_str_eq(info->domain, "Health");
    ck_assert_int_eq(info->direction, SC_HIGHER_IS_BETTER);
    ck_assert_double_eq_tol(info->target, 100, TU_EPS);
    ck_assert_double_eq_tol(info->min_denominator, 20, TU_EPS);
    ck_assert_ptr_nonnull(strstr(info->source, "SAHIE"));
    sc_observation o = obs(&l, 0, "06001", "All", 2020);
    ck_assert_double_eq_tol(o.value, 95.25, TU_EPS);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

/* ------------------------------------------------------------ defaults */

START_TEST(load_manifest_defaults)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "scorecard.json",
             "{\"title\": \"T\", \"indicators\": [\n"
             " {\"id\": \"a\", \"name\": \"A\", \"domain\": \"Health\",\n"
             "  \"file\": \"a.csv\"},\n"
             " {\"id\": \"b\", \"name\": \"B\", \"domain\": \"Health\",\n"
             "  \"file\": \"b.csv\"}\n"
             "]}\n");
    tu_write(dir, "a.csv", "geo_id,subgroup,year,value\n"
                           "06001,,2018,50\n"
                           "06001,,2020,55\n"
                           "06003,,2020,45\n"
                           "06001,,2021,*\n"
                           "06001,Latino,2023,40\n"
                           "06000,,2022,60\n");
    tu_write(dir, "b.csv", "geo_id,subgroup,year,value\n"
                           "06001,,2019,30\n"
                           "06003,,2019,35\n");
    tu_load l = load_ok(dir);
    /* latest year of a: 2020 (2021 is suppressed, 2023 is a subgroup,
     * 2022 is the state); of b: 2019. goal_year = max(2020, 2019) + 10
     * = 2030 */
    ck_assert_int_eq(sc_dataset_goal_year(l.ds), 2030);
    ck_assert_int_eq(sc_dataset_trend_years(l.ds), 10);
    ck_assert_double_eq_tol(sc_dataset_alpha(l.ds), 0.05, TU_EPS);
    ck_assert_int_eq(sc_dataset_rank_draws(l.ds), 1000);
    ck_assert_uint_eq(sc_dataset_seed(l.ds), 1);
    ck_assert_ptr_null(sc_dataset_scope(l.ds));
    ck_assert_str_eq(sc_dataset_title(l.ds), "T");
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(load_manifest_settings_given)
{
    char *dir = make(MANIFEST(", \"goal_year\": 2035, \"trend_years\": 5, "
                              "\"alpha\": 0.1, \"rank_draws\": 0, "
                              "\"seed\": 42",
                              ""),
                     "geo_id,year,value\n06001,2020,50\n");
    tu_load l = load_ok(dir);
    /* given values replace the defaults (goal_year is not 2020 + 10) */
    ck_assert_int_eq(sc_dataset_goal_year(l.ds), 2035);
    ck_assert_int_eq(sc_dataset_trend_years(l.ds), 5);
    ck_assert_double_eq_tol(sc_dataset_alpha(l.ds), 0.1, TU_EPS);
    ck_assert_int_eq(sc_dataset_rank_draws(l.ds), 0);
    ck_assert_uint_eq(sc_dataset_seed(l.ds), 42);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("load");
    TCase *tc = tcase_create("load:columns");
    tcase_add_test(tc, load_canonical_columns);
    tcase_add_test(tc, load_columns_mapping);
    tcase_add_test(tc, load_concatenated_geo_id);
    suite_add_tcase(s, tc);

    tc = tcase_create("load:intervals");
    tcase_add_test(tc, load_ci_bounds_to_moe);
    tcase_add_test(tc, load_moe_wins_over_interval);
    suite_add_tcase(s, tc);

    tc = tcase_create("load:transform");
    tcase_add_test(tc, load_transform_scale);
    tcase_add_test(tc, load_transform_complement);
    tcase_add_test(tc, load_filter_keeps_matching_rows);
    tcase_add_test(tc, load_suppress_if_marks_matching_rows);
    tcase_add_test(tc, load_suppress_if_errors);
    tcase_add_test(tc, load_entry_trend_years_sets_the_window);
    tcase_add_test(tc, load_thousands_separator);
    tcase_add_test(tc, load_thousands_without_separator_is_error);
    suite_add_tcase(s, tc);

    tc = tcase_create("load:geographies");
    tcase_add_test(tc, load_inferred_geographies);
    tcase_add_test(tc, load_inferred_bad_id_is_error);
    tcase_add_test(tc, load_scope_with_geographies_file);
    tcase_add_test(tc, load_scope_inferred);
    suite_add_tcase(s, tc);

    tc = tcase_create("load:hierarchy");
    tcase_add_test(tc, load_hierarchy_levels_and_states);
    tcase_add_test(tc, load_blank_parent_without_ss000_has_no_state);
    tcase_add_test(tc, load_00000_listed_as_county);
    tcase_add_test(tc, load_scope_drops_other_states_and_nation);
    tcase_add_test(tc, load_inferred_nation_00000);
    suite_add_tcase(s, tc);

    tc = tcase_create("load:years");
    tcase_add_test(tc, load_year_ranges);
    suite_add_tcase(s, tc);

    tc = tcase_create("load:suppression");
    tcase_add_test(tc, load_suppression_markers);
    tcase_add_test(tc, load_markers_in_other_cells_mean_missing);
    tcase_add_test(tc, load_value_from_counts);
    tcase_add_test(tc, load_low_denominator);
    tcase_add_test(tc, load_zero_denominator_with_min_zero);
    tcase_add_test(tc, load_unstable_flag);
    suite_add_tcase(s, tc);

    tc = tcase_create("load:manifest");
    tcase_add_test(tc, load_use_overrides_catalog);
    tcase_add_test(tc, load_manifest_defaults);
    tcase_add_test(tc, load_manifest_settings_given);
    tcase_add_test(tc, load_order_dense_keys);
    tcase_add_test(tc, load_order_sparse_keys);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return tu_run(suite());
}
