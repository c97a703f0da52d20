/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for engine/util.c: locale-independent number and year
 * parsing, UTF-8 checks, the string table, paths and small string helpers.
 */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "util.h"

/* Parse a C string without a separator; returns the status. */
static int
num(const char *s, double *out)
{
    return sc_parse_number(s, strlen(s), 0, out);
}

/* Parse a C string with a thousands separator. */
static int
num_sep(const char *s, char sep, double *out)
{
    return sc_parse_number(s, strlen(s), sep, out);
}

/* Assert that s parses (without separator) to want. */
static void
assert_num(const char *s, double want)
{
    double v = -12345.0;
    ck_assert_msg(num(s, &v) == 0, "'%s' should parse", s);
    ck_assert_msg(fabs(v - want) <= 1e-12 * (fabs(want) > 1 ? fabs(want) : 1),
                  "'%s' parsed to %.17g, expected %.17g", s, v, want);
}

/* Assert that s is rejected as not a number, and *out is left alone. */
static void
assert_not_num(const char *s, char sep)
{
    double v = 777.0;
    int r = num_sep(s, sep, &v);
    ck_assert_msg(r == -1, "'%s' (sep '%c') should be rejected with -1, got "
                           "%d (value %.17g)",
                  s, sep ? sep : '0', r, v);
    ck_assert_msg(v == 777.0, "'%s': output written on failure", s);
}

/* ------------------------------------------------------- sc_parse_number */

START_TEST(sc_parse_number_accepts_plain_forms)
{
    assert_num("12", 12.0);
    assert_num("-0.5", -0.5);
    assert_num(".5", 0.5);
    assert_num("1e3", 1000.0);
    assert_num("1E3", 1000.0);
    assert_num("2.5e-2", 0.025);
    assert_num("+7", 7.0);
    assert_num("100", 100.0);
    assert_num("0", 0.0);
    assert_num("5.", 5.0);
}
END_TEST

START_TEST(sc_parse_number_trims_spaces)
{
    assert_num(" 12 ", 12.0);
    assert_num("\t3.25\t", 3.25);
}
END_TEST

START_TEST(sc_parse_number_uses_length_not_nul)
{
    /* only the first two bytes "12" are the cell */
    double v = 0;
    ck_assert_int_eq(sc_parse_number("123", 2, 0, &v), 0);
    ck_assert_double_eq(v, 12.0);
}
END_TEST

START_TEST(sc_parse_number_negative_zero_is_positive)
{
    double v = 1.0;
    ck_assert_int_eq(num("-0", &v), 0);
    ck_assert_double_eq(v, 0.0);
    ck_assert_int_eq(signbit(v), 0);
    v = 1.0;
    ck_assert_int_eq(num("-0.0", &v), 0);
    ck_assert_int_eq(signbit(v), 0);
}
END_TEST

START_TEST(sc_parse_number_rejects_non_numbers)
{
    static const char *const bad[] = {
        "", "   ", "abc", "0x10", "inf", "-inf", "nan", "NaN", "12%",
        "1,5", "1.2.3", "1e", "1e+", "+", "-", ".", "e3", "1 2", "--1",
        "12abc", NULL};
    for (size_t i = 0; bad[i]; i++)
        assert_not_num(bad[i], 0);
}
END_TEST

START_TEST(sc_parse_number_too_large_returns_minus_two)
{
    double v = 0;
    ck_assert_int_eq(num("1e309", &v), -2);
    ck_assert_int_eq(num("-1e309", &v), -2);
}
END_TEST

START_TEST(sc_parse_number_accepts_thousands_separator)
{
    double v = 0;
    ck_assert_int_eq(num_sep("1,150,465", ',', &v), 0);
    ck_assert_double_eq(v, 1150465.0);
    ck_assert_int_eq(num_sep("1,150.5", ',', &v), 0);
    ck_assert_double_eq(v, 1150.5);
    ck_assert_int_eq(num_sep("150", ',', &v), 0);
    ck_assert_double_eq(v, 150.0);
    ck_assert_int_eq(num_sep("-12,345", ',', &v), 0);
    ck_assert_double_eq(v, -12345.0);
}
END_TEST

START_TEST(sc_parse_number_rejects_bad_grouping)
{
    assert_not_num("1,15", ',');
    assert_not_num("11,50,465", ',');
    assert_not_num(",150", ',');
    assert_not_num("1,150,", ',');
    assert_not_num("1234,567", ',');
    assert_not_num("1,,150", ',');
}
END_TEST

START_TEST(sc_parse_number_ignores_locale)
{
    const char *got = setlocale(LC_ALL, "de_DE.UTF-8");
    if (!got) {
        fprintf(stderr, "sc_parse_number_ignores_locale: locale de_DE.UTF-8 "
                        "is not installed; skipping the locale part\n");
        assert_num("0.5", 0.5);
        return;
    }
    /* in de_DE the decimal point is ',': a locale-dependent strtod would
     * stop at '.' */
    double v = 0;
    ck_assert_int_eq(num("0.5", &v), 0);
    ck_assert_double_eq(v, 0.5);
    ck_assert_int_eq(num("1234.25", &v), 0);
    ck_assert_double_eq(v, 1234.25);
    assert_not_num("0,5", 0);
    setlocale(LC_ALL, "C");
}
END_TEST

/* --------------------------------------------------------- sc_parse_year */

START_TEST(sc_parse_year_accepts_plain_year)
{
    long y = 0;
    int range = -1;
    ck_assert_int_eq(sc_parse_year("2019", 4, &y, &range), 0);
    ck_assert_int_eq(y, 2019);
    ck_assert_int_eq(range, 0);
    ck_assert_int_eq(sc_parse_year(" 2020 ", 6, &y, &range), 0);
    ck_assert_int_eq(y, 2020);
    ck_assert_int_eq(range, 0);
}
END_TEST

START_TEST(sc_parse_year_range_gives_end_year)
{
    long y = 0;
    int range = -1;
    ck_assert_int_eq(sc_parse_year("2019-2021", 9, &y, &range), 0);
    ck_assert_int_eq(y, 2021);
    ck_assert_int_eq(range, 1);
    y = 0;
    range = -1;
    ck_assert_int_eq(sc_parse_year("2019 - 2021", 11, &y, &range), 0);
    ck_assert_int_eq(y, 2021);
    ck_assert_int_eq(range, 1);
    ck_assert_int_eq(sc_parse_year("2019-2019", 9, &y, &range), 0);
    ck_assert_int_eq(y, 2019);
    ck_assert_int_eq(range, 1);
}
END_TEST

START_TEST(sc_parse_year_rejects_bad_text)
{
    /* "19" and "20190" are numbers: they parse, and validation reports
     * them as out of 1900-2100 (a clearer message than "not a year") */
    long yy;
    int rr;
    ck_assert_int_eq(sc_parse_year("19", 2, &yy, &rr), 0);
    ck_assert_int_eq(yy, 19);
    ck_assert_int_eq(sc_parse_year("20190", 5, &yy, &rr), 0);
    ck_assert_int_eq(yy, 20190);
    static const char *const bad[] = {"2021-2019", "abcd", "2019.0",
                                      "", "2019-", "-2019",
                                      "2019-21", "2019--2021",
                                      "1234567890", NULL};
    for (size_t i = 0; bad[i]; i++) {
        long y = 4242;
        int range = 7;
        ck_assert_msg(sc_parse_year(bad[i], strlen(bad[i]), &y, &range) == -1,
                      "'%s' should be rejected", bad[i]);
    }
}
END_TEST

/* ----------------------------------------------------------------- UTF-8 */

START_TEST(sc_utf8_valid_prefix_accepts_multibyte)
{
    /* a, e-acute (2 bytes), euro sign (3 bytes), U+1F600 (4 bytes) */
    const char *s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z";
    size_t n = strlen(s);
    ck_assert_uint_eq(n, 11);
    ck_assert_uint_eq(sc_utf8_valid_prefix(s, n), n);
    ck_assert_uint_eq(sc_utf8_valid_prefix("", 0), 0);
    /* U+10FFFF is the last valid code point */
    ck_assert_uint_eq(sc_utf8_valid_prefix("\xF4\x8F\xBF\xBF", 4), 4);
}
END_TEST

START_TEST(sc_utf8_valid_prefix_rejects_overlong)
{
    ck_assert_uint_eq(sc_utf8_valid_prefix("ab\xC0\xAF", 4), 2);
    ck_assert_uint_eq(sc_utf8_valid_prefix("\xC1\xBF", 2), 0);
    ck_assert_uint_eq(sc_utf8_valid_prefix("x\xE0\x80\xAF", 4), 1);
    ck_assert_uint_eq(sc_utf8_valid_prefix("\xF0\x80\x80\xAF", 4), 0);
}
END_TEST

START_TEST(sc_utf8_valid_prefix_rejects_surrogate)
{
    ck_assert_uint_eq(sc_utf8_valid_prefix("ok\xED\xA0\x80", 5), 2);
    ck_assert_uint_eq(sc_utf8_valid_prefix("\xED\xBF\xBF", 3), 0);
    /* U+D7FF, just below the surrogates, is valid */
    ck_assert_uint_eq(sc_utf8_valid_prefix("\xED\x9F\xBF", 3), 3);
}
END_TEST

START_TEST(sc_utf8_valid_prefix_rejects_truncated)
{
    /* euro sign cut after two of its three bytes */
    ck_assert_uint_eq(sc_utf8_valid_prefix("ab\xE2\x82", 4), 2);
    /* e-acute cut after its lead byte */
    ck_assert_uint_eq(sc_utf8_valid_prefix("\xC3", 1), 0);
    /* lead byte followed by a non-continuation byte */
    ck_assert_uint_eq(sc_utf8_valid_prefix("\xC3" "A", 2), 0);
    /* a lone continuation byte */
    ck_assert_uint_eq(sc_utf8_valid_prefix("a\x80", 2), 1);
    /* the length, not the NUL, ends the text: cut inside e-acute */
    ck_assert_uint_eq(sc_utf8_valid_prefix("x\xC3\xA9", 2), 1);
}
END_TEST

START_TEST(sc_utf8_valid_prefix_rejects_ff_and_above_max)
{
    ck_assert_uint_eq(sc_utf8_valid_prefix("abc\xFF", 4), 3);
    ck_assert_uint_eq(sc_utf8_valid_prefix("\xFE", 1), 0);
    /* U+110000 is beyond Unicode */
    ck_assert_uint_eq(sc_utf8_valid_prefix("\xF4\x90\x80\x80", 4), 0);
    ck_assert_uint_eq(sc_utf8_valid_prefix("\xF5\x80\x80\x80", 4), 0);
}
END_TEST

START_TEST(sc_utf8_chars_counts_characters)
{
    ck_assert_uint_eq(sc_utf8_chars("", 0), 0);
    ck_assert_uint_eq(sc_utf8_chars("abc", 3), 3);
    ck_assert_uint_eq(sc_utf8_chars("\xC3\xA9", 2), 1);
    /* a, e-acute, euro, U+1F600, z */
    const char *s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z";
    ck_assert_uint_eq(sc_utf8_chars(s, strlen(s)), 5);
    /* "Mor\xC3\xA9lia" is 8 bytes and 7 characters */
    ck_assert_uint_eq(sc_utf8_chars("Mor\xC3\xA9lia", 8), 7);
}
END_TEST

/* ---------------------------------------------------------- string table */

START_TEST(sc_strtab_intern_gives_dense_indices)
{
    sc_strtab t = {0};
    size_t i = 99;
    ck_assert_int_eq(sc_strtab_find(&t, "All", 3), -1);
    ck_assert_int_eq(sc_strtab_intern(&t, "All", 3, &i), SC_OK);
    ck_assert_uint_eq(i, 0);
    ck_assert_int_eq(sc_strtab_intern(&t, "Latino", 6, &i), SC_OK);
    ck_assert_uint_eq(i, 1);
    ck_assert_int_eq(sc_strtab_intern(&t, "Black", 5, &i), SC_OK);
    ck_assert_uint_eq(i, 2);
    /* again: the same index, nothing added */
    ck_assert_int_eq(sc_strtab_intern(&t, "Latino", 6, &i), SC_OK);
    ck_assert_uint_eq(i, 1);
    ck_assert_uint_eq(t.count, 3);
    /* the length counts, not the NUL: "Lat" is a new string */
    ck_assert_int_eq(sc_strtab_intern(&t, "Latino", 3, &i), SC_OK);
    ck_assert_uint_eq(i, 3);
    ck_assert_str_eq(t.strs[3], "Lat");
    /* the empty string is a string like any other */
    ck_assert_int_eq(sc_strtab_intern(&t, "", 0, &i), SC_OK);
    ck_assert_uint_eq(i, 4);
    ck_assert_int_eq(sc_strtab_find(&t, "", 0), 4);
    ck_assert_int_eq(sc_strtab_find(&t, "Black", 5), 2);
    ck_assert_int_eq(sc_strtab_find(&t, "black", 5), -1);
    ck_assert_int_eq(sc_strtab_find(&t, "Blac", 4), -1);
    sc_strtab_free(&t);
    ck_assert_uint_eq(t.count, 0);
    ck_assert_ptr_null(t.strs);
}
END_TEST

START_TEST(sc_strtab_intern_survives_rehashing)
{
    enum { N = 10000 };
    sc_strtab t = {0};
    char key[32];
    for (size_t k = 0; k < N; k++) {
        int len = snprintf(key, sizeof key, "geo-%05zu", k);
        size_t i = 0;
        ck_assert_int_eq(sc_strtab_intern(&t, key, (size_t)len, &i), SC_OK);
        ck_assert_uint_eq(i, k);
    }
    ck_assert_uint_eq(t.count, N);
    for (size_t k = 0; k < N; k++) {
        int len = snprintf(key, sizeof key, "geo-%05zu", k);
        ck_assert_int_eq(sc_strtab_find(&t, key, (size_t)len), (long)k);
        ck_assert_str_eq(t.strs[k], key);
        ck_assert_uint_eq(t.lens[k], (size_t)len);
        size_t i = 0;
        ck_assert_int_eq(sc_strtab_intern(&t, key, (size_t)len, &i), SC_OK);
        ck_assert_uint_eq(i, k);
    }
    ck_assert_uint_eq(t.count, N);
    /* absent strings */
    for (size_t k = N; k < N + 1000; k++) {
        int len = snprintf(key, sizeof key, "geo-%05zu", k);
        ck_assert_int_eq(sc_strtab_find(&t, key, (size_t)len), -1);
    }
    ck_assert_int_eq(sc_strtab_find(&t, "geo-", 4), -1);
    ck_assert_int_eq(sc_strtab_find(&t, "nothing", 7), -1);
    sc_strtab_free(&t);
}
END_TEST

START_TEST(sc_strtab_find_on_empty_table)
{
    sc_strtab t = {0};
    ck_assert_int_eq(sc_strtab_find(&t, "x", 1), -1);
    ck_assert_int_eq(sc_strtab_find(&t, "", 0), -1);
    sc_strtab_free(&t);
}
END_TEST

/* ------------------------------------------------------ paths and strings */

static void
assert_join(const char *dir, const char *name, const char *want)
{
    char *p = sc_path_join(dir, name);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(p, want);
    free(p);
}

START_TEST(sc_path_join_combines_paths)
{
    assert_join("data", "a.csv", "data/a.csv");
    assert_join("data/", "a.csv", "data/a.csv");
    assert_join("/srv/data", "sub/a.csv", "/srv/data/sub/a.csv");
    assert_join("", "a.csv", "a.csv");
    assert_join(NULL, "a.csv", "a.csv");
    /* an absolute name is kept as is */
    assert_join("data", "/abs/a.csv", "/abs/a.csv");
}
END_TEST

START_TEST(sc_trim_strips_spaces_and_tabs)
{
    size_t n = 9;
    const char *s = " \tab c \t ";
    const char *t = sc_trim(s, &n);
    ck_assert_ptr_eq(t, s + 2);
    ck_assert_uint_eq(n, 4);
    ck_assert_int_eq(memcmp(t, "ab c", 4), 0);

    n = 3;
    t = sc_trim("   ", &n);
    ck_assert_uint_eq(n, 0);

    n = 0;
    t = sc_trim("", &n);
    ck_assert_uint_eq(n, 0);

    /* only the given length counts; other whitespace is kept */
    n = 4;
    t = sc_trim("ab  cd", &n);
    ck_assert_uint_eq(n, 2);
    n = 3;
    s = "\nx\n";
    t = sc_trim(s, &n);
    ck_assert_ptr_eq(t, s);
    ck_assert_uint_eq(n, 3);
}
END_TEST

START_TEST(sc_strieq_compares_ascii_case_insensitively)
{
    ck_assert_int_eq(sc_strieq("GEO_ID", 6, "geo_id"), 1);
    ck_assert_int_eq(sc_strieq("Year", 4, "YEAR"), 1);
    ck_assert_int_eq(sc_strieq("", 0, ""), 1);
    /* prefixes in either direction differ */
    ck_assert_int_eq(sc_strieq("geo", 3, "geo_id"), 0);
    ck_assert_int_eq(sc_strieq("geo_id", 6, "geo"), 0);
    ck_assert_int_eq(sc_strieq("", 0, "x"), 0);
    /* only n bytes of s count */
    ck_assert_int_eq(sc_strieq("valueXYZ", 5, "VALUE"), 1);
    ck_assert_int_eq(sc_strieq("value", 5, "valuf"), 0);
    /* '@' and '`' sit next to the letters but are not letters */
    ck_assert_int_eq(sc_strieq("@", 1, "`"), 0);
}
END_TEST

static Suite *
util_suite(void)
{
    Suite *s = suite_create("util");
    TCase *tc = tcase_create("util:number");
    tcase_add_test(tc, sc_parse_number_accepts_plain_forms);
    tcase_add_test(tc, sc_parse_number_trims_spaces);
    tcase_add_test(tc, sc_parse_number_uses_length_not_nul);
    tcase_add_test(tc, sc_parse_number_negative_zero_is_positive);
    tcase_add_test(tc, sc_parse_number_rejects_non_numbers);
    tcase_add_test(tc, sc_parse_number_too_large_returns_minus_two);
    tcase_add_test(tc, sc_parse_number_accepts_thousands_separator);
    tcase_add_test(tc, sc_parse_number_rejects_bad_grouping);
    tcase_add_test(tc, sc_parse_number_ignores_locale);
    suite_add_tcase(s, tc);

    tc = tcase_create("util:year");
    tcase_add_test(tc, sc_parse_year_accepts_plain_year);
    tcase_add_test(tc, sc_parse_year_range_gives_end_year);
    tcase_add_test(tc, sc_parse_year_rejects_bad_text);
    suite_add_tcase(s, tc);

    tc = tcase_create("util:utf8");
    tcase_add_test(tc, sc_utf8_valid_prefix_accepts_multibyte);
    tcase_add_test(tc, sc_utf8_valid_prefix_rejects_overlong);
    tcase_add_test(tc, sc_utf8_valid_prefix_rejects_surrogate);
    tcase_add_test(tc, sc_utf8_valid_prefix_rejects_truncated);
    tcase_add_test(tc, sc_utf8_valid_prefix_rejects_ff_and_above_max);
    tcase_add_test(tc, sc_utf8_chars_counts_characters);
    suite_add_tcase(s, tc);

    tc = tcase_create("util:strtab");
    tcase_add_test(tc, sc_strtab_intern_gives_dense_indices);
    tcase_add_test(tc, sc_strtab_intern_survives_rehashing);
    tcase_add_test(tc, sc_strtab_find_on_empty_table);
    suite_add_tcase(s, tc);

    tc = tcase_create("util:strings");
    tcase_add_test(tc, sc_path_join_combines_paths);
    tcase_add_test(tc, sc_trim_strips_spaces_and_tabs);
    tcase_add_test(tc, sc_strieq_compares_ascii_case_insensitively);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return tu_run(util_suite());
}
