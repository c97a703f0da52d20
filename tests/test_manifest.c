/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the manifest stage (engine/manifest.c, SPEC §2.1, §2.2,
 * §4): every problem is reported at the exact line and column of the
 * offending key or value, and the load status follows the errors.
 *
 * Fixtures put one key per line where a column matters, so columns are
 * easy to count: an entry's keys are indented by 6 spaces, so a key's
 * opening quote is column 7 and its value starts at column
 * 7 + strlen(key) + 2 (quotes) + 2 (colon, space) = strlen(key) + 11.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* A small valid observation file: one county, one year. */
#define CSV_OK "geo_id,year,value\n06001,2019,50\n"

/* A temporary dataset with the given manifest and the observation files
 * ind_a.csv, ind_b.csv and a.csv (all CSV_OK). */
static char *
dataset(const char *manifest)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "ind_a.csv", CSV_OK);
    tu_write(dir, "ind_b.csv", CSV_OK);
    tu_write(dir, "a.csv", CSV_OK);
    tu_write(dir, "scorecard.json", manifest);
    return dir;
}

/* The status must be SC_ERR_DATA when an error was reported, else SC_OK;
 * a dataset is returned exactly when the status is SC_OK. */
static void
assert_status_follows_errors(const tu_load *l)
{
    size_t errors = sc_diagnostics_total(l->diags, SC_SEV_ERROR);
    if (errors) {
        if (l->status != SC_ERR_DATA)
            tu_dump(l->diags);
        ck_assert_msg(l->status == SC_ERR_DATA,
                      "%zu errors reported but the status is %s", errors,
                      sc_status_name(l->status));
        ck_assert_ptr_null(l->ds);
    } else {
        if (l->status != SC_OK)
            tu_dump(l->diags);
        ck_assert_msg(l->status == SC_OK,
                      "no error reported but the status is %s",
                      sc_status_name(l->status));
        ck_assert_ptr_nonnull(l->ds);
    }
}

/* Load a dataset that must fail with data errors. */
static tu_load
load_bad(const char *dir)
{
    tu_load l = tu_load_dir(dir);
    ck_assert_msg(sc_diagnostics_total(l.diags, SC_SEV_ERROR) > 0,
                  "expected errors, got none");
    assert_status_follows_errors(&l);
    return l;
}

/* Load a dataset that must load without errors. */
static tu_load
load_good(const char *dir)
{
    tu_load l = tu_load_dir(dir);
    if (sc_diagnostics_total(l.diags, SC_SEV_ERROR) > 0)
        tu_dump(l.diags);
    ck_assert_uint_eq(sc_diagnostics_total(l.diags, SC_SEV_ERROR), 0);
    assert_status_follows_errors(&l);
    return l;
}

static void
finish(tu_load *l, char *dir)
{
    tu_load_free(l);
    tu_cleanup(dir);
}

/* ----------------------------------------------------------- JSON syntax */

START_TEST(sc_manifest_load_json_trailing_comma_in_object)
{
    /* line 4: `}` right after a trailing comma: the parser expects a key
     * there, so the error is at the `}`, column 1 */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"indicators\": [{\"id\": \"ind_a\", \"name\": "
                        "\"A\", \"domain\": \"Education\"}],\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "json-syntax", SC_SEV_ERROR, "scorecard.json", 4,
                   1, "JSON syntax error");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_json_trailing_comma_in_array)
{
    /* line 3: `  "domains": ["Education",]` - 2 spaces, "domains" is
     * columns 3-11, `:` 12, space 13, `[` 14, "Education" 15-25, `,` 26,
     * so the `]` where a value is expected is column 27 */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"domains\": [\"Education\",],\n"
                        "  \"indicators\": [{\"id\": \"ind_a\", \"name\": "
                        "\"A\", \"domain\": \"Education\"}]\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "json-syntax", SC_SEV_ERROR, "scorecard.json", 3,
                   27, "JSON syntax error");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_json_missing_comma)
{
    /* line 3: `  "indicators": [...]` follows `"title": "T"` without a
     * comma; the unexpected token is the key's quote, column 3 */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\"\n"
                        "  \"indicators\": [{\"id\": \"ind_a\", \"name\": "
                        "\"A\", \"domain\": \"Education\"}]\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "json-syntax", SC_SEV_ERROR, "scorecard.json", 3,
                   3, "JSON syntax error");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_json_unterminated_string)
{
    /* line 3: `  "title": "Scorecard` and no closing quote up to the end
     * of the file: 2 spaces, "title" 3-9, `:` 10, space 11, so the string
     * token starts at its opening quote, column 12 */
    char *dir = dataset("{\n"
                        "  \"indicators\": [{\"id\": \"ind_a\", \"name\": "
                        "\"A\", \"domain\": \"Education\"}],\n"
                        "  \"title\": \"Scorecard\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "json-syntax", SC_SEV_ERROR, "scorecard.json", 3,
                   12, "JSON syntax error");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_json_unexpected_end_of_file)
{
    /* the file ends right after line 3 `  "indicators": [` (no newline):
     * 2 spaces, "indicators" 3-14, `:` 15, space 16, `[` 17, so the end
     * of the file is line 3, column 18 */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"indicators\": [");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "json-syntax", SC_SEV_ERROR, "scorecard.json", 3,
                   18, "unexpected end of file");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_json_empty_file)
{
    /* an empty file ends at line 1, column 1 */
    char *dir = dataset("");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "json-syntax", SC_SEV_ERROR, "scorecard.json", 1,
                   1, "unexpected end of file");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_invalid_utf8)
{
    /* line 2: `  "title": "été \xFF"` - 2 spaces, "title" 3-9, `:` 10,
     * space 11, `"` 12, é 13 (two bytes, one column), t 14, é 15,
     * space 16, so the byte 0xFF is column 17 */
    char *dir = dataset("{\n"
                        "  \"title\": \"\xC3\xA9t\xC3\xA9 \xFF\",\n"
                        "  \"indicators\": [{\"id\": \"ind_a\", \"name\": "
                        "\"A\", \"domain\": \"Education\"}]\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "invalid-utf8", SC_SEV_ERROR, "scorecard.json", 2,
                   17, "0xFF");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_not_an_object)
{
    /* a JSON array is valid JSON but not a manifest: line 1, column 1 */
    char *dir = dataset("[\n  {\"title\": \"T\"}\n]\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 1, 1,
                   "must be a JSON object");
    finish(&l, dir);
}
END_TEST

/* ------------------------------------------------------------ unknown keys */

START_TEST(sc_manifest_load_unknown_top_level_key)
{
    /* line 3: `  "trend_year": 10,` - the key's quote is column 3; it is
     * one letter away from trend_years */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"trend_year\": 10,\n"
                        "  \"indicators\": [{\"id\": \"ind_a\", \"name\": "
                        "\"A\", \"domain\": \"Education\"}]\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 3, 3,
                   "unknown manifest key 'trend_year' (did you mean "
                   "'trend_years'?)");
    ck_assert_uint_eq(sc_diagnostics_total(l.diags, SC_SEV_ERROR), 1);
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_unknown_top_level_key_far_from_any)
{
    /* line 2: `  "colour_scheme": "blue",` - the key's quote is column 3;
     * nothing is close enough to suggest */
    char *dir = dataset("{\n"
                        "  \"colour_scheme\": \"blue\",\n"
                        "  \"title\": \"T\",\n"
                        "  \"indicators\": [{\"id\": \"ind_a\", \"name\": "
                        "\"A\", \"domain\": \"Education\"}]\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 2, 3,
                   "unknown manifest key 'colour_scheme'");
    ck_assert_ptr_null(strstr(tu_find(l.diags, "manifest")->message,
                              "did you mean"));
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_unknown_entry_key)
{
    /* line 8: `      "fiel": "ind_a.csv"` - 6 spaces, the key's quote is
     * column 7 */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"indicators\": [\n"
                        "    {\n"
                        "      \"id\": \"ind_a\",\n"
                        "      \"name\": \"A\",\n"
                        "      \"domain\": \"Education\",\n"
                        "      \"fiel\": \"ind_a.csv\"\n"
                        "    }\n"
                        "  ]\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 8, 7,
                   "unknown indicator key 'fiel' (did you mean 'file'?)");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_unknown_transform_key)
{
    /* line 8: `      "transform": {"scale": 100, "complemnt": true}` -
     * "transform" 7-17, `:` 18, space 19, `{` 20, "scale" 21-27, `:` 28,
     * space 29, 100 30-32, `,` 33, space 34, so "complemnt" is column 35 */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"indicators\": [\n"
                        "    {\n"
                        "      \"id\": \"ind_a\",\n"
                        "      \"name\": \"A\",\n"
                        "      \"domain\": \"Education\",\n"
                        "      \"transform\": {\"scale\": 100, "
                        "\"complemnt\": true}\n"
                        "    }\n"
                        "  ]\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 8, 35,
                   "unknown transform key 'complemnt'");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_unknown_canonical_column)
{
    /* line 8: `      "columns": {"geoid": "geo_id"}` - "columns" 7-15,
     * `:` 16, space 17, `{` 18, so the key "geoid" is column 19 */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"indicators\": [\n"
                        "    {\n"
                        "      \"id\": \"ind_a\",\n"
                        "      \"name\": \"A\",\n"
                        "      \"domain\": \"Education\",\n"
                        "      \"columns\": {\"geoid\": \"geo_id\"}\n"
                        "    }\n"
                        "  ]\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 8, 19,
                   "unknown canonical column 'geoid'");
    finish(&l, dir);
}
END_TEST

/* ------------------------------------------------------------ bad values */

START_TEST(sc_manifest_load_use_unknown_catalog_id)
{
    /* line 5: `      "use": "no_such_indicator",` - "use" 7-11, `:` 12,
     * space 13, so the value is column 14 */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"indicators\": [\n"
                        "    {\n"
                        "      \"use\": \"no_such_indicator\",\n"
                        "      \"file\": \"a.csv\"\n"
                        "    }\n"
                        "  ]\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 5, 14,
                   "unknown indicator 'no_such_indicator'");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_bad_direction)
{
    /* line 8: `      "direction": "up"` - "direction" 7-17, `:` 18,
     * space 19, so the value is column 20 */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"indicators\": [\n"
                        "    {\n"
                        "      \"id\": \"ind_a\",\n"
                        "      \"name\": \"A\",\n"
                        "      \"domain\": \"Education\",\n"
                        "      \"direction\": \"up\"\n"
                        "    }\n"
                        "  ]\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 8, 20,
                   "bad value for 'direction': \"up\"");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_bad_unit)
{
    /* line 8: `      "unit": "count"` - "unit" 7-12, `:` 13, space 14, so
     * the value is column 15 */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"indicators\": [\n"
                        "    {\n"
                        "      \"id\": \"ind_a\",\n"
                        "      \"name\": \"A\",\n"
                        "      \"domain\": \"Education\",\n"
                        "      \"unit\": \"count\"\n"
                        "    }\n"
                        "  ]\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 8, 15,
                   "bad value for 'unit': \"count\"");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_numbers_out_of_range)
{
    /* line 8: `      "decimals": 7,` - "decimals" 7-16, `:` 17, space 18:
     *   value column 19;
     * line 9: `      "weight": 0,` - "weight" 7-14, `:` 15, space 16:
     *   value column 17;
     * line 10: `      "target": 120` - "target" 7-14: value column 17 */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"indicators\": [\n"
                        "    {\n"
                        "      \"id\": \"ind_a\",\n"
                        "      \"name\": \"A\",\n"
                        "      \"domain\": \"Education\",\n"
                        "      \"decimals\": 7,\n"
                        "      \"weight\": 0,\n"
                        "      \"target\": 120\n"
                        "    }\n"
                        "  ]\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 8, 19,
                   "bad value for 'decimals': 7");
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 9, 17,
                   "bad value for 'weight': 0");
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 10,
                   17, "bad value for 'target': 120");
    ck_assert_uint_eq(sc_diagnostics_total(l.diags, SC_SEV_ERROR), 3);
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_missing_title)
{
    /* a missing key has no position of its own: the manifest's `{` at
     * line 1, column 1 */
    char *dir = dataset("{\n"
                        "  \"indicators\": [{\"id\": \"ind_a\", \"name\": "
                        "\"A\", \"domain\": \"Education\"}]\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 1, 1,
                   "missing required key 'title'");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_empty_indicators)
{
    /* line 3: `  "indicators": []` - "indicators" 3-14, `:` 15, space 16,
     * so the `[` is column 17 */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"indicators\": []\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 3, 17,
                   "bad value for 'indicators'");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_duplicate_indicator_id)
{
    /* line 10: `      "id": "ind_a",` in the second entry - "id" 7-10,
     * `:` 11, space 12, so the value is column 13 */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"indicators\": [\n"
                        "    {\n"
                        "      \"id\": \"ind_a\",\n"
                        "      \"name\": \"A\",\n"
                        "      \"domain\": \"Education\"\n"
                        "    },\n"
                        "    {\n"
                        "      \"id\": \"ind_a\",\n"
                        "      \"name\": \"A again\",\n"
                        "      \"domain\": \"Education\"\n"
                        "    }\n"
                        "  ]\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 10,
                   13, "duplicate indicator id 'ind_a'");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_domain_not_in_domains)
{
    /* line 14: `      "domain": "Education"` of the second entry -
     * "domain" 7-14, `:` 15, space 16, so the value is column 17 */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"domains\": [\"Health\"],\n"
                        "  \"indicators\": [\n"
                        "    {\n"
                        "      \"id\": \"ind_b\",\n"
                        "      \"name\": \"B\",\n"
                        "      \"domain\": \"Health\"\n"
                        "    },\n"
                        "    {\n"
                        "      \"id\": \"ind_a\",\n"
                        "      \"name\": \"A\",\n"
                        "      \"x_note\": \"Education is not listed\",\n"
                        "      \"domain\": \"Education\"\n"
                        "    }\n"
                        "  ]\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 14,
                   17, "domain 'Education' is not in the manifest's domains");
    ck_assert_uint_eq(sc_diagnostics_total(l.diags, SC_SEV_ERROR), 1);
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_catalog_domain_not_in_domains)
{
    /* the domain comes from the catalog definition: line 4 of
     * indicators/preschool_attendance.json is `  "domain": "Education",`
     * - 2 spaces, "domain" 3-10, `:` 11, space 12: value column 13 */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"domains\": [\"Health\"],\n"
                        "  \"indicators\": [\n"
                        "    {\"use\": \"preschool_attendance\", "
                        "\"file\": \"a.csv\"}\n"
                        "  ]\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR,
                   "indicators/preschool_attendance.json", 4, 13,
                   "domain 'Education' is not in the manifest's domains");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_entry_is_a_number)
{
    /* line 3: `  "indicators": [42]` - `[` 17, so 42 is column 18 */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"indicators\": [42]\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 3, 18,
                   "an indicator entry must be an object");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_ci_low_without_ci_high)
{
    /* line 8: `      "columns": {"ci_low": "lo"}` - "columns" 7-15,
     * `:` 16, space 17: the columns object starts at column 18 */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"indicators\": [\n"
                        "    {\n"
                        "      \"id\": \"ind_a\",\n"
                        "      \"name\": \"A\",\n"
                        "      \"domain\": \"Education\",\n"
                        "      \"columns\": {\"ci_low\": \"lo\"}\n"
                        "    }\n"
                        "  ]\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "manifest", SC_SEV_ERROR, "scorecard.json", 8, 18,
                   "ci_low and ci_high must be mapped together");
    finish(&l, dir);
}
END_TEST

/* ----------------------------------------------------------------- files */

START_TEST(sc_manifest_load_missing_observation_file)
{
    /* line 8: `      "file": "missing.csv"` - "file" 7-12, `:` 13,
     * space 14, so the value is column 15 */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"indicators\": [\n"
                        "    {\n"
                        "      \"id\": \"ind_a\",\n"
                        "      \"name\": \"A\",\n"
                        "      \"domain\": \"Education\",\n"
                        "      \"file\": \"missing.csv\"\n"
                        "    }\n"
                        "  ]\n"
                        "}\n");
    tu_load l = load_bad(dir);
    TU_ASSERT_DIAG(l.diags, "unreadable-file", SC_SEV_ERROR, "scorecard.json",
                   8, 15, "missing.csv");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_missing_dataset_is_io_error)
{
    char *dir = tu_tmpdir();
    char path[4096];
    ck_assert_int_lt(snprintf(path, sizeof path, "%s/no/such/dataset", dir),
                     (int)sizeof path);
    tu_load l = tu_load_dir(path);
    ck_assert_int_eq(l.status, SC_ERR_IO);
    ck_assert_ptr_null(l.ds);
    ck_assert_ptr_nonnull(tu_find(l.diags, "unreadable-file"));
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_missing_manifest_is_io_error)
{
    /* the directory exists but holds no scorecard.json */
    char *dir = tu_tmpdir();
    tu_write(dir, "a.csv", CSV_OK);
    tu_load l = tu_load_dir(dir);
    ck_assert_int_eq(l.status, SC_ERR_IO);
    ck_assert_ptr_null(l.ds);
    TU_ASSERT_DIAG(l.diags, "unreadable-file", SC_SEV_ERROR, "scorecard.json",
                   0, 0, "cannot read");
    finish(&l, dir);
}
END_TEST

/* -------------------------------------------------------------- accepted */

START_TEST(sc_manifest_load_accepts_x_keys)
{
    /* x_ keys at the top level (with a value that would be invalid
     * elsewhere), in an entry, in a transform and in the dataset's own
     * catalog definition are free for users */
    char *dir = dataset("{\n"
                        "  \"x_maintainer\": {\"titel\": 1, \"weight\": 0},\n"
                        "  \"title\": \"T\",\n"
                        "  \"indicators\": [\n"
                        "    {\n"
                        "      \"id\": \"ind_a\",\n"
                        "      \"name\": \"A\",\n"
                        "      \"domain\": \"Education\",\n"
                        "      \"x_comment\": \"checked 2024\",\n"
                        "      \"transform\": {\"scale\": 1, \"x_why\": 2}\n"
                        "    },\n"
                        "    {\"use\": \"my_ind\", \"file\": \"a.csv\", "
                        "\"x_\": null}\n"
                        "  ],\n"
                        "  \"x_\": []\n"
                        "}\n");
    tu_write(dir, "indicators/my_ind.json",
             "{\"id\": \"my_ind\", \"name\": \"Mine\", \"domain\": "
             "\"Health\", \"x_origin\": \"local\"}\n");
    tu_load l = load_good(dir);
    ck_assert_uint_eq(sc_dataset_indicator_count(l.ds), 2);
    ck_assert_str_eq(sc_dataset_indicator(l.ds, 1)->name, "Mine");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_accepts_x_keys_in_columns)
{
    /* "anywhere" includes the columns mapping */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"indicators\": [\n"
                        "    {\n"
                        "      \"id\": \"ind_a\",\n"
                        "      \"name\": \"A\",\n"
                        "      \"domain\": \"Education\",\n"
                        "      \"columns\": {\"value\": \"value\", "
                        "\"x_note\": \"raw\"}\n"
                        "    }\n"
                        "  ]\n"
                        "}\n");
    tu_load l = load_good(dir);
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_applies_defaults)
{
    char *dir = dataset("{\n"
                        "  \"title\": \"Defaults\",\n"
                        "  \"indicators\": [\n"
                        "    {\"id\": \"ind_a\", \"name\": \"A\", "
                        "\"domain\": \"Education\"},\n"
                        "    {\"id\": \"ind_b\", \"name\": \"B\", "
                        "\"domain\": \"Health\", "
                        "\"direction\": \"lower_is_better\"}\n"
                        "  ]\n"
                        "}\n");
    tu_load l = load_good(dir);
    ck_assert_str_eq(sc_dataset_title(l.ds), "Defaults");
    ck_assert_int_eq(sc_dataset_trend_years(l.ds), 10);
    ck_assert_double_eq_tol(sc_dataset_alpha(l.ds), 0.05, TU_EPS);
    ck_assert_int_eq(sc_dataset_rank_draws(l.ds), 1000);
    ck_assert_uint_eq(sc_dataset_seed(l.ds), 1);
    /* latest year 2019 + 10 */
    ck_assert_int_eq(sc_dataset_goal_year(l.ds), 2029);
    ck_assert_ptr_null(sc_dataset_scope(l.ds));

    ck_assert_uint_eq(sc_dataset_indicator_count(l.ds), 2);
    const sc_indicator_info *a = sc_dataset_indicator(l.ds, 0);
    ck_assert_str_eq(a->id, "ind_a");
    ck_assert_int_eq(a->direction, SC_HIGHER_IS_BETTER);
    ck_assert_double_eq_tol(a->target, 100, TU_EPS);
    ck_assert_str_eq(a->unit, "percent");
    ck_assert_int_eq(a->decimals, 1);
    ck_assert_double_eq_tol(a->min_denominator, 20, TU_EPS);
    ck_assert_double_eq_tol(a->weight, 1, TU_EPS);
    ck_assert_double_eq_tol(a->max_rse, 0.3, TU_EPS);
    ck_assert_str_eq(a->description, "");
    ck_assert_str_eq(a->source, "");
    ck_assert_str_eq(a->url, "");
    ck_assert_str_eq(a->file, "ind_a.csv");
    /* lower is better: the default target is 0 */
    const sc_indicator_info *b = sc_dataset_indicator(l.ds, 1);
    ck_assert_int_eq(b->direction, SC_LOWER_IS_BETTER);
    ck_assert_double_eq_tol(b->target, 0, TU_EPS);

    /* no domains key: order of first appearance */
    ck_assert_uint_eq(sc_dataset_domain_count(l.ds), 2);
    ck_assert_str_eq(sc_dataset_domain(l.ds, 0), "Education");
    ck_assert_str_eq(sc_dataset_domain(l.ds, 1), "Health");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_keeps_given_values)
{
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"goal_year\": 2035,\n"
                        "  \"trend_years\": 5,\n"
                        "  \"alpha\": 0.1,\n"
                        "  \"rank_draws\": 0,\n"
                        "  \"seed\": 42,\n"
                        "  \"indicators\": [\n"
                        "    {\"id\": \"ind_a\", \"name\": \"A\", "
                        "\"domain\": \"Education\", \"decimals\": 4, "
                        "\"weight\": 2.5, \"target\": 90, \"max_rse\": 0.5, "
                        "\"min_denominator\": 0}\n"
                        "  ]\n"
                        "}\n");
    tu_load l = load_good(dir);
    ck_assert_int_eq(sc_dataset_goal_year(l.ds), 2035);
    ck_assert_int_eq(sc_dataset_trend_years(l.ds), 5);
    ck_assert_double_eq_tol(sc_dataset_alpha(l.ds), 0.1, TU_EPS);
    ck_assert_int_eq(sc_dataset_rank_draws(l.ds), 0);
    ck_assert_uint_eq(sc_dataset_seed(l.ds), 42);
    const sc_indicator_info *a = sc_dataset_indicator(l.ds, 0);
    ck_assert_int_eq(a->decimals, 4);
    ck_assert_double_eq_tol(a->weight, 2.5, TU_EPS);
    ck_assert_double_eq_tol(a->target, 90, TU_EPS);
    ck_assert_double_eq_tol(a->max_rse, 0.5, TU_EPS);
    ck_assert_double_eq_tol(a->min_denominator, 0, TU_EPS);
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_keeps_domains_order)
{
    /* Health is listed first although the first indicator is Education */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"domains\": [\"Health\", \"Education\"],\n"
                        "  \"indicators\": [\n"
                        "    {\"id\": \"ind_a\", \"name\": \"A\", "
                        "\"domain\": \"Education\"},\n"
                        "    {\"id\": \"ind_b\", \"name\": \"B\", "
                        "\"domain\": \"Health\"}\n"
                        "  ]\n"
                        "}\n");
    tu_load l = load_good(dir);
    ck_assert_uint_eq(sc_dataset_domain_count(l.ds), 2);
    ck_assert_str_eq(sc_dataset_domain(l.ds, 0), "Health");
    ck_assert_str_eq(sc_dataset_domain(l.ds, 1), "Education");
    ck_assert_ptr_null(sc_dataset_domain(l.ds, 2));
    /* indicators stay in manifest order */
    ck_assert_str_eq(sc_dataset_indicator(l.ds, 0)->id, "ind_a");
    ck_assert_str_eq(sc_dataset_indicator(l.ds, 1)->id, "ind_b");
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_use_reads_repo_catalog)
{
    /* no indicators/ in the dataset: the repository's catalog is used;
     * a field in the entry overrides the catalog's */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"indicators\": [\n"
                        "    {\"use\": \"preschool_attendance\", "
                        "\"file\": \"a.csv\"},\n"
                        "    {\"use\": \"chronic_absenteeism\", "
                        "\"file\": \"ind_b.csv\", \"name\": \"Absent\", "
                        "\"decimals\": 2}\n"
                        "  ]\n"
                        "}\n");
    tu_load l = load_good(dir);
    ck_assert_uint_eq(sc_dataset_indicator_count(l.ds), 2);
    const sc_indicator_info *a = sc_dataset_indicator(l.ds, 0);
    ck_assert_str_eq(a->id, "preschool_attendance");
    ck_assert_str_eq(a->name, "3-4 year olds attending preschool");
    ck_assert_str_eq(a->domain, "Education");
    ck_assert_str_eq(a->source,
                     "U.S. Census Bureau, American Community Survey");
    ck_assert_str_eq(a->file, "a.csv");
    const sc_indicator_info *b = sc_dataset_indicator(l.ds, 1);
    ck_assert_str_eq(b->id, "chronic_absenteeism");
    ck_assert_str_eq(b->name, "Absent");
    ck_assert_int_eq(b->decimals, 2);
    ck_assert_int_eq(b->direction, SC_LOWER_IS_BETTER);
    ck_assert_double_eq_tol(b->target, 0, TU_EPS);
    finish(&l, dir);
}
END_TEST

START_TEST(sc_manifest_load_own_catalog_takes_precedence)
{
    /* the dataset's indicators/preschool_attendance.json shadows the
     * repository's definition of the same id */
    char *dir = dataset("{\n"
                        "  \"title\": \"T\",\n"
                        "  \"indicators\": [\n"
                        "    {\"use\": \"preschool_attendance\", "
                        "\"file\": \"a.csv\"}\n"
                        "  ]\n"
                        "}\n");
    tu_write(dir, "indicators/preschool_attendance.json",
             "{\n"
             "  \"id\": \"preschool_attendance\",\n"
             "  \"name\": \"Local preschool\",\n"
             "  \"domain\": \"Early learning\",\n"
             "  \"decimals\": 0\n"
             "}\n");
    tu_load l = load_good(dir);
    const sc_indicator_info *a = sc_dataset_indicator(l.ds, 0);
    ck_assert_str_eq(a->name, "Local preschool");
    ck_assert_str_eq(a->domain, "Early learning");
    ck_assert_int_eq(a->decimals, 0);
    /* nothing is taken from the shadowed definition */
    ck_assert_str_eq(a->source, "");
    ck_assert_str_eq(sc_dataset_domain(l.ds, 0), "Early learning");
    finish(&l, dir);
}
END_TEST

static Suite *
manifest_suite(void)
{
    Suite *s = suite_create("manifest");
    TCase *tc = tcase_create("manifest:syntax");
    tcase_add_test(tc, sc_manifest_load_json_trailing_comma_in_object);
    tcase_add_test(tc, sc_manifest_load_json_trailing_comma_in_array);
    tcase_add_test(tc, sc_manifest_load_json_missing_comma);
    tcase_add_test(tc, sc_manifest_load_json_unterminated_string);
    tcase_add_test(tc, sc_manifest_load_json_unexpected_end_of_file);
    tcase_add_test(tc, sc_manifest_load_json_empty_file);
    tcase_add_test(tc, sc_manifest_load_invalid_utf8);
    tcase_add_test(tc, sc_manifest_load_not_an_object);
    suite_add_tcase(s, tc);

    tc = tcase_create("manifest:keys");
    tcase_add_test(tc, sc_manifest_load_unknown_top_level_key);
    tcase_add_test(tc, sc_manifest_load_unknown_top_level_key_far_from_any);
    tcase_add_test(tc, sc_manifest_load_unknown_entry_key);
    tcase_add_test(tc, sc_manifest_load_unknown_transform_key);
    tcase_add_test(tc, sc_manifest_load_unknown_canonical_column);
    suite_add_tcase(s, tc);

    tc = tcase_create("manifest:values");
    tcase_add_test(tc, sc_manifest_load_use_unknown_catalog_id);
    tcase_add_test(tc, sc_manifest_load_bad_direction);
    tcase_add_test(tc, sc_manifest_load_bad_unit);
    tcase_add_test(tc, sc_manifest_load_numbers_out_of_range);
    tcase_add_test(tc, sc_manifest_load_missing_title);
    tcase_add_test(tc, sc_manifest_load_empty_indicators);
    tcase_add_test(tc, sc_manifest_load_duplicate_indicator_id);
    tcase_add_test(tc, sc_manifest_load_domain_not_in_domains);
    tcase_add_test(tc, sc_manifest_load_catalog_domain_not_in_domains);
    tcase_add_test(tc, sc_manifest_load_entry_is_a_number);
    tcase_add_test(tc, sc_manifest_load_ci_low_without_ci_high);
    suite_add_tcase(s, tc);

    tc = tcase_create("manifest:files");
    tcase_add_test(tc, sc_manifest_load_missing_observation_file);
    tcase_add_test(tc, sc_manifest_load_missing_dataset_is_io_error);
    tcase_add_test(tc, sc_manifest_load_missing_manifest_is_io_error);
    suite_add_tcase(s, tc);

    tc = tcase_create("manifest:accepted");
    tcase_add_test(tc, sc_manifest_load_accepts_x_keys);
    tcase_add_test(tc, sc_manifest_load_accepts_x_keys_in_columns);
    tcase_add_test(tc, sc_manifest_load_applies_defaults);
    tcase_add_test(tc, sc_manifest_load_keeps_given_values);
    tcase_add_test(tc, sc_manifest_load_keeps_domains_order);
    tcase_add_test(tc, sc_manifest_load_use_reads_repo_catalog);
    tcase_add_test(tc, sc_manifest_load_own_catalog_takes_precedence);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return tu_run(manifest_suite());
}
