/* SPDX-License-Identifier: MIT */
/*
 * One fixture per SPEC §4 rule: each writes a minimal bad dataset and
 * asserts the status, the diagnostic's code, severity, file, line,
 * column and a piece of its message.
 */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-config.h"
#include "testutil.h"
#include "internal.h"
#include "util.h"

/* Manifest with one inline indicator "x" over x.csv; with geographies
 * when geo is non-NULL. */
static char *
dataset(const char *csv, const char *geo)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "scorecard.json",
             geo ? "{\"title\": \"T\", \"geographies\": \"geo.csv\",\n"
                   " \"indicators\": [{\"id\": \"x\", \"name\": \"X\", "
                   "\"domain\": \"Health\", \"file\": \"x.csv\"}]}\n"
                 : "{\"title\": \"T\",\n"
                   " \"indicators\": [{\"id\": \"x\", \"name\": \"X\", "
                   "\"domain\": \"Health\", \"file\": \"x.csv\"}]}\n");
    tu_write(dir, "x.csv", csv);
    if (geo)
        tu_write(dir, "geo.csv", geo);
    return dir;
}

static const char *const GEO =
    "geo_id,name,level,parent\n"
    "06000,California,state,\n"
    "06001,Alameda,county,06000\n"
    "06003,Alpine,county,06000\n";

/* Load csv (and geo) and expect exactly one diagnostic with this code at
 * line:col, of this severity, containing sub. */
static void
expect_one(const char *csv, const char *geo, const char *code,
           sc_severity sev, const char *file, unsigned long line,
           unsigned long col, const char *sub)
{
    char *dir = dataset(csv, geo);
    tu_load l = tu_load_dir(dir);
    TU_ASSERT_DIAG(l.diags, code, sev, file, line, col, sub);
    if (sev == SC_SEV_ERROR) {
        ck_assert_int_eq(l.status, SC_ERR_DATA);
        ck_assert_ptr_null(l.ds);
    } else {
        ck_assert_int_eq(l.status, SC_OK);
        ck_assert_uint_eq(sc_diagnostics_total(l.diags, SC_SEV_ERROR), 0);
    }
    tu_load_free(&l);
    tu_cleanup(dir);
}

/* -------------------------------------------------------------- errors */

START_TEST(validate_rejects_unreadable_file)
{
    /* x.csv is a directory: reported at the manifest's "file" value,
     * line 2: ` "indicators": [{"id": "x", "name": "X", "domain":
     * "Health", "file": "x.csv"}]}` -- the value's quote is column 70. */
    char *dir = tu_tmpdir();
    tu_write(dir, "scorecard.json",
             "{\"title\": \"T\",\n"
             " \"indicators\": [{\"id\": \"x\", \"name\": \"X\", "
             "\"domain\": \"Health\", \"file\": \"x.csv\"}]}\n");
    tu_write(dir, "x.csv/keep", "");
    tu_load l = tu_load_dir(dir);
    TU_ASSERT_DIAG(l.diags, "unreadable-file", SC_SEV_ERROR,
                   "scorecard.json", 2, 70, "Is a directory");
    ck_assert_int_eq(l.status, SC_ERR_DATA);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_rejects_unterminated_quote)
{
    /* line 3: `06003,2019,"50` -- the quote opens at column 12 */
    expect_one("geo_id,year,value\n06001,2019,40\n06003,2019,\"50\n", NULL,
               "malformed-csv", SC_SEV_ERROR, "x.csv", 3, 12,
               "unterminated");
}
END_TEST

START_TEST(validate_rejects_ragged_row)
{
    /* line 3 has 4 fields; the first extra one starts at column 15 */
    expect_one("geo_id,year,value\n06001,2019,40\n06003,2019,50,9\n", NULL,
               "ragged-row", SC_SEV_ERROR, "x.csv", 3, 15,
               "row has 4 fields, expected 3");
}
END_TEST

START_TEST(validate_rejects_invalid_utf8)
{
    /* line 2: the subgroup field "Lat\xE9no" (Latin-1) starts at col 15 */
    expect_one("geo_id,year,value,subgroup\n06001,2019,40,Lat\xE9no\n", NULL,
               "invalid-utf8", SC_SEV_ERROR, "x.csv", 2, 15, "0xE9");
}
END_TEST

START_TEST(validate_rejects_missing_required_column)
{
    expect_one("geo_id,value\n06001,40\n", NULL, "missing-column",
               SC_SEV_ERROR, "x.csv", 1, 1,
               "missing required column 'year'");
}
END_TEST

START_TEST(validate_rejects_non_numeric_value)
{
    /* line 2: `06001,2019,4o.5` -- value at column 12 */
    expect_one("geo_id,year,value\n06001,2019,4o.5\n", NULL, "non-numeric",
               SC_SEV_ERROR, "x.csv", 2, 12, "value '4o.5' is not a number");
}
END_TEST

START_TEST(validate_rejects_value_out_of_range)
{
    /* line 3: `06003,2019,100.5` -- value at column 12 */
    expect_one("geo_id,year,value\n06001,2019,40\n06003,2019,100.5\n", NULL,
               "value-out-of-range", SC_SEV_ERROR, "x.csv", 3, 12,
               "value '100.5' is outside 0-100");
}
END_TEST

START_TEST(validate_rejects_numerator_above_denominator)
{
    /* line 2: `06001,2019,,60,50` -- numerator at column 13 */
    expect_one("geo_id,year,value,numerator,denominator\n06001,2019,,60,50\n",
               NULL, "numerator-exceeds-denominator", SC_SEV_ERROR, "x.csv",
               2, 13, "numerator '60' is greater than denominator '50'");
}
END_TEST

START_TEST(validate_rejects_negative_count)
{
    /* line 2: `06001,2019,,-3,50` -- numerator at column 13 */
    expect_one("geo_id,year,value,numerator,denominator\n06001,2019,,-3,50\n",
               NULL, "negative-count", SC_SEV_ERROR, "x.csv", 2, 13,
               "numerator '-3' is negative");
}
END_TEST

START_TEST(validate_rejects_year_out_of_range)
{
    /* line 2: `06001,1899,40` -- year at column 7 */
    expect_one("geo_id,year,value\n06001,1899,40\n", NULL,
               "year-out-of-range", SC_SEV_ERROR, "x.csv", 2, 7,
               "year '1899' is out of range; expected 1900-2100");
}
END_TEST

START_TEST(validate_rejects_non_year)
{
    expect_one("geo_id,year,value\n06001,FY19,40\n", NULL, "bad-year",
               SC_SEV_ERROR, "x.csv", 2, 7, "year 'FY19' is not a year");
}
END_TEST

START_TEST(validate_rejects_duplicate_row)
{
    /* lines 2 and 4 share (06001, 2019, All); reported at line 4's geo_id */
    expect_one("geo_id,year,value\n06001,2019,40\n06003,2019,41\n"
               "06001,2019,42\n",
               NULL, "duplicate-row", SC_SEV_ERROR, "x.csv", 4, 1,
               "first on line 2");
}
END_TEST

START_TEST(validate_rejects_geo_not_in_geographies)
{
    /* line 3: `06005,2019,41` -- 06005 is not in geo.csv */
    expect_one("geo_id,year,value\n06001,2019,40\n06005,2019,41\n", GEO,
               "unknown-geo-id", SC_SEV_ERROR, "x.csv", 3, 1,
               "geo_id '06005' is not in the geographies file");
}
END_TEST

START_TEST(validate_rejects_value_inconsistent_with_counts)
{
    /* 100 * 30 / 60 = 50.0; tolerance 0.05 + 100/60 = 1.717; 52 is off by
     * 2. line 2: `06001,2019,52,30,60` -- value at column 12 */
    expect_one("geo_id,year,value,numerator,denominator\n06001,2019,52,30,60\n",
               NULL, "value-inconsistent", SC_SEV_ERROR, "x.csv", 2, 12,
               "= 50.00");
}
END_TEST

START_TEST(validate_accepts_value_within_rounding_slack)
{
    /* 100 * 30 / 60 = 50.0; 51.6 is within 0.05 + 1.667 = 1.717 */
    char *dir = dataset("geo_id,year,value,numerator,denominator\n"
                        "06001,2019,51.6,30,60\n",
                        NULL);
    tu_load l = tu_load_dir(dir);
    ck_assert_int_eq(l.status, SC_OK);
    ck_assert_uint_eq(tu_count(l.diags, "value-inconsistent"), 0);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_rejects_bad_level_enum)
{
    /* geo.csv line 3: `06001,Alameda,County-ish,06000` -- level col 15 */
    expect_one("geo_id,year,value\n06001,2019,40\n",
               "geo_id,name,level,parent\n06000,California,state,\n"
               "06001,Alameda,County-ish,06000\n",
               "bad-enum", SC_SEV_ERROR, "geo.csv", 3, 15,
               "expected county, state or nation");
}
END_TEST

START_TEST(validate_reports_every_problem)
{
    /* three bad rows: three errors, not just the first */
    char *dir = dataset("geo_id,year,value\n06001,2019,abc\n06003,2019,140\n"
                        "06005,1800,40\n",
                        NULL);
    tu_load l = tu_load_dir(dir);
    ck_assert_int_eq(l.status, SC_ERR_DATA);
    ck_assert_uint_eq(sc_diagnostics_total(l.diags, SC_SEV_ERROR), 3);
    TU_ASSERT_DIAG(l.diags, "non-numeric", SC_SEV_ERROR, "x.csv", 2, 12, "abc");
    TU_ASSERT_DIAG(l.diags, "value-out-of-range", SC_SEV_ERROR, "x.csv", 3,
                   12, "140");
    TU_ASSERT_DIAG(l.diags, "year-out-of-range", SC_SEV_ERROR, "x.csv", 4, 7,
                   "1800");
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_caps_stored_diagnostics)
{
    /* 5 errors with a cap of 2: 2 stored, 5 counted */
    char *dir = dataset("geo_id,year,value\n06001,2019,a\n06003,2019,b\n"
                        "06005,2019,c\n06007,2019,d\n06009,2019,e\n",
                        NULL);
    sc_options opt;
    sc_options_init(&opt);
    opt.catalog_dir = NULL;
    sc_diagnostics *d = sc_diagnostics_new(2);
    sc_dataset *ds = NULL;
    ck_assert_int_eq(sc_dataset_load(dir, &opt, d, &ds), SC_ERR_DATA);
    ck_assert_uint_eq(sc_diagnostics_count(d), 2);
    ck_assert_uint_eq(sc_diagnostics_total(d, SC_SEV_ERROR), 5);
    sc_diagnostics_free(d);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_points_into_multiline_record)
{
    /* line 2-3 hold one record whose subgroup spans two lines; the bad
     * value on the record is reported on line 2 at its own column; the
     * next record starts on line 4. */
    char *dir = dataset("geo_id,subgroup,year,value\n"
                        "06001,\"Two\nLines\",2019,40\n"
                        "06003,All,2019,x1\n",
                        NULL);
    tu_load l = tu_load_dir(dir);
    TU_ASSERT_DIAG(l.diags, "non-numeric", SC_SEV_ERROR, "x.csv", 4, 16,
                   "x1");
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

/* ------------------------------------------------------------ warnings */

START_TEST(validate_warns_on_outlier)
{
    /* series 40, 41, 42, 85, 43: median 42, MAD = 1.4826 * median(2, 1, 0,
     * 43, 1) = 1.4826; 85 is 43 points away (> 4 MADs = 5.93 and > 10).
     * line 5: `06001,2019,85` -- value at column 12 */
    expect_one("geo_id,year,value\n06001,2016,40\n06001,2017,41\n"
               "06001,2018,42\n06001,2019,85\n06001,2020,43\n",
               NULL, "outlier", SC_SEV_WARNING, "x.csv", 5, 12,
               "43.0 points from the median 42");
}
END_TEST

START_TEST(validate_no_outlier_for_steady_trend)
{
    /* a steady 3-point-a-year climb is not an outlier anywhere */
    char *dir = dataset("geo_id,year,value\n06001,2016,40\n06001,2017,43\n"
                        "06001,2018,46\n06001,2019,49\n06001,2020,52\n",
                        NULL);
    tu_load l = tu_load_dir(dir);
    ck_assert_int_eq(l.status, SC_OK);
    ck_assert_uint_eq(tu_count(l.diags, "outlier"), 0);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_warns_on_county_missing_latest_year)
{
    /* Alpine (geo.csv line 4) has no 2020 row; 2020 is the latest year */
    expect_one("geo_id,year,value\n06001,2019,40\n06003,2019,30\n"
               "06001,2020,41\n",
               GEO, "missing-county", SC_SEV_WARNING, "geo.csv", 4, 1,
               "county 06003 (Alpine) has no row in x.csv for 2020");
}
END_TEST

START_TEST(validate_warns_on_name_mismatch)
{
    /* line 3: `06003,Alpyne,2019,30` -- geo_name at column 7;
     * "Alameda County" matches "Alameda" and gives no warning */
    char *dir = dataset("geo_id,geo_name,year,value\n"
                        "06001,Alameda County,2019,40\n"
                        "06003,Alpyne,2019,30\n",
                        GEO);
    tu_load l = tu_load_dir(dir);
    ck_assert_int_eq(l.status, SC_OK);
    TU_ASSERT_DIAG(l.diags, "name-mismatch", SC_SEV_WARNING, "x.csv", 3, 7,
                   "geo_name 'Alpyne' differs from 'Alpine'");
    ck_assert_uint_eq(tu_count(l.diags, "name-mismatch"), 1);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

/* The outlier rule's median and scaled MAD (one small sort) are exactly
 * GSL's gsl_stats_median and gsl_stats_mad, ties and even sizes included:
 * compared bit for bit on 2,000 seeded series of 1 to 80 values. */
START_TEST(validate_median_mad_match_gsl)
{
    unsigned long seed = 12345;
    double v[80], work[80], copy[80];
    for (int t = 0; t < 2000; t++) {
        size_t n = 1 + (size_t)(t % 80);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005ul + 1442695040888963407ul;
            /* few distinct values, so ties are common */
            v[i] = (double)((seed >> 33) % 23) * 2.5 - 10;
        }
        double med, mad;
        sc_stats_median_mad(v, n, work, &med, &mad);
        memcpy(copy, v, n * sizeof *v);
        double gmed = sc_stats_median(copy, n), gmad = sc_stats_mad(v, n);
        ck_assert_msg(med == gmed && mad == gmad,
                      "n=%zu: %.17g %.17g vs GSL %.17g %.17g", n, med, mad,
                      gmed, gmad);
    }
}
END_TEST

START_TEST(validate_accepts_bundled_sample)
{
    sc_options opt;
    sc_options_init(&opt);
    opt.catalog_dir = SC_TEST_SRCDIR_INDICATORS;
    sc_diagnostics *d = sc_diagnostics_new(0);
    sc_dataset *ds = NULL;
    sc_status st = sc_dataset_load(SC_TEST_SRCDIR_DATA, &opt, d, &ds);
    if (sc_diagnostics_count(d))
        tu_dump(d);
    ck_assert_int_eq(st, SC_OK);
    ck_assert_uint_eq(sc_diagnostics_total(d, SC_SEV_ERROR), 0);
    ck_assert_uint_eq(sc_diagnostics_total(d, SC_SEV_WARNING), 0);
    /* 58 counties + the state; the 10 catalog indicators */
    ck_assert_uint_eq(sc_dataset_geography_count(ds), 59);
    ck_assert_uint_eq(sc_dataset_indicator_count(ds), 10);
    sc_dataset_free(ds);
    sc_diagnostics_free(d);
}
END_TEST


/* ------------------------------------------------ regressions (review) */

START_TEST(validate_refuses_paths_outside_dataset)
{
    /* `"file": "../x.csv"` leaves the dataset: refused at the value
     * (line 2, column 70 as in validate_rejects_unreadable_file) */
    char *dir = tu_tmpdir();
    tu_write(dir, "scorecard.json",
             "{\"title\": \"T\",\n"
             " \"indicators\": [{\"id\": \"x\", \"name\": \"X\", "
             "\"domain\": \"Health\", \"file\": \"../x.csv\"}]}\n");
    tu_load l = tu_load_dir(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 2, 70,
                   "outside the dataset directory");
    ck_assert_int_eq(l.status, SC_ERR_DATA);
    tu_load_free(&l);
    /* allowed explicitly, a device is still never read */
    tu_write(dir, "scorecard.json",
             "{\"title\": \"T\",\n"
             " \"indicators\": [{\"id\": \"x\", \"name\": \"X\", "
             "\"domain\": \"Health\", \"file\": \"/dev/zero\"}]}\n");
    l = tu_load_dir_outside(dir);
    TU_ASSERT_DIAG(l.diags, "unreadable-file", SC_SEV_ERROR, "scorecard.json",
                   2, 70, "not a regular file");
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_rejects_empty_file)
{
    expect_one("", NULL, "empty-file", SC_SEV_ERROR, "x.csv", 1, 1,
               "the file is empty");
}
END_TEST

START_TEST(validate_scope_does_not_hide_malformed_ids)
{
    /* "6001" lost its leading zero: an error even with scope "06" */
    char *dir = tu_tmpdir();
    tu_write(dir, "scorecard.json",
             "{\"title\": \"T\", \"scope\": \"06\",\n"
             " \"indicators\": [{\"id\": \"x\", \"name\": \"X\", "
             "\"domain\": \"Health\", \"file\": \"x.csv\"}]}\n");
    tu_write(dir, "x.csv", "geo_id,year,value\n06001,2020,50\n6003,2020,4x\n");
    tu_load l = tu_load_dir(dir);
    TU_ASSERT_DIAG(l.diags, "unknown-geo-id", SC_SEV_ERROR, "x.csv", 3, 1,
                   "'6003' is not a 5-digit FIPS code");
    tu_load_free(&l);
    /* a file with nothing in scope keeps no rows: a warning says so */
    tu_write(dir, "x.csv", "geo_id,year,value\n32003,2020,50\n");
    l = tu_load_dir(dir);
    TU_ASSERT_DIAG(l.diags, "no-rows-kept", SC_SEV_WARNING, "x.csv", 1, 1,
                   "none of the 1 data rows is kept (scope \"06\")");
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_bad_rows_are_not_stored)
{
    /* the 2202 row is an error only: it must not become the latest year
     * and make every other county "missing" */
    char *dir = dataset("geo_id,year,value\n06001,2020,50\n06003,2020,51\n"
                        "06001,2202,50\n",
                        NULL);
    tu_load l = tu_load_dir(dir);
    ck_assert_uint_eq(sc_diagnostics_count(l.diags), 1);
    TU_ASSERT_DIAG(l.diags, "year-out-of-range", SC_SEV_ERROR, "x.csv", 4, 7,
                   "2202");
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_rejected_header_stops_the_file)
{
    /* an invalid header is one error, not one per row */
    char *dir = dataset("geo_id,year,val\xFFue\n06001,2020,50\n06003,2020,4\n",
                        NULL);
    tu_load l = tu_load_dir(dir);
    ck_assert_uint_eq(sc_diagnostics_total(l.diags, SC_SEV_ERROR), 1);
    TU_ASSERT_DIAG(l.diags, "invalid-utf8", SC_SEV_ERROR, "x.csv", 1, 13,
                   "0xFF");
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_rejects_bare_cr_line_endings)
{
    expect_one("geo_id,year,value\r06001,2020,50\r06003,2020,4x\r", NULL,
               "malformed-csv", SC_SEV_ERROR, "x.csv", 1, 1,
               "bare carriage return");
}
END_TEST

START_TEST(validate_malformed_column_skips_quoted_commas)
{
    /* line 2: `06001,2020,50,"a,b"x` -- the bad field starts at col 15 */
    expect_one("geo_id,year,value,subgroup\n06001,2020,50,\"a,b\"x\n", NULL,
               "malformed-csv", SC_SEV_ERROR, "x.csv", 2, 15,
               "a character after a closing quote");
}
END_TEST

START_TEST(validate_blank_line_across_read_boundary)
{
    /* a line of spaces straddling the reader's 256 KiB chunk boundary must
     * not be taken for the start of the next record */
    size_t cap = 300000;
    char *csv = malloc(cap);
    ck_assert_ptr_nonnull(csv);
    size_t n = (size_t)sprintf(csv, "geo_id,year,value\n");
    unsigned long line = 1;
    for (int id = 10001; n + 14 < 262144 - 5; id++) {
        n += (size_t)sprintf(csv + n, "%05d,2020,50\n", id);
        line++;
    }
    memset(csv + n, ' ', 20); /* crosses offset 262144 */
    n += 20;
    csv[n++] = '\n';
    line++;
    n += (size_t)sprintf(csv + n, "99999,2020,4x\n");
    line++;
    char *dir = dataset(csv, NULL);
    free(csv);
    tu_load l = tu_load_dir(dir);
    TU_ASSERT_DIAG(l.diags, "non-numeric", SC_SEV_ERROR, "x.csv", line, 12,
                   "4x");
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_count_ratio_does_not_overflow)
{
    /* 100 * (1e308 / 1e308) = 100, not inf: 0.5 is inconsistent with 100 */
    expect_one("geo_id,year,value,numerator,denominator\n"
               "06001,2020,0.5,1e308,1e308\n",
               NULL, "value-inconsistent", SC_SEV_ERROR, "x.csv", 2, 12,
               "= 100.00");
}
END_TEST

START_TEST(validate_accepts_long_numbers)
{
    /* 100 digits after the point are still a number (50.000...01) */
    char csv[256];
    int k = snprintf(csv, sizeof csv, "geo_id,year,value\n06001,2020,50.");
    memset(csv + k, '0', 99);
    strcpy(csv + k + 99, "1\n");
    char *dir = dataset(csv, NULL);
    tu_load l = tu_load_dir(dir);
    ck_assert_int_eq(l.status, SC_OK);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_duplicate_geo_after_bad_row)
{
    /* the first 06001 row has a bad population; the second is still a
     * duplicate (line 3) */
    expect_one("geo_id,year,value\n06001,2020,50\n",
               "geo_id,name,level,parent,population\n"
               "06001,Alameda,county,06000,abc\n"
               "06001,Dup,county,06000,5\n",
               "duplicate-row", SC_SEV_ERROR, "geo.csv", 3, 1,
               "first listed on line 2");
}
END_TEST

START_TEST(validate_transformed_value_ignores_host_locale)
{
    /* 1.255 x 100 = 125.5 is out of range; the message shows the value
     * after the transform with a point, whatever the host's locale */
    if (!setlocale(LC_ALL, "de_DE.UTF-8")) {
        fprintf(stderr, "SKIP part: de_DE.UTF-8 locale not installed\n");
        return;
    }
    char *dir = tu_tmpdir();
    tu_write(dir, "scorecard.json",
             "{\"title\": \"T\",\n"
             " \"indicators\": [{\"id\": \"x\", \"name\": \"X\", "
             "\"domain\": \"Health\", \"file\": \"x.csv\", "
             "\"transform\": {\"scale\": 100}}]}\n");
    tu_write(dir, "x.csv", "geo_id,year,value\n06001,2019,1.255\n");
    tu_load l = tu_load_dir(dir);
    setlocale(LC_ALL, "C");
    TU_ASSERT_DIAG(l.diags, "value-out-of-range", SC_SEV_ERROR, "x.csv", 2, 12,
                   "outside 0-100 after the transform (= 125.5)");
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_messages_ignore_host_locale)
{
    /* a host program in a comma-decimal locale must still get "1.05" */
    if (!setlocale(LC_ALL, "de_DE.UTF-8")) {
        fprintf(stderr, "SKIP part: de_DE.UTF-8 locale not installed\n");
        return;
    }
    char *dir = dataset("geo_id,year,value,numerator,denominator\n"
                        "06001,2019,52,30,60\n",
                        NULL);
    tu_load l = tu_load_dir(dir);
    setlocale(LC_ALL, "C");
    const sc_diag *d = tu_find(l.diags, "value-inconsistent");
    ck_assert_ptr_nonnull(d);
    ck_assert_msg(strstr(d->message, "= 50.00") &&
                      strstr(d->message, "within 1.72"),
                  "%s", d->message);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_truncated_json_text_stays_utf8)
{
    /* "use" with 40 two-byte characters is cut for the message at a
     * character boundary: the message stays valid UTF-8 */
    char man[512];
    int k = snprintf(man, sizeof man,
                     "{\"title\": \"T\", \"indicators\": [{\"use\": \"a");
    for (int i = 0; i < 40; i++)
        k += snprintf(man + k, sizeof man - (size_t)k, "\xC3\xA9");
    snprintf(man + k, sizeof man - (size_t)k, "\"}]}\n");
    char *dir = tu_tmpdir();
    tu_write(dir, "scorecard.json", man);
    tu_load l = tu_load_dir(dir);
    const sc_diag *d = tu_find(l.diags, "manifest");
    ck_assert_ptr_nonnull(d);
    size_t len = strlen(d->message);
    ck_assert_uint_eq(sc_utf8_valid_prefix(d->message, len), len);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST


START_TEST(validate_min_denominator_is_an_integer)
{
    /* SPEC §2.2: min_denominator is an int; 20.5 is refused at the value
     * (line 2: ` "indicators": [{"id": "x", "name": "X", "domain":
     * "Health", "min_denominator": 20.5}]}` -- 20.5 starts at column 81) */
    char *dir = tu_tmpdir();
    tu_write(dir, "scorecard.json",
             "{\"title\": \"T\",\n"
             " \"indicators\": [{\"id\": \"x\", \"name\": \"X\", "
             "\"domain\": \"Health\", \"min_denominator\": 20.5}]}\n");
    tu_write(dir, "x.csv", "geo_id,year,value\n06001,2020,50\n");
    tu_load l = tu_load_dir(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 2, 81,
                   "expected an integer >= 0");
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST


START_TEST(validate_rejects_nul_bytes)
{
    /* a NUL inside a field (found by the fuzzer: it truncated ids) */
    static const char csv[] = "geo_id,year,value\n060\0" "01,2020,50\n";
    char *dir = tu_tmpdir();
    tu_write(dir, "scorecard.json",
             "{\"title\": \"T\",\n"
             " \"indicators\": [{\"id\": \"x\", \"name\": \"X\", "
             "\"domain\": \"Health\", \"file\": \"x.csv\"}]}\n");
    char path[4200];
    snprintf(path, sizeof path, "%s/x.csv", dir);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fwrite(csv, 1, sizeof csv - 1, f);
    fclose(f);
    tu_load l = tu_load_dir(dir);
    TU_ASSERT_DIAG(l.diags, "nul-byte", SC_SEV_ERROR, "x.csv", 2, 1,
                   "NUL byte");
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

/* ------------------------------------------- §2.4 geography hierarchy */

/* Observations for every county of the hierarchy fixtures below, so that
 * no missing-county warning comes along. */
static const char *const HIER_X =
    "geo_id,year,value\n"
    "06001,2019,40\n06003,2019,30\n32001,2019,50\n";

/* Load (csv, geo) and return it; the caller frees. */
static tu_load
hier_load(const char *csv, const char *geo, char **dir)
{
    *dir = dataset(csv, geo);
    return tu_load_dir(*dir);
}

/* ------------------------------------------------- formula-like text */

START_TEST(validate_warns_on_formula_like_text)
{
    /* Every text the outputs show that begins with = + - @, where it
     * is, once. Columns by hand:
     *   scorecard.json 2: `  "title": ` is 11 characters -> 12
     *   scorecard.json 4: `  "domains": [` is 14 -> 15
     *   scorecard.json 7: `    "name": ` 12 -> 13
     *   scorecard.json 8, 9: `    "domain": `, `    "source": ` 14 -> 15
     *   geo.csv 3: `06001,` 6 -> 7
     *   ins.csv 3: `06001,2020,80,` 14 -> 15 (line 5 repeats the
     *   subgroup: no second warning) */
    char *dir = tu_tmpdir();
    tu_write(dir, "scorecard.json",
             "{\n"
             "  \"title\": \"=SUM(A1)\",\n"
             "  \"geographies\": \"geo.csv\",\n"
             "  \"domains\": [\"@Health\"],\n"
             "  \"indicators\": [{\n"
             "    \"id\": \"ins\",\n"
             "    \"name\": \"+Insured\",\n"
             "    \"domain\": \"@Health\",\n"
             "    \"source\": \"-Census\",\n"
             "    \"file\": \"ins.csv\"\n"
             "  }]\n"
             "}\n");
    tu_write(dir, "geo.csv",
             "geo_id,name,level,parent\n"
             "06000,California,state,\n"
             "06001,=cmd|' /C calc'!A0,county,06000\n"
             "06003,Alpine,county,06000\n");
    tu_write(dir, "ins.csv",
             "geo_id,year,value,subgroup\n"
             "06001,2020,90,\n"
             "06001,2020,80,-Latino\n"
             "06003,2020,85,\n"
             "06001,2021,91,-Latino\n"
             "06001,2021,92,\n"
             "06003,2021,86,\n");
    tu_load l = tu_load_dir(dir);
    if (l.status != SC_OK)
        tu_dump(l.diags);
    ck_assert_int_eq(l.status, SC_OK); /* warnings only */
    const char *why = "; a spreadsheet that opens the CSV output would run "
                      "it as a formula (the workbook writes it as text): "
                      "start it with another character";
    char want[512];
    snprintf(want, sizeof want, "title '=SUM(A1)' begins with '='%s", why);
    TU_ASSERT_DIAG(l.diags, "formula-like-text", SC_SEV_WARNING,
                   "scorecard.json", 2, 12, want);
    snprintf(want, sizeof want, "domain '@Health' begins with '@'%s", why);
    TU_ASSERT_DIAG(l.diags, "formula-like-text", SC_SEV_WARNING,
                   "scorecard.json", 4, 15, want);
    TU_ASSERT_DIAG(l.diags, "formula-like-text", SC_SEV_WARNING,
                   "scorecard.json", 8, 15, want);
    snprintf(want, sizeof want, "name '+Insured' begins with '+'%s", why);
    TU_ASSERT_DIAG(l.diags, "formula-like-text", SC_SEV_WARNING,
                   "scorecard.json", 7, 13, want);
    snprintf(want, sizeof want, "source '-Census' begins with '-'%s", why);
    TU_ASSERT_DIAG(l.diags, "formula-like-text", SC_SEV_WARNING,
                   "scorecard.json", 9, 15, want);
    snprintf(want, sizeof want,
             "name '=cmd|' /C calc'!A0' begins with '='%s", why);
    TU_ASSERT_DIAG(l.diags, "formula-like-text", SC_SEV_WARNING, "geo.csv", 3,
                   7, want);
    snprintf(want, sizeof want, "subgroup '-Latino' begins with '-'%s", why);
    TU_ASSERT_DIAG(l.diags, "formula-like-text", SC_SEV_WARNING, "ins.csv", 3,
                   15, want);
    ck_assert_uint_eq(tu_count(l.diags, "formula-like-text"), 7);
    tu_load_free(&l);
    tu_cleanup(dir);

    /* inferred geographies: a geo_name, once for each new name (line 3
     * repeats it); `06001,2019,90,` is 14 characters -> column 15 */
    dir = tu_tmpdir();
    tu_write(dir, "scorecard.json",
             "{\"title\": \"T\", \"indicators\": [{\"id\": \"x\", \"name\": "
             "\"X\", \"domain\": \"Health\", \"file\": \"x.csv\"}]}\n");
    tu_write(dir, "x.csv",
             "geo_id,year,value,geo_name\n"
             "06001,2019,90,@Alameda\n"
             "06001,2020,91,@Alameda\n"
             "06003,2020,85,Alpine\n");
    l = tu_load_dir(dir);
    ck_assert_int_eq(l.status, SC_OK);
    snprintf(want, sizeof want, "geo_name '@Alameda' begins with '@'%s", why);
    TU_ASSERT_DIAG(l.diags, "formula-like-text", SC_SEV_WARNING, "x.csv", 2,
                   15, want);
    ck_assert_uint_eq(tu_count(l.diags, "formula-like-text"), 1);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_hier_county_parent_not_a_state)
{
    /* SPEC §2.4 "A county's state is its parent (which must then be a
     * state geography)". geo.csv line 3: `06001,Alameda,county,06003` --
     * "06001," (6) + "Alameda," (8) + "county," (7) = 21 characters, so
     * the parent field starts at column 22; 06003 is a county (line 4).
     * Line 4's own parent (06000, a state) is fine: exactly one error. */
    char *dir;
    tu_load l = hier_load("geo_id,year,value\n06001,2019,40\n06003,2019,30\n",
                          "geo_id,name,level,parent\n"
                          "06000,California,state,\n"
                          "06001,Alameda,county,06003\n"
                          "06003,Alpine,county,06000\n",
                          &dir);
    ck_assert_int_eq(l.status, SC_ERR_DATA);
    ck_assert_ptr_null(l.ds);
    TU_ASSERT_DIAG(l.diags, "bad-parent", SC_SEV_ERROR, "geo.csv", 3, 22,
                   "parent '06003' of county '06001' is a county (line 4); "
                   "expected a state (a county's parent is its state), or "
                   "a blank");
    ck_assert_uint_eq(tu_count(l.diags, "bad-parent"), 1);
    ck_assert_uint_eq(sc_diagnostics_total(l.diags, SC_SEV_ERROR), 1);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_hier_county_parent_is_nation_or_unlisted)
{
    /* line 4: `06001,Alameda,county,00000` -> parent column 22 (as
     * above); 00000 is the nation (line 2), not a state.
     * line 5: `06003,Alpine,county,06999` -> "06003," (6) + "Alpine,"
     * (7) + "county," (7) = 20, column 21; 06999 is not listed. */
    char *dir;
    tu_load l = hier_load("geo_id,year,value\n06001,2019,40\n06003,2019,30\n",
                          "geo_id,name,level,parent\n"
                          "00000,United States,nation,\n"
                          "06000,California,state,00000\n"
                          "06001,Alameda,county,00000\n"
                          "06003,Alpine,county,06999\n",
                          &dir);
    ck_assert_int_eq(l.status, SC_ERR_DATA);
    TU_ASSERT_DIAG(l.diags, "bad-parent", SC_SEV_ERROR, "geo.csv", 4, 22,
                   "parent '00000' of county '06001' is a nation (line 2); "
                   "expected a state");
    TU_ASSERT_DIAG(l.diags, "bad-parent", SC_SEV_ERROR, "geo.csv", 5, 21,
                   "parent '06999' of county '06003' is not a geo_id of "
                   "this file; expected the geo_id of its state, or a "
                   "blank");
    ck_assert_uint_eq(tu_count(l.diags, "bad-parent"), 2);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_hier_state_parent_not_nation)
{
    /* A state's non-blank parent must be the nation.
     * line 3: `06000,California,state,32000` -- "06000," (6) +
     *   "California," (11) + "state," (6) = 23 -> column 24; 32000 is a
     *   state (line 4).
     * line 4: `32000,Nevada,state,00000` is fine (the nation).
     * line 5: `48000,Texas,state,48001` -- 6 + "Texas," (6) + 6 = 18 ->
     *   column 19; 48001 is a county (line 6).
     * line 6: `48001,Anderson,county,` (blank parent, fine).
     * line 7: `49000,Utah,state,99` -- 6 + "Utah," (5) + 6 = 17 -> column
     *   18; 99 is not listed.
     * A blank parent (line 8, Oregon) is fine. */
    char *dir;
    tu_load l = hier_load("geo_id,year,value\n48001,2019,40\n",
                          "geo_id,name,level,parent\n"
                          "00000,United States,nation,\n"
                          "06000,California,state,32000\n"
                          "32000,Nevada,state,00000\n"
                          "48000,Texas,state,48001\n"
                          "48001,Anderson,county,\n"
                          "49000,Utah,state,99\n"
                          "41000,Oregon,state,\n",
                          &dir);
    ck_assert_int_eq(l.status, SC_ERR_DATA);
    TU_ASSERT_DIAG(l.diags, "bad-parent", SC_SEV_ERROR, "geo.csv", 3, 24,
                   "parent '32000' of state '06000' is a state (line 4); "
                   "expected the nation (a state's parent is the nation), "
                   "or a blank");
    TU_ASSERT_DIAG(l.diags, "bad-parent", SC_SEV_ERROR, "geo.csv", 5, 19,
                   "parent '48001' of state '48000' is a county (line 6); "
                   "expected the nation");
    TU_ASSERT_DIAG(l.diags, "bad-parent", SC_SEV_ERROR, "geo.csv", 7, 18,
                   "parent '99' of state '49000' is not a geo_id of this "
                   "file; expected the geo_id of its nation, or a blank");
    ck_assert_uint_eq(tu_count(l.diags, "bad-parent"), 3);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_hier_second_nation_and_nation_parent)
{
    /* At most one nation, and it has no parent.
     * line 3: `00001,USA again,nation,` -- "00001," (6) + "USA again,"
     *   (10) = 16 -> the level field at column 17 (the second nation is
     *   reported at its level).
     * line 2: `00000,United States,nation,06000` -- 6 + "United States,"
     *   (14) + "nation," (7) = 27 -> parent at column 28. */
    char *dir;
    tu_load l = hier_load("geo_id,year,value\n06001,2019,40\n",
                          "geo_id,name,level,parent\n"
                          "00000,United States,nation,06000\n"
                          "00001,USA again,nation,\n"
                          "06000,California,state,\n"
                          "06001,Alameda,county,06000\n",
                          &dir);
    ck_assert_int_eq(l.status, SC_ERR_DATA);
    TU_ASSERT_DIAG(l.diags, "bad-parent", SC_SEV_ERROR, "geo.csv", 3, 17,
                   "a second nation '00001' (the first is '00000' on line "
                   "2); expected at most one geography of level nation");
    TU_ASSERT_DIAG(l.diags, "bad-parent", SC_SEV_ERROR, "geo.csv", 2, 28,
                   "the nation '00000' has parent '06000'; expected a "
                   "blank parent (a nation has none)");
    ck_assert_uint_eq(sc_diagnostics_total(l.diags, SC_SEV_ERROR), 2);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_hier_parent_cycle)
{
    /* 06001 -> 06003 -> 06001: one error, at the first-listed member
     * (line 3, parent column 22), naming the cycle; its members are not
     * reported again as "is a county". 48000 <-> 48001 (state and county
     * parents of each other) is a second cycle, reported at line 5
     * (`48000,Texas,state,48001`: 6 + 6 + 6 = 18 -> column 19).
     * 06005 (line 7) is its own parent: `06005,Amador,county,06005` --
     * 6 + "Amador," (7) + 7 = 20 -> column 21. */
    char *dir;
    tu_load l = hier_load("geo_id,year,value\n06001,2019,40\n06003,2019,30\n"
                          "06005,2019,30\n48001,2019,30\n",
                          "geo_id,name,level,parent\n"
                          "06000,California,state,\n"
                          "06001,Alameda,county,06003\n"
                          "06003,Alpine,county,06001\n"
                          "48000,Texas,state,48001\n"
                          "48001,Anderson,county,48000\n"
                          "06005,Amador,county,06005\n",
                          &dir);
    ck_assert_int_eq(l.status, SC_ERR_DATA);
    TU_ASSERT_DIAG(l.diags, "bad-parent", SC_SEV_ERROR, "geo.csv", 3, 22,
                   "parent cycle 06001 -> 06003 -> 06001; expected a "
                   "county's parent to be a state and a state's the "
                   "nation");
    TU_ASSERT_DIAG(l.diags, "bad-parent", SC_SEV_ERROR, "geo.csv", 5, 19,
                   "parent cycle 48000 -> 48001 -> 48000;");
    TU_ASSERT_DIAG(l.diags, "bad-parent", SC_SEV_ERROR, "geo.csv", 7, 21,
                   "geography '06005' is its own parent; expected a "
                   "county's state, a state's nation, or a blank");
    ck_assert_uint_eq(tu_count(l.diags, "bad-parent"), 3);
    ck_assert_uint_eq(sc_diagnostics_total(l.diags, SC_SEV_ERROR), 3);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_hier_parent_disagrees_with_fips)
{
    /* line 4: `06001,Alameda,county,32000` -- column 22. A warning, not
     * an error; the listed parent still wins (06001's state is 32000).
     * 32001 (blank parent) takes 32000 from its FIPS code: no warning. */
    char *dir;
    tu_load l = hier_load(HIER_X,
                          "geo_id,name,level,parent\n"
                          "06000,California,state,\n"
                          "32000,Nevada,state,\n"
                          "06001,Alameda,county,32000\n"
                          "06003,Alpine,county,06000\n"
                          "32001,Carson City,county,\n",
                          &dir);
    ck_assert_int_eq(l.status, SC_OK);
    TU_ASSERT_DIAG(l.diags, "parent-mismatch", SC_SEV_WARNING, "geo.csv", 4,
                   22,
                   "county '06001' has parent '32000', but its FIPS code "
                   "says state '06000'; check the parent");
    ck_assert_uint_eq(tu_count(l.diags, "parent-mismatch"), 1);
    ck_assert_uint_eq(sc_diagnostics_total(l.diags, SC_SEV_ERROR), 0);
    ck_assert_uint_eq(sc_diagnostics_total(l.diags, SC_SEV_WARNING), 1);
    size_t g;
    ck_assert_int_eq(sc_dataset_find_geography(l.ds, "06001", &g), SC_OK);
    ck_assert_str_eq(sc_dataset_geography(l.ds, g)->state, "32000");
    ck_assert_int_eq(sc_dataset_find_geography(l.ds, "32001", &g), SC_OK);
    ck_assert_str_eq(sc_dataset_geography(l.ds, g)->state, "32000");
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_hier_valid_three_levels)
{
    /* nation <- state <- county, with blank parents too: no diagnostic */
    char *dir;
    tu_load l = hier_load(HIER_X,
                          "geo_id,name,level,parent\n"
                          "00000,United States,nation,\n"
                          "06000,California,state,00000\n"
                          "32000,Nevada,state,\n"
                          "06001,Alameda,county,06000\n"
                          "06003,Alpine,county,\n"
                          "32001,Carson City,county,32000\n",
                          &dir);
    if (sc_diagnostics_count(l.diags))
        tu_dump(l.diags);
    ck_assert_int_eq(l.status, SC_OK);
    ck_assert_uint_eq(sc_diagnostics_count(l.diags), 0);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

START_TEST(validate_hier_out_of_scope_rows_not_checked)
{
    /* scope "06": Nevada's bad rows (a county parent of a county, a self
     * parent) are out of scope and skipped silently (SPEC §2.4) */
    char *dir = tu_tmpdir();
    tu_write(dir, "scorecard.json",
             "{\"title\": \"T\", \"geographies\": \"geo.csv\", "
             "\"scope\": \"06\",\n"
             " \"indicators\": [{\"id\": \"x\", \"name\": \"X\", "
             "\"domain\": \"Health\", \"file\": \"x.csv\"}]}\n");
    tu_write(dir, "x.csv", HIER_X);
    tu_write(dir, "geo.csv",
             "geo_id,name,level,parent\n"
             "06000,California,state,\n"
             "06001,Alameda,county,06000\n"
             "06003,Alpine,county,06000\n"
             "32000,Nevada,state,32000\n"
             "32001,Carson City,county,32003\n"
             "32003,Churchill,county,32001\n");
    tu_load l = tu_load_dir(dir);
    if (sc_diagnostics_count(l.diags))
        tu_dump(l.diags);
    ck_assert_int_eq(l.status, SC_OK);
    ck_assert_uint_eq(sc_diagnostics_count(l.diags), 0);
    tu_load_free(&l);
    tu_cleanup(dir);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("validate");
    TCase *tc = tcase_create("validate:errors");
    tcase_add_test(tc, validate_rejects_unreadable_file);
    tcase_add_test(tc, validate_rejects_unterminated_quote);
    tcase_add_test(tc, validate_rejects_ragged_row);
    tcase_add_test(tc, validate_rejects_invalid_utf8);
    tcase_add_test(tc, validate_rejects_missing_required_column);
    tcase_add_test(tc, validate_rejects_non_numeric_value);
    tcase_add_test(tc, validate_rejects_value_out_of_range);
    tcase_add_test(tc, validate_rejects_numerator_above_denominator);
    tcase_add_test(tc, validate_rejects_negative_count);
    tcase_add_test(tc, validate_rejects_year_out_of_range);
    tcase_add_test(tc, validate_rejects_non_year);
    tcase_add_test(tc, validate_rejects_duplicate_row);
    tcase_add_test(tc, validate_rejects_geo_not_in_geographies);
    tcase_add_test(tc, validate_rejects_value_inconsistent_with_counts);
    tcase_add_test(tc, validate_accepts_value_within_rounding_slack);
    tcase_add_test(tc, validate_rejects_bad_level_enum);
    tcase_add_test(tc, validate_reports_every_problem);
    tcase_add_test(tc, validate_caps_stored_diagnostics);
    tcase_add_test(tc, validate_points_into_multiline_record);
    suite_add_tcase(s, tc);
    tc = tcase_create("validate:hierarchy");
    tcase_add_test(tc, validate_hier_county_parent_not_a_state);
    tcase_add_test(tc, validate_hier_county_parent_is_nation_or_unlisted);
    tcase_add_test(tc, validate_hier_state_parent_not_nation);
    tcase_add_test(tc, validate_hier_second_nation_and_nation_parent);
    tcase_add_test(tc, validate_hier_parent_cycle);
    tcase_add_test(tc, validate_hier_parent_disagrees_with_fips);
    tcase_add_test(tc, validate_hier_valid_three_levels);
    tcase_add_test(tc, validate_hier_out_of_scope_rows_not_checked);
    suite_add_tcase(s, tc);
    tc = tcase_create("validate:warnings");
    tcase_add_test(tc, validate_warns_on_outlier);
    tcase_add_test(tc, validate_no_outlier_for_steady_trend);
    tcase_add_test(tc, validate_warns_on_county_missing_latest_year);
    tcase_add_test(tc, validate_warns_on_name_mismatch);
    tcase_add_test(tc, validate_warns_on_formula_like_text);
    suite_add_tcase(s, tc);
    tc = tcase_create("validate:regressions");
    tcase_add_test(tc, validate_refuses_paths_outside_dataset);
    tcase_add_test(tc, validate_rejects_empty_file);
    tcase_add_test(tc, validate_scope_does_not_hide_malformed_ids);
    tcase_add_test(tc, validate_bad_rows_are_not_stored);
    tcase_add_test(tc, validate_rejected_header_stops_the_file);
    tcase_add_test(tc, validate_rejects_bare_cr_line_endings);
    tcase_add_test(tc, validate_malformed_column_skips_quoted_commas);
    tcase_add_test(tc, validate_blank_line_across_read_boundary);
    tcase_add_test(tc, validate_count_ratio_does_not_overflow);
    tcase_add_test(tc, validate_accepts_long_numbers);
    tcase_add_test(tc, validate_duplicate_geo_after_bad_row);
    tcase_add_test(tc, validate_messages_ignore_host_locale);
    tcase_add_test(tc, validate_truncated_json_text_stays_utf8);
    tcase_add_test(tc, validate_min_denominator_is_an_integer);
    tcase_add_test(tc, validate_rejects_nul_bytes);
    suite_add_tcase(s, tc);
    tc = tcase_create("validate:sample");
    tcase_add_test(tc, validate_accepts_bundled_sample);
    tcase_add_test(tc, validate_median_mad_match_gsl);
    tcase_add_test(tc, validate_transformed_value_ignores_host_locale);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return tu_run(suite());
}
