/* SPDX-License-Identifier: MIT */
/*
 * Real-data smoke test: loads published files from ../shared/data/real
 * (Census SAHIE and Urban Institute mobility metrics) through column
 * mapping, concatenated ids, interval bounds, scale and scope, and
 * expects no errors. Exits 77 (meson: skipped) when ../shared is absent;
 * the data is never copied into the repository.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test-config.h"
#include "testutil.h"

#define SAHIE SC_TEST_SHARED_DIR \
    "/data/real/sahie/sahie_county_under19_allincome_2008_2016.csv"
#define URBAN SC_TEST_SHARED_DIR \
    "/data/real/urban_mobility/metrics_preschool_county_all_longitudinal_all.csv"

static char *dir;
static tu_load L;

/* Write the manifest (absolute paths to the shared files) and load it. */
static void
setup(void)
{
    dir = tu_tmpdir();
    char *manifest = NULL;
    int n = asprintf(
        &manifest,
        "{\n"
        "  \"title\": \"California, real published data\",\n"
        "  \"scope\": \"06\",\n"
        "  \"domains\": [\"Health\", \"Education\"],\n"
        "  \"indicators\": [\n"
        "    { \"id\": \"insured\", \"name\": \"Children insured (SAHIE)\",\n"
        "      \"domain\": \"Health\", \"file\": \"%s\",\n"
        "      \"columns\": { \"geo_id\": \"fips\", \"value\": \"pctic\",\n"
        "                   \"moe\": \"pctic_moe\", \"numerator\": \"nic\",\n"
        "                   \"denominator\": \"nipr\",\n"
        "                   \"geo_name\": \"county\" } },\n"
        "    { \"id\": \"preschool\", \"name\": \"3-4 year olds in "
        "preschool\",\n"
        "      \"domain\": \"Education\", \"file\": \"%s\",\n"
        "      \"columns\": { \"geo_id\": [\"state\", \"county\"],\n"
        "                   \"value\": \"share_in_preschool\",\n"
        "                   \"ci_low\": \"share_in_preschool_lb\",\n"
        "                   \"ci_high\": \"share_in_preschool_ub\" },\n"
        "      \"ci_level\": 95, \"transform\": { \"scale\": 100 } }\n"
        "  ]\n"
        "}\n",
        SAHIE, URBAN);
    ck_assert_int_gt(n, 0);
    tu_write(dir, "scorecard.json", manifest);
    free(manifest);
    L = tu_load_dir_outside(dir); /* the data stays in ../shared */
    if (L.status != SC_OK)
        tu_dump(L.diags);
}

static void
teardown(void)
{
    tu_load_free(&L);
    tu_cleanup(dir);
}

START_TEST(real_loads_without_errors)
{
    ck_assert_int_eq(L.status, SC_OK);
    ck_assert_uint_eq(sc_diagnostics_total(L.diags, SC_SEV_ERROR), 0);
    /* scope 06: exactly California's 58 counties (no state rows in either
     * file) */
    ck_assert_uint_eq(sc_dataset_geography_count(L.ds), 58);
    size_t g;
    ck_assert_int_eq(sc_dataset_find_geography(L.ds, "06001", &g), SC_OK);
    ck_assert_str_eq(sc_dataset_geography(L.ds, g)->name, "Alameda County");
    /* 58 counties x 9 years of SAHIE + 58 x 5 years of Urban */
    ck_assert_uint_eq(sc_dataset_observation_count(L.ds), 58 * 9 + 58 * 5);
}
END_TEST

START_TEST(real_sahie_values)
{
    /* "06001",2016,...,nipr 362488, nic 354302, pctic 97.7, moe 0.4 */
    sc_observation o;
    sc_dataset_observation(L.ds, tu_obs(L.ds, 0, "06001", "All", 2016), &o);
    ck_assert_double_eq_tol(o.value, 97.7, TU_EPS);
    ck_assert_double_eq_tol(o.moe, 0.4, TU_EPS);
    ck_assert_double_eq_tol(o.numerator, 354302, TU_EPS);
    ck_assert_double_eq_tol(o.denominator, 362488, TU_EPS);
    ck_assert_int_eq(o.reason, SC_REASON_NONE);
}
END_TEST

START_TEST(real_urban_values)
{
    /* 2014,06,001: share 0.5429484963705496, bounds 0.5077508130490478 and
     * 0.5781461796920515 (95%). value = 54.29484963705496; moe = (57.81461..
     * - 50.77508..)/2 * 1.645 / 1.959963984540054 */
    sc_observation o;
    sc_dataset_observation(L.ds, tu_obs(L.ds, 1, "06001", "All", 2014), &o);
    ck_assert_double_eq_tol(o.value, 54.29484963705496, 1e-9);
    double moe = (57.81461796920515 - 50.77508130490478) / 2 *
                 1.645 / 1.959963984540054;
    ck_assert_double_eq_tol(o.moe, moe, 1e-9);
    /* 2014,06,003 (Alpine) is NA: suppressed at the source */
    sc_dataset_observation(L.ds, tu_obs(L.ds, 1, "06003", "All", 2014), &o);
    ck_assert_int_eq(o.reason, SC_REASON_SOURCE_SUPPRESSED);
    ck_assert(isnan(o.value));
}
END_TEST

int
main(void)
{
    if (access(SAHIE, R_OK) != 0 || access(URBAN, R_OK) != 0) {
        printf("SKIP: %s not found; the real-data smoke test needs "
               "../shared beside the repository\n",
               SC_TEST_SHARED_DIR "/data/real");
        return 77;
    }
    Suite *s = suite_create("real");
    TCase *tc = tcase_create("real:smoke");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, real_loads_without_errors);
    tcase_add_test(tc, real_sahie_values);
    tcase_add_test(tc, real_urban_values);
    suite_add_tcase(s, tc);
    return tu_run(s);
}
