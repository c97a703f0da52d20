/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for engine/error.c: status codes and their names, the
 * diagnostics list with its per-severity cap, and diagnostic formatting.
 */
#include <stdlib.h>
#include <string.h>

#include <scorecard/version.h>

#include "testutil.h"

/* ---------------------------------------------------------- status codes */

START_TEST(sc_status_str_nonempty_and_unique)
{
    for (int i = 0; i < SC_STATUS_COUNT_; i++) {
        const char *a = sc_status_str((sc_status)i);
        ck_assert_ptr_nonnull(a);
        ck_assert_msg(a[0] != '\0', "status %d has an empty message", i);
        ck_assert_str_ne(a, "unknown status");
        for (int j = 0; j < i; j++)
            ck_assert_msg(strcmp(a, sc_status_str((sc_status)j)) != 0,
                          "statuses %d and %d share the message '%s'", j, i,
                          a);
    }
    ck_assert_str_eq(sc_status_str(SC_OK), "success");
}
END_TEST

START_TEST(sc_status_name_prefixed_and_unique)
{
    for (int i = 0; i < SC_STATUS_COUNT_; i++) {
        const char *a = sc_status_name((sc_status)i);
        ck_assert_ptr_nonnull(a);
        ck_assert_msg(strncmp(a, "SC_", 3) == 0 && a[3] != '\0',
                      "status %d has the name '%s'", i, a);
        ck_assert_str_ne(a, "SC_UNKNOWN");
        for (int j = 0; j < i; j++)
            ck_assert_msg(strcmp(a, sc_status_name((sc_status)j)) != 0,
                          "statuses %d and %d share the name '%s'", j, i, a);
    }
    /* the names are the enumerators */
    ck_assert_str_eq(sc_status_name(SC_OK), "SC_OK");
    ck_assert_str_eq(sc_status_name(SC_ERR_DATA), "SC_ERR_DATA");
    ck_assert_str_eq(sc_status_name(SC_ERR_IO), "SC_ERR_IO");
}
END_TEST

START_TEST(sc_status_str_unknown_values)
{
    ck_assert_str_eq(sc_status_str(SC_STATUS_COUNT_), "unknown status");
    ck_assert_str_eq(sc_status_str((sc_status)(SC_STATUS_COUNT_ + 50)),
                     "unknown status");
    ck_assert_str_eq(sc_status_str((sc_status)-1), "unknown status");
    ck_assert_str_eq(sc_status_name(SC_STATUS_COUNT_), "SC_UNKNOWN");
    ck_assert_str_eq(sc_status_name((sc_status)-1), "SC_UNKNOWN");
    ck_assert_str_eq(sc_status_name((sc_status)1000), "SC_UNKNOWN");
}
END_TEST

START_TEST(sc_version_matches_header)
{
    ck_assert_ptr_nonnull(sc_version());
    ck_assert_str_eq(sc_version(), SC_VERSION_STRING);
}
END_TEST

START_TEST(sc_severity_str_names_severities)
{
    ck_assert_str_eq(sc_severity_str(SC_SEV_ERROR), "error");
    ck_assert_str_eq(sc_severity_str(SC_SEV_WARNING), "warning");
}
END_TEST

/* ----------------------------------------------------------- diagnostics */

START_TEST(sc_diagnostics_new_caps_each_severity)
{
    sc_diagnostics *d = sc_diagnostics_new(2);
    ck_assert_ptr_nonnull(d);
    ck_assert_uint_eq(sc_diagnostics_count(d), 0);
    for (unsigned long i = 1; i <= 5; i++) {
        ck_assert_int_eq(sc_diagnostics_add(d, SC_SEV_ERROR, "e", "f.csv", i,
                                            1, "an error"),
                         SC_OK);
        ck_assert_int_eq(sc_diagnostics_add(d, SC_SEV_WARNING, "w", "f.csv",
                                            i, 2, "a warning"),
                         SC_OK);
    }
    ck_assert_int_eq(sc_diagnostics_add(d, SC_SEV_WARNING, "w", "f.csv", 9, 2,
                                        "one more warning"),
                     SC_OK);
    /* 2 errors and 2 warnings stored, in the order they were added */
    ck_assert_uint_eq(sc_diagnostics_count(d), 4);
    ck_assert_uint_eq(sc_diagnostics_total(d, SC_SEV_ERROR), 5);
    ck_assert_uint_eq(sc_diagnostics_total(d, SC_SEV_WARNING), 6);
    size_t errors = 0, warnings = 0;
    for (size_t i = 0; i < sc_diagnostics_count(d); i++) {
        const sc_diag *g = sc_diagnostics_get(d, i);
        ck_assert_ptr_nonnull(g);
        if (g->severity == SC_SEV_ERROR)
            errors++;
        else
            warnings++;
        ck_assert_uint_le(g->line, 2);
    }
    ck_assert_uint_eq(errors, 2);
    ck_assert_uint_eq(warnings, 2);
    ck_assert_ptr_null(sc_diagnostics_get(d, 4));
    sc_diagnostics_free(d);
}
END_TEST

START_TEST(sc_diagnostics_new_zero_is_unlimited)
{
    sc_diagnostics *d = sc_diagnostics_new(0);
    ck_assert_ptr_nonnull(d);
    for (unsigned long i = 1; i <= 300; i++)
        ck_assert_int_eq(sc_diagnostics_add(d, SC_SEV_ERROR, "e", "f.csv", i,
                                            1, "an error"),
                         SC_OK);
    ck_assert_uint_eq(sc_diagnostics_count(d), 300);
    ck_assert_uint_eq(sc_diagnostics_total(d, SC_SEV_ERROR), 300);
    ck_assert_uint_eq(sc_diagnostics_total(d, SC_SEV_WARNING), 0);
    ck_assert_uint_eq(sc_diagnostics_get(d, 299)->line, 300);
    sc_diagnostics_free(d);
}
END_TEST

START_TEST(sc_diagnostics_add_copies_strings)
{
    sc_diagnostics *d = sc_diagnostics_new(0);
    char file[] = "data/f.csv";
    char msg[] = "bad value";
    ck_assert_int_eq(sc_diagnostics_add(d, SC_SEV_ERROR, "non-numeric", file,
                                        3, 7, msg),
                     SC_OK);
    file[0] = 'X';
    msg[0] = 'X';
    const sc_diag *g = sc_diagnostics_get(d, 0);
    ck_assert_str_eq(g->file, "data/f.csv");
    ck_assert_str_eq(g->message, "bad value");
    ck_assert_str_eq(g->code, "non-numeric");
    ck_assert_int_eq(g->severity, SC_SEV_ERROR);
    ck_assert_uint_eq(g->line, 3);
    ck_assert_uint_eq(g->column, 7);
    /* NULL file and code get placeholders */
    ck_assert_int_eq(sc_diagnostics_add(d, SC_SEV_WARNING, NULL, NULL, 0, 0,
                                        "m"),
                     SC_OK);
    g = sc_diagnostics_get(d, 1);
    ck_assert_str_eq(g->file, "<input>");
    ck_assert_ptr_nonnull(g->code);
    sc_diagnostics_free(d);
}
END_TEST

START_TEST(sc_diagnostics_add_rejects_bad_arguments)
{
    sc_diagnostics *d = sc_diagnostics_new(0);
    ck_assert_int_eq(sc_diagnostics_add(NULL, SC_SEV_ERROR, "e", "f", 1, 1,
                                        "m"),
                     SC_ERR_INVALID_ARG);
    ck_assert_int_eq(sc_diagnostics_add(d, (sc_severity)7, "e", "f", 1, 1,
                                        "m"),
                     SC_ERR_INVALID_ARG);
    ck_assert_int_eq(sc_diagnostics_add(d, SC_SEV_ERROR, "e", "f", 1, 1,
                                        NULL),
                     SC_ERR_INVALID_ARG);
    ck_assert_uint_eq(sc_diagnostics_count(d), 0);
    ck_assert_uint_eq(sc_diagnostics_total(d, SC_SEV_ERROR), 0);
    ck_assert_uint_eq(sc_diagnostics_total(d, (sc_severity)7), 0);
    sc_diagnostics_free(d);
}
END_TEST

START_TEST(sc_diagnostics_free_null_is_noop)
{
    sc_diagnostics_free(NULL);
    ck_assert_uint_eq(sc_diagnostics_count(NULL), 0);
    ck_assert_ptr_null(sc_diagnostics_get(NULL, 0));
    ck_assert_uint_eq(sc_diagnostics_total(NULL, SC_SEV_ERROR), 0);
}
END_TEST

/* ------------------------------------------------------------ formatting */

START_TEST(sc_diag_format_with_line_and_column)
{
    sc_diagnostics *d = sc_diagnostics_new(0);
    sc_diagnostics_add(d, SC_SEV_ERROR, "x", "f.csv", 3, 7, "msg");
    char buf[128];
    size_t n = sc_diag_format(sc_diagnostics_get(d, 0), buf, sizeof buf);
    ck_assert_str_eq(buf, "f.csv:3:7: error: msg");
    ck_assert_uint_eq(n, strlen("f.csv:3:7: error: msg"));
    sc_diagnostics_free(d);
}
END_TEST

START_TEST(sc_diag_format_line_zero_leaves_out_position)
{
    sc_diagnostics *d = sc_diagnostics_new(0);
    /* line 0: the column is dropped too, even when one was given */
    sc_diagnostics_add(d, SC_SEV_WARNING, "x", "f.csv", 0, 5, "msg");
    sc_diagnostics_add(d, SC_SEV_ERROR, "x", "f.csv", 4, 0, "msg");
    char buf[128];
    size_t n = sc_diag_format(sc_diagnostics_get(d, 0), buf, sizeof buf);
    ck_assert_str_eq(buf, "f.csv: warning: msg");
    ck_assert_uint_eq(n, strlen("f.csv: warning: msg"));
    ck_assert_uint_eq(sc_diagnostics_get(d, 0)->column, 0);
    /* column 0 is left out on its own */
    n = sc_diag_format(sc_diagnostics_get(d, 1), buf, sizeof buf);
    ck_assert_str_eq(buf, "f.csv:4: error: msg");
    ck_assert_uint_eq(n, strlen("f.csv:4: error: msg"));
    sc_diagnostics_free(d);
}
END_TEST

START_TEST(sc_diag_format_truncates_like_snprintf)
{
    sc_diagnostics *d = sc_diagnostics_new(0);
    sc_diagnostics_add(d, SC_SEV_ERROR, "x", "f.csv", 3, 7, "msg");
    const sc_diag *g = sc_diagnostics_get(d, 0);
    const char *full = "f.csv:3:7: error: msg";
    size_t len = strlen(full);

    char buf[8];
    memset(buf, '#', sizeof buf);
    ck_assert_uint_eq(sc_diag_format(g, buf, sizeof buf), len);
    ck_assert_int_eq(buf[7], '\0');
    ck_assert_str_eq(buf, "f.csv:3");

    /* exactly one byte short: the last character is dropped */
    char *big = malloc(len + 1);
    ck_assert_ptr_nonnull(big);
    memset(big, '#', len + 1);
    ck_assert_uint_eq(sc_diag_format(g, big, len), len);
    ck_assert_int_eq(big[len - 1], '\0');
    ck_assert_int_eq(big[len], '#');
    ck_assert_int_eq(strncmp(big, full, len - 1), 0);
    /* just enough */
    ck_assert_uint_eq(sc_diag_format(g, big, len + 1), len);
    ck_assert_str_eq(big, full);
    free(big);

    /* size 0 writes nothing and still gives the length */
    char one = '#';
    ck_assert_uint_eq(sc_diag_format(g, &one, 0), len);
    ck_assert_int_eq(one, '#');
    ck_assert_uint_eq(sc_diag_format(g, NULL, 0), len);
    /* size 1 holds only the NUL */
    ck_assert_uint_eq(sc_diag_format(g, &one, 1), len);
    ck_assert_int_eq(one, '\0');
    sc_diagnostics_free(d);
}
END_TEST

START_TEST(sc_diag_format_null_diag)
{
    char buf[4] = "abc";
    ck_assert_uint_eq(sc_diag_format(NULL, buf, sizeof buf), 0);
}
END_TEST


START_TEST(sc_diagnostics_add_copies_every_string)
{
    /* the list owns copies: the caller may free its strings at once
     * (ASan and valgrind catch a kept pointer) */
    sc_diagnostics *l = sc_diagnostics_new(0);
    char *code = strdup("my-code"), *file = strdup("f.csv"),
         *msg = strdup("msg");
    ck_assert_int_eq(sc_diagnostics_add(l, SC_SEV_ERROR, code, file, 1, 2, msg),
                     SC_OK);
    memset(code, 'x', 7);
    free(code);
    free(file);
    free(msg);
    const sc_diag *d = sc_diagnostics_get(l, 0);
    ck_assert_str_eq(d->code, "my-code");
    ck_assert_str_eq(d->file, "f.csv");
    ck_assert_str_eq(d->message, "msg");
    sc_diagnostics_free(l);
}
END_TEST

static Suite *
error_suite(void)
{
    Suite *s = suite_create("error");
    TCase *tc = tcase_create("error:status");
    tcase_add_test(tc, sc_diagnostics_add_copies_every_string);
    tcase_add_test(tc, sc_status_str_nonempty_and_unique);
    tcase_add_test(tc, sc_status_name_prefixed_and_unique);
    tcase_add_test(tc, sc_status_str_unknown_values);
    tcase_add_test(tc, sc_version_matches_header);
    tcase_add_test(tc, sc_severity_str_names_severities);
    suite_add_tcase(s, tc);

    tc = tcase_create("error:diagnostics");
    tcase_add_test(tc, sc_diagnostics_new_caps_each_severity);
    tcase_add_test(tc, sc_diagnostics_new_zero_is_unlimited);
    tcase_add_test(tc, sc_diagnostics_add_copies_strings);
    tcase_add_test(tc, sc_diagnostics_add_rejects_bad_arguments);
    tcase_add_test(tc, sc_diagnostics_free_null_is_noop);
    suite_add_tcase(s, tc);

    tc = tcase_create("error:format");
    tcase_add_test(tc, sc_diag_format_with_line_and_column);
    tcase_add_test(tc, sc_diag_format_line_zero_leaves_out_position);
    tcase_add_test(tc, sc_diag_format_truncates_like_snprintf);
    tcase_add_test(tc, sc_diag_format_null_diag);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return tu_run(error_suite());
}
