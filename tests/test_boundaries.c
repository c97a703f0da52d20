/* SPDX-License-Identifier: MIT */
/*
 * The boundary file for maps (engine/boundaries.c): the shipped
 * conversion of us-atlas 3.0.1 read back, with figures counted from the
 * package (3,142 counties and 51 states in counties-albers-10m.json), and
 * malformed files rejected with a diagnostic that names the file.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boundaries.h"
#include "test-config.h"
#include "testutil.h"

#define SHIPPED SC_TEST_SRCDIR "/../engine/boundaries/us-counties-albers.json"

static size_t
count_ids(const sc_boundaries *b, int state)
{
    char id[8];
    size_t n = 0;
    for (int k = 0; k < (state ? 100 : 100000); k++) {
        snprintf(id, sizeof id, state ? "%02d" : "%05d", k);
        n += (state ? sc_boundaries_state(b, id) : sc_boundaries_county(b, id))
             != NULL;
    }
    return n;
}

START_TEST(boundaries_shipped_file)
{
    sc_diagnostics *d = sc_diagnostics_new(10);
    sc_boundaries *b = NULL;
    ck_assert_int_eq(sc_boundaries_load(SHIPPED, d, &b), SC_OK);
    ck_assert_uint_eq(count_ids(b, 0), 3142);
    ck_assert_uint_eq(count_ids(b, 1), 51); /* 50 states and DC */
    double w, h, u;
    sc_boundaries_plane(b, &w, &h, &u);
    ck_assert_double_eq(w, 975);
    ck_assert_double_eq(h, 610);
    ck_assert_double_eq_tol(u, 0.1, 1e-12);
    const sc_shape *la = sc_boundaries_county(b, "06037");
    const sc_shape *ca = sc_boundaries_state(b, "06");
    ck_assert_ptr_nonnull(la);
    ck_assert_ptr_nonnull(ca);
    ck_assert_str_eq(la->name, "Los Angeles");
    ck_assert_str_eq(ca->name, "California");
    ck_assert_ptr_nonnull(la->d);
    ck_assert(la->d[0] == 'M');
    /* every California county lies inside California's box, and they
     * touch its edges: the union of their boxes is the state's */
    long u0 = 1L << 40, u1 = 1L << 40, u2 = -(1L << 40), u3 = -(1L << 40);
    for (int k = 1; k < 116; k += 2) {
        char id[8];
        snprintf(id, sizeof id, "06%03d", k);
        const sc_shape *c = sc_boundaries_county(b, id);
        ck_assert_msg(c != NULL, "no shape for %s", id);
        ck_assert(c->bbox[0] >= ca->bbox[0] && c->bbox[2] <= ca->bbox[2]);
        ck_assert(c->bbox[1] >= ca->bbox[1] && c->bbox[3] <= ca->bbox[3]);
        u0 = c->bbox[0] < u0 ? c->bbox[0] : u0;
        u1 = c->bbox[1] < u1 ? c->bbox[1] : u1;
        u2 = c->bbox[2] > u2 ? c->bbox[2] : u2;
        u3 = c->bbox[3] > u3 ? c->bbox[3] : u3;
    }
    ck_assert_int_eq(u0, ca->bbox[0]);
    ck_assert_int_eq(u1, ca->bbox[1]);
    ck_assert_int_eq(u2, ca->bbox[2]);
    ck_assert_int_eq(u3, ca->bbox[3]);
    /* smaller than the 0.1 px grid: a point, no path */
    const sc_shape *fc = sc_boundaries_county(b, "51610");
    ck_assert_ptr_nonnull(fc);
    ck_assert_str_eq(fc->name, "Falls Church");
    ck_assert_ptr_null(fc->d);
    ck_assert_int_eq(fc->bbox[0], fc->bbox[2]);
    /* not a county of the 2017 file */
    ck_assert_ptr_null(sc_boundaries_county(b, "06000"));
    ck_assert_ptr_null(sc_boundaries_county(b, "99999"));
    ck_assert_ptr_null(sc_boundaries_county(b, NULL));
    ck_assert(strstr(sc_boundaries_source(b), "us-atlas@3.0.1") != NULL);
    ck_assert(strstr(sc_boundaries_source(b), "Census") != NULL);
    sc_boundaries_free(b);
    sc_diagnostics_free(d);
}
END_TEST

/* Load text as a boundary file; the status, and the first message. */
static sc_status
load_text(const char *text, char *msg, size_t cap)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "b.json", text);
    char path[4096];
    snprintf(path, sizeof path, "%s/b.json", dir);
    sc_diagnostics *d = sc_diagnostics_new(10);
    sc_boundaries *b = NULL;
    sc_status st = sc_boundaries_load(path, d, &b);
    const sc_diag *g = tu_find(d, "boundaries");
    snprintf(msg, cap, "%s", g ? g->message : "");
    if (st == SC_OK)
        ck_assert_ptr_nonnull(b);
    else
        ck_assert_ptr_null(b);
    sc_boundaries_free(b);
    sc_diagnostics_free(d);
    tu_cleanup(dir);
    return st;
}

#define HEAD                                                                 \
    "{\"format\":\"scorecard-boundaries\",\"version\":1,\"width\":975,"     \
    "\"height\":610,\"unit\":0.1,\"source\":{\"package\":\"p\","            \
    "\"licence\":\"l\"},"

START_TEST(boundaries_rejects_malformed_files)
{
    char msg[1024];
    ck_assert_int_eq(load_text(HEAD "\"counties\":{\"06001\":{\"name\":\"A\","
                               "\"bbox\":[0,0,2,2],\"d\":\"M0 0l2 0 0 2z\"}},"
                               "\"states\":{}}",
                               msg, sizeof msg),
                     SC_OK);
    ck_assert_int_eq(load_text("{", msg, sizeof msg), SC_ERR_DATA);
    ck_assert(strstr(msg, "b.json': not valid JSON; regenerate it") != NULL);
    ck_assert_int_eq(load_text("{\"format\":\"topojson\"}", msg, sizeof msg),
                     SC_ERR_DATA);
    ck_assert(strstr(msg, "not a scorecard-boundaries version 1 file"));
    /* path data goes into pages verbatim: markup is refused */
    ck_assert_int_eq(load_text(HEAD "\"counties\":{\"06001\":{\"name\":\"A\","
                               "\"bbox\":[0,0,2,2],\"d\":\"M0 0\\\"/><script>"
                               "\"}},\"states\":{}}",
                               msg, sizeof msg),
                     SC_ERR_DATA);
    ck_assert(strstr(msg, "shape '06001': \"d\" holds a character that is "
                          "not SVG path data"));
    ck_assert_int_eq(load_text(HEAD "\"counties\":{\"6001\":{\"name\":\"A\","
                               "\"bbox\":[0,0,2,2]}},\"states\":{}}",
                               msg, sizeof msg),
                     SC_ERR_DATA);
    ck_assert(strstr(msg, "shape '6001': a county's id must be a 5-digit"));
    ck_assert_int_eq(load_text(HEAD "\"counties\":{\"06001\":{\"name\":\"A\","
                               "\"bbox\":[3,0,2,2]}},\"states\":{}}",
                               msg, sizeof msg),
                     SC_ERR_DATA);
    ck_assert(strstr(msg, "x0 > x1"));
    ck_assert_int_eq(load_text(HEAD "\"counties\":{\"06001\":{\"name\":\"A\","
                               "\"bbox\":[0,0.5,2,2]}},\"states\":{}}",
                               msg, sizeof msg),
                     SC_ERR_DATA);
    ck_assert(strstr(msg, "must be 4 integers"));
    ck_assert_int_eq(load_text(HEAD "\"counties\":{},\"states\":[]}", msg,
                               sizeof msg),
                     SC_ERR_DATA);
    ck_assert(strstr(msg, "expected an object of shapes by FIPS code"));

    sc_diagnostics *d = sc_diagnostics_new(10);
    sc_boundaries *b = NULL;
    ck_assert_int_eq(sc_boundaries_load("/nonexistent/b.json", d, &b),
                     SC_ERR_IO);
    TU_ASSERT_DIAG(d, "boundaries", SC_SEV_ERROR, "/nonexistent/b.json", 0, 0,
                   "cannot read the boundary file '/nonexistent/b.json': No "
                   "such file or directory");
    sc_diagnostics_free(d);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("boundaries");
    TCase *tc = tcase_create("boundaries");
    tcase_add_test(tc, boundaries_shipped_file);
    tcase_add_test(tc, boundaries_rejects_malformed_files);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return tu_run(suite());
}
