/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for engine/jsonpos.c: finding a key or value by its path in
 * JSON text, and turning a byte offset into a line and UTF-8 column.
 */
#include <string.h>

#include "jsonpos.h"
#include "testutil.h"

/* Byte offset of the only occurrence of needle in text. */
static long
at(const char *text, const char *needle)
{
    const char *p = strstr(text, needle);
    ck_assert_msg(p != NULL, "fixture lacks '%s'", needle);
    ck_assert_msg(strstr(p + 1, needle) == NULL, "'%s' is not unique",
                  needle);
    return (long)(p - text);
}

static long
find(const char *text, const sc_jstep *path, size_t depth, int want_key)
{
    return sc_json_find(text, strlen(text), path, depth, want_key);
}

/* ------------------------------------------------------------- depth 1 */

START_TEST(sc_json_find_top_level_key_and_value)
{
    const char *t = "{\"title\": \"T\", \"goal_year\": 2030, \"alpha\":0.05}";
    sc_jstep p[1] = {{"goal_year", 0}};
    ck_assert_int_eq(find(t, p, 1, 1), at(t, "\"goal_year\""));
    ck_assert_int_eq(find(t, p, 1, 0), at(t, "2030"));
    p[0].key = "title";
    ck_assert_int_eq(find(t, p, 1, 1), 1);
    ck_assert_int_eq(find(t, p, 1, 0), at(t, "\"T\""));
    /* no space after the colon */
    p[0].key = "alpha";
    ck_assert_int_eq(find(t, p, 1, 0), at(t, "0.05"));
}
END_TEST

START_TEST(sc_json_find_depth_zero_is_root)
{
    const char *t = "  \n {\"a\": 1}";
    ck_assert_int_eq(find(t, NULL, 0, 0), 4);
}
END_TEST

START_TEST(sc_json_find_skips_whitespace_and_newlines)
{
    const char *t = "{\n\t\"a\" :\r\n  [1],\n  \"b\"\n  :\n  true\n}";
    sc_jstep p[1] = {{"b", 0}};
    ck_assert_int_eq(find(t, p, 1, 1), at(t, "\"b\""));
    ck_assert_int_eq(find(t, p, 1, 0), at(t, "true"));
}
END_TEST

START_TEST(sc_json_find_key_after_tricky_strings)
{
    /* strings holding braces, brackets, commas, colons, escaped quotes
     * and an escaped backslash before the closing quote */
    const char *t =
        "{\"s\": \"a}b,c\\\"d{\", \"u\": \"]:[,\", \"p\": \"C:\\\\\", "
        "\"target\": 42}";
    sc_jstep p[1] = {{"target", 0}};
    ck_assert_int_eq(find(t, p, 1, 1), at(t, "\"target\""));
    ck_assert_int_eq(find(t, p, 1, 0), at(t, "42"));
}
END_TEST

START_TEST(sc_json_find_key_after_nested_containers)
{
    const char *t = "{\"arr\": [1, [2, 3], {\"k\": \"]\"}, []],"
                    " \"obj\": {\"x\": {\"y\": 1}, \"z\": {}},"
                    " \"last\": null}";
    sc_jstep p[1] = {{"last", 0}};
    ck_assert_int_eq(find(t, p, 1, 1), at(t, "\"last\""));
    ck_assert_int_eq(find(t, p, 1, 0), at(t, "null"));
}
END_TEST

START_TEST(sc_json_find_matches_whole_keys_only)
{
    /* "tar" is a prefix of "target"; "target" also appears as a value and
     * as a nested key, none of which may match */
    const char *t = "{\"tar\": 1, \"v\": \"target\", \"n\": {\"target\": 2},"
                    " \"target\": 3}";
    sc_jstep p[1] = {{"target", 0}};
    ck_assert_int_eq(find(t, p, 1, 1), at(t, "\"target\": 3"));
    ck_assert_int_eq(find(t, p, 1, 0), at(t, "3}"));
    p[0].key = "ta";
    ck_assert_int_eq(find(t, p, 1, 1), -1);
}
END_TEST

/* --------------------------------------------------------- depths 2, 3 */

START_TEST(sc_json_find_array_indices)
{
    const char *t = "[10, [1, 2], {\"a\": 1}, \"x,]\", -2.5e3]";
    sc_jstep p[1] = {{NULL, 0}};
    ck_assert_int_eq(find(t, p, 1, 0), 1);
    p[0].index = 1;
    ck_assert_int_eq(find(t, p, 1, 0), at(t, "[1, 2]"));
    p[0].index = 2;
    ck_assert_int_eq(find(t, p, 1, 0), at(t, "{"));
    p[0].index = 3;
    ck_assert_int_eq(find(t, p, 1, 0), at(t, "\"x,]\""));
    p[0].index = 4;
    ck_assert_int_eq(find(t, p, 1, 0), at(t, "-2.5e3"));
    /* want_key with an index as the last step gives the value */
    ck_assert_int_eq(find(t, p, 1, 1), at(t, "-2.5e3"));
    p[0].index = 5;
    ck_assert_int_eq(find(t, p, 1, 0), -1);
}
END_TEST

START_TEST(sc_json_find_depth_two)
{
    const char *t = "{\"domains\": [\"Education\", \"Health\"],"
                    " \"t\": {\"scale\": 100, \"complement\": true}}";
    sc_jstep p[2] = {{"domains", 0}, {NULL, 1}};
    ck_assert_int_eq(find(t, p, 2, 0), at(t, "\"Health\""));
    sc_jstep q[2] = {{"t", 0}, {"complement", 0}};
    ck_assert_int_eq(find(t, q, 2, 1), at(t, "\"complement\""));
    ck_assert_int_eq(find(t, q, 2, 0), at(t, "true"));
}
END_TEST

START_TEST(sc_json_find_depth_three)
{
    const char *t =
        "{\n"
        "  \"indicators\": [\n"
        "    {\"use\": \"a\", \"file\": \"a.csv\", \"x\": {\"file\": 0}},\n"
        "    {\"use\": \"b\", \"columns\": {\"geo_id\": [\"s\", \"c\"]},"
        " \"file\": \"b.csv\"}\n"
        "  ]\n"
        "}\n";
    sc_jstep p[3] = {{"indicators", 0}, {NULL, 1}, {"file", 0}};
    ck_assert_int_eq(find(t, p, 3, 1), at(t, "\"file\": \"b.csv\""));
    ck_assert_int_eq(find(t, p, 3, 0), at(t, "\"b.csv\""));
    p[1].index = 0;
    ck_assert_int_eq(find(t, p, 3, 0), at(t, "\"a.csv\""));
    /* four steps: into a nested array */
    sc_jstep q[5] = {{"indicators", 0}, {NULL, 1}, {"columns", 0},
                     {"geo_id", 0}, {NULL, 1}};
    ck_assert_int_eq(find(t, q, 5, 0), at(t, "\"c\""));
    ck_assert_int_eq(find(t, q, 4, 1), at(t, "\"geo_id\""));
}
END_TEST

/* -------------------------------------------------------- missing paths */

START_TEST(sc_json_find_missing_paths)
{
    const char *t = "{\"a\": {\"b\": [1, 2]}, \"c\": 3}";
    sc_jstep p[3] = {{"zz", 0}, {NULL, 0}, {NULL, 0}};
    ck_assert_int_eq(find(t, p, 1, 0), -1);
    ck_assert_int_eq(find(t, p, 1, 1), -1);
    /* key of a nested object looked up at the top */
    p[0].key = "b";
    ck_assert_int_eq(find(t, p, 1, 0), -1);
    /* index past the end */
    p[0] = (sc_jstep){"a", 0};
    p[1] = (sc_jstep){"b", 0};
    p[2] = (sc_jstep){NULL, 2};
    ck_assert_int_eq(find(t, p, 3, 0), -1);
    /* an index step on an object, a key step on an array */
    sc_jstep q[2] = {{"a", 0}, {NULL, 0}};
    ck_assert_int_eq(find(t, q, 2, 0), -1);
    sc_jstep r[3] = {{"a", 0}, {"b", 0}, {"k", 0}};
    ck_assert_int_eq(find(t, r, 3, 0), -1);
    /* a step into a scalar */
    sc_jstep s[2] = {{"c", 0}, {"d", 0}};
    ck_assert_int_eq(find(t, s, 2, 0), -1);
    /* empty containers and empty text */
    sc_jstep u[1] = {{"a", 0}};
    ck_assert_int_eq(sc_json_find("{}", 2, u, 1, 0), -1);
    sc_jstep v[1] = {{NULL, 0}};
    ck_assert_int_eq(sc_json_find("[ ]", 3, v, 1, 0), -1);
    ck_assert_int_eq(sc_json_find("", 0, u, 1, 0), -1);
}
END_TEST

START_TEST(sc_json_find_skips_bom)
{
    const char *t = "\xEF\xBB\xBF{\"a\": 1}";
    sc_jstep p[1] = {{"a", 0}};
    ck_assert_int_eq(find(t, p, 1, 1), 4);
    ck_assert_int_eq(find(t, p, 1, 0), 9);
}
END_TEST

/* ------------------------------------------------------------ line/col */

START_TEST(sc_json_linecol_counts_lines)
{
    const char *t = "{\n  \"a\": 1,\n\n    \"b\": 2\n}";
    size_t n = strlen(t);
    unsigned long line = 0, col = 0;
    sc_json_linecol(t, n, 0, &line, &col);
    ck_assert_uint_eq(line, 1);
    ck_assert_uint_eq(col, 1);
    /* line 2: `  "a": 1,` - the quote is column 3 */
    sc_json_linecol(t, n, (size_t)at(t, "\"a\""), &line, &col);
    ck_assert_uint_eq(line, 2);
    ck_assert_uint_eq(col, 3);
    /* line 4: `    "b": 2` - the quote is column 5, the 2 column 10 */
    sc_json_linecol(t, n, (size_t)at(t, "\"b\""), &line, &col);
    ck_assert_uint_eq(line, 4);
    ck_assert_uint_eq(col, 5);
    sc_json_linecol(t, n, (size_t)at(t, "2"), &line, &col);
    ck_assert_uint_eq(line, 4);
    ck_assert_uint_eq(col, 10);
    /* line 5: `}` */
    sc_json_linecol(t, n, n - 1, &line, &col);
    ck_assert_uint_eq(line, 5);
    ck_assert_uint_eq(col, 1);
    /* an offset past the end is clamped to the end */
    sc_json_linecol(t, n, n + 100, &line, &col);
    ck_assert_uint_eq(line, 5);
    ck_assert_uint_eq(col, 2);
}
END_TEST

START_TEST(sc_json_linecol_counts_utf8_characters)
{
    /* line 2: `  "é": 1, "k": 2` - 2 spaces, quote (3), é (4, two bytes),
     * quote (5), colon (6), space (7), 1 (8), comma (9), space (10), so
     * the quote of "k" is column 11 although it is byte 12 of the line */
    const char *t = "{\n  \"\xC3\xA9\": 1, \"k\": 2}";
    size_t n = strlen(t);
    unsigned long line = 0, col = 0;
    sc_jstep p[1] = {{"k", 0}};
    long off = sc_json_find(t, n, p, 1, 1);
    ck_assert_int_eq(off, at(t, "\"k\""));
    sc_json_linecol(t, n, (size_t)off, &line, &col);
    ck_assert_uint_eq(line, 2);
    ck_assert_uint_eq(col, 11);
    /* a 4-byte character (U+1F600) is one column too:
     * `{"😀": 1, "k": 2}` - {1 "2 😀3 "4 :5 sp6 17 ,8 sp9 "10 */
    const char *u = "{\"\xF0\x9F\x98\x80\": 1, \"k\": 2}";
    off = sc_json_find(u, strlen(u), p, 1, 1);
    ck_assert_int_eq(off, at(u, "\"k\""));
    sc_json_linecol(u, strlen(u), (size_t)off, &line, &col);
    ck_assert_uint_eq(line, 1);
    ck_assert_uint_eq(col, 10);
}
END_TEST

START_TEST(sc_json_linecol_skips_bom)
{
    /* `{"a": 1}` after a BOM: the quote is still column 2, `{` column 1 */
    const char *t = "\xEF\xBB\xBF{\"a\": 1}";
    size_t n = strlen(t);
    unsigned long line = 0, col = 0;
    sc_json_linecol(t, n, 4, &line, &col);
    ck_assert_uint_eq(line, 1);
    ck_assert_uint_eq(col, 2);
    sc_json_linecol(t, n, 3, &line, &col);
    ck_assert_uint_eq(line, 1);
    ck_assert_uint_eq(col, 1);
    /* on the second line the BOM does not matter */
    const char *u = "\xEF\xBB\xBF{\n \"a\": 1}";
    sc_json_linecol(u, strlen(u), (size_t)at(u, "\"a\""), &line, &col);
    ck_assert_uint_eq(line, 2);
    ck_assert_uint_eq(col, 2);
}
END_TEST


/* ------------------------------------------------------- syntax checking */

/* Expect sc_json_check to fail at byte offset `at` with `sub` in the text. */
static void
expect_bad(const char *text, size_t at, const char *sub)
{
    size_t off = 0;
    const char *what = NULL;
    ck_assert_int_eq(sc_json_check(text, strlen(text), 1000, &off, &what), -1);
    ck_assert_msg(off == at, "%s: offset %zu, expected %zu", text, off, at);
    ck_assert_ptr_nonnull(what);
    ck_assert_msg(strstr(what, sub), "%s: '%s' lacks '%s'", text, what, sub);
}

START_TEST(sc_json_check_accepts_valid_documents)
{
    static const char *const ok[] = {
        "{}", "[]", " {\"a\": [1, -2.5e3, true, false, null, \"x\\u00e9\"]} \n",
        "\xEF\xBB\xBF{\"a\": {\"b\": {}}}", "0", "\"s\"",
        "\"\\ud83d\\ude00\""};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        size_t off;
        const char *what;
        ck_assert_msg(sc_json_check(ok[i], strlen(ok[i]), 1000, &off, &what)
                          == 0,
                      "rejected %s", ok[i]);
    }
}
END_TEST

START_TEST(sc_json_check_points_at_the_offending_token)
{
    /* offsets are 0-based bytes. trailing comma in an array: at the ']'
     * (offset 8 of `{"a":[1,]}`) */
    expect_bad("{\"a\":[1,]}", 8, "trailing comma");
    /* trailing comma in an object: at the '}' */
    expect_bad("{\"a\":1,}", 7, "trailing comma");
    /* missing comma: at the second key */
    expect_bad("{\"a\":1 \"b\":2}", 7, "',' or '}'");
    /* unterminated string: at its opening quote */
    expect_bad("{\"a\": \"abc", 6, "unterminated");
    /* end of file: just after the last non-blank character */
    expect_bad("{\"a\": [\n\n", 7, "ends too early");
    /* trailing garbage after the document */
    expect_bad("{} x", 3, "end of the file");
    /* single quotes, leading zeros, bad literal, bad escape */
    expect_bad("{'a': 1}", 1, "double quotes");
    expect_bad("[01]", 1, "leading zeros");
    expect_bad("[tru]", 1, "a value");
    expect_bad("[\"a\\x\"]", 3, "valid escape");
    /* lone UTF-16 surrogate halves (cJSON rejects them too) */
    expect_bad("[\"\\ud800\"]", 2, "surrogate");
    expect_bad("[\"\\udc00\"]", 2, "surrogate");
    expect_bad("[\"\\ud800\\u0041\"]", 2, "surrogate");
    /* missing ':' */
    expect_bad("{\"a\" 1}", 5, "':'");
    /* empty file */
    expect_bad("  ", 0, "empty");
}
END_TEST

START_TEST(sc_json_check_limits_nesting)
{
    /* 1000 levels are fine, 1001 are not (cJSON's own limit is 1000) */
    char deep[2 * 1001 + 1];
    for (size_t depth = 1000; depth <= 1001; depth++) {
        memset(deep, '[', depth);
        memset(deep + depth, ']', depth);
        deep[2 * depth] = '\0';
        size_t off;
        const char *what;
        int r = sc_json_check(deep, 2 * depth, 1000, &off, &what);
        if (depth == 1000) {
            ck_assert_int_eq(r, 0);
        } else {
            ck_assert_int_eq(r, -1);
            ck_assert_uint_eq(off, 1000);
            ck_assert_ptr_nonnull(strstr(what, "nesting"));
        }
    }
}
END_TEST

static Suite *
jsonpos_suite(void)
{
    Suite *s = suite_create("jsonpos");
    TCase *tc = tcase_create("jsonpos:find");
    tcase_add_test(tc, sc_json_find_top_level_key_and_value);
    tcase_add_test(tc, sc_json_find_depth_zero_is_root);
    tcase_add_test(tc, sc_json_find_skips_whitespace_and_newlines);
    tcase_add_test(tc, sc_json_find_key_after_tricky_strings);
    tcase_add_test(tc, sc_json_find_key_after_nested_containers);
    tcase_add_test(tc, sc_json_find_matches_whole_keys_only);
    tcase_add_test(tc, sc_json_find_array_indices);
    tcase_add_test(tc, sc_json_find_depth_two);
    tcase_add_test(tc, sc_json_find_depth_three);
    tcase_add_test(tc, sc_json_find_missing_paths);
    tcase_add_test(tc, sc_json_find_skips_bom);
    suite_add_tcase(s, tc);

    tc = tcase_create("jsonpos:check");
    tcase_add_test(tc, sc_json_check_accepts_valid_documents);
    tcase_add_test(tc, sc_json_check_points_at_the_offending_token);
    tcase_add_test(tc, sc_json_check_limits_nesting);
    suite_add_tcase(s, tc);

    tc = tcase_create("jsonpos:linecol");
    tcase_add_test(tc, sc_json_linecol_counts_lines);
    tcase_add_test(tc, sc_json_linecol_counts_utf8_characters);
    tcase_add_test(tc, sc_json_linecol_skips_bom);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return tu_run(jsonpos_suite());
}
