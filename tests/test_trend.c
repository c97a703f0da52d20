/* SPDX-License-Identifier: MIT */
/*
 * Trends (SPEC §3.4, §3.9): every expected figure is worked out by hand in
 * the comments; the two Student-t figures come from scipy.stats
 * (t.sf(11/3, 3) and t.ppf(0.975, 3)), an independent implementation.
 */
#include <math.h>

#include "internal.h"
#include "testutil.h"
#include "trend.h"

#define TOL 1e-9

static sc_trend
run(const sc_trend_point *p, size_t n, int latest, int lower, double d,
    int goal)
{
    sc_trend_input in = {p, n, latest, 10, goal, 0.05, lower, d};
    sc_trend t;
    ck_assert_int_eq(sc_trend_compute(&in, &t), SC_OK);
    return t;
}

#define NA NAN

START_TEST(trend_ols_noisy_series)
{
    /* x = 2018..2022, y = 40 41 43 42 45: xbar 2020, dx = -2..2, Sdx2 = 10;
     * ybar 42.2, Sdxdy = 11 -> b = 1.1; residuals 0 -0.1 0.8 -1.3 0.6,
     * SSR = 2.7, s2 = 0.9, se = sqrt(0.9/10) = 0.3; t = 3.6667, df 3;
     * p = 2 t.sf(11/3, 3) = 0.03508151471548191 < 0.05 -> improving.
     * CI: 1.1 -/+ 3.182446305284263 * 0.3 = [0.1452661084, 2.0547338916].
     * d = 100 - 45 = 55: ceil(55/1.1 - 1e-9) = 50 -> 2072 (projected);
     * range: ceil(55/2.05473) = 27 -> 2049; 55/0.14527 = 378.6 > 100 ->
     * null. Pace: required = 55/(2030-2022) = 6.875; 1.1 < 3.4375 ->
     * stagnating. Change 45 - 40 = 5 from 2018, no moe -> z null. */
    sc_trend_point p[] = {{2018, 40, NA}, {2019, 41, NA}, {2020, 43, NA},
                          {2021, 42, NA}, {2022, 45, NA}};
    sc_trend t = run(p, 5, 2022, 0, 55, 2030);
    ck_assert_int_eq(t.from_year, 2013);
    ck_assert_int_eq(t.to_year, 2022);
    ck_assert_int_eq(t.n, 5);
    ck_assert_int_eq(t.method, SC_FIT_OLS);
    ck_assert_double_eq_tol(t.slope, 1.1, TOL);
    ck_assert_double_eq_tol(t.se, 0.3, TOL);
    ck_assert_int_eq(t.df, 3);
    ck_assert_double_eq_tol(t.t, 1.1 / 0.3, 1e-8);
    ck_assert_double_eq_tol(t.p, 0.03508151471548191, 1e-9);
    ck_assert_double_eq_tol(t.ci_low, 1.1 - 3.182446305284263 * 0.3, 1e-9);
    ck_assert_double_eq_tol(t.ci_high, 1.1 + 3.182446305284263 * 0.3, 1e-9);
    ck_assert_int_eq(t.status, SC_TREND_IMPROVING);
    ck_assert_int_eq(t.projection, SC_PROJ_PROJECTED);
    ck_assert_int_eq(t.projected_year, 2072);
    ck_assert_int_eq(t.has_range, 1);
    ck_assert_int_eq(t.range_low, 2049);
    ck_assert_int_eq(t.range_high, 0);
    ck_assert_double_eq_tol(t.required, 6.875, TOL);
    ck_assert_int_eq(t.pace, SC_PACE_STAGNATING);
    ck_assert_double_eq_tol(t.change, 5, TOL);
    ck_assert_int_eq(t.change_from_year, 2018);
    ck_assert(isnan(t.change_z));
    ck_assert_int_eq(t.change_significant, -1);
}
END_TEST

START_TEST(trend_lower_is_better_orientation)
{
    /* the same points for a lower-is-better indicator: b = 1.1 but
     * b' = -1.1 with p = 0.035 -> worsening; d = 45 - 0 = 45 and b' < 0 ->
     * not_projected; oriented bounds -ci_high, -ci_low are both < 0 ->
     * [null, null]; pace decreasing. */
    sc_trend_point p[] = {{2018, 40, NA}, {2019, 41, NA}, {2020, 43, NA},
                          {2021, 42, NA}, {2022, 45, NA}};
    sc_trend t = run(p, 5, 2022, 1, 45, 2030);
    ck_assert_double_eq_tol(t.slope, 1.1, TOL);
    ck_assert_double_eq_tol(t.oriented, -1.1, TOL);
    ck_assert_int_eq(t.status, SC_TREND_WORSENING);
    ck_assert_int_eq(t.projection, SC_PROJ_NOT_PROJECTED);
    ck_assert_int_eq(t.projected_year, 0);
    ck_assert_int_eq(t.has_range, 1);
    ck_assert_int_eq(t.range_low, 0);
    ck_assert_int_eq(t.range_high, 0);
    ck_assert_int_eq(t.pace, SC_PACE_DECREASING);
}
END_TEST

START_TEST(trend_perfect_fit_has_zero_se)
{
    /* 40 42 44: b = 2 exactly, residuals 0 -> se = 0: t null, p = 0,
     * CI [2, 2]; improving. d = 56: ceil(28 - 1e-9) = 28 -> 2049, range
     * [2049, 2049]. */
    sc_trend_point p[] = {{2019, 40, NA}, {2020, 42, NA}, {2021, 44, NA}};
    sc_trend t = run(p, 3, 2021, 0, 56, 2030);
    ck_assert_double_eq(t.slope, 2);
    ck_assert_double_eq(t.se, 0);
    ck_assert(isnan(t.t));
    ck_assert_double_eq(t.p, 0);
    ck_assert_double_eq(t.ci_low, 2);
    ck_assert_double_eq(t.ci_high, 2);
    ck_assert_int_eq(t.status, SC_TREND_IMPROVING);
    ck_assert_int_eq(t.projected_year, 2049);
    ck_assert_int_eq(t.range_low, 2049);
    ck_assert_int_eq(t.range_high, 2049);
}
END_TEST

START_TEST(trend_flat_perfect_fit_is_no_change)
{
    /* 50 50 50: b = 0, se = 0 -> p = 1, no_significant_change; b' = 0 ->
     * not_projected; pace stagnating (0 <= b' < required/2). */
    sc_trend_point p[] = {{2019, 50, NA}, {2020, 50, NA}, {2021, 50, NA}};
    sc_trend t = run(p, 3, 2021, 0, 50, 2030);
    ck_assert_double_eq(t.slope, 0);
    ck_assert_double_eq(t.p, 1);
    ck_assert_int_eq(t.status, SC_TREND_NO_CHANGE);
    ck_assert_int_eq(t.projection, SC_PROJ_NOT_PROJECTED);
    ck_assert_int_eq(t.pace, SC_PACE_STAGNATING);
}
END_TEST

START_TEST(trend_two_points)
{
    /* n = 2: slope (54 - 50)/(2022 - 2020) = 2; se, df, t, p, CI null;
     * insufficient_data; d = 46 -> ceil(23) = 23 -> 2045 projected; no
     * interval -> range null; required 46/8 = 5.75, 2 >= 2.875? no ->
     * stagnating. */
    sc_trend_point p[] = {{2020, 50, NA}, {2022, 54, NA}};
    sc_trend t = run(p, 2, 2022, 0, 46, 2030);
    ck_assert_int_eq(t.n, 2);
    ck_assert_double_eq_tol(t.slope, 2, TOL);
    ck_assert(isnan(t.se) && isnan(t.t) && isnan(t.p));
    ck_assert(isnan(t.ci_low) && isnan(t.ci_high));
    ck_assert_int_eq(t.df, -1);
    ck_assert_int_eq(t.status, SC_TREND_INSUFFICIENT);
    ck_assert_int_eq(t.projection, SC_PROJ_PROJECTED);
    ck_assert_int_eq(t.projected_year, 2045);
    ck_assert_int_eq(t.has_range, 0);
    ck_assert_int_eq(t.pace, SC_PACE_STAGNATING);
}
END_TEST

START_TEST(trend_one_point)
{
    /* n = 1: slope null; d > 0 -> projection and pace null; d = 0 ->
     * target_met and on_track whatever the slope. */
    sc_trend_point p[] = {{2022, 50, NA}};
    sc_trend t = run(p, 1, 2022, 0, 50, 2030);
    ck_assert(isnan(t.slope));
    ck_assert_int_eq(t.status, SC_TREND_INSUFFICIENT);
    ck_assert_int_eq(t.projection, SC_PROJ_NONE);
    ck_assert_int_eq(t.pace, SC_PACE_NONE);
    ck_assert_double_eq_tol(t.required, 50.0 / 8, TOL);
    t = run(p, 1, 2022, 0, 0, 2030);
    ck_assert_int_eq(t.projection, SC_PROJ_TARGET_MET);
    ck_assert_int_eq(t.pace, SC_PACE_ON_TRACK);
    ck_assert_int_eq(t.has_range, 0);
}
END_TEST

START_TEST(trend_window_drops_old_points)
{
    /* trend_years 10, latest 2022: window 2013..2022; the 2010 point is
     * out, leaving 2 points -> insufficient_data with slope (44-40)/2 = 2,
     * change from 2020 (the earliest point in the window). */
    sc_trend_point p[] = {{2010, 10, NA}, {2020, 40, NA}, {2022, 44, NA}};
    sc_trend t = run(p, 3, 2022, 0, 56, 2030);
    ck_assert_int_eq(t.n, 2);
    ck_assert_double_eq_tol(t.slope, 2, TOL);
    ck_assert_int_eq(t.change_from_year, 2020);
    ck_assert_double_eq_tol(t.change, 4, TOL);
}
END_TEST

START_TEST(trend_wls_over_dispersed_matches_ols)
{
    /* x = 2018..2021, y = 50 52 51 55, every moe 1.645 (se 1, w = 1):
     * dx = -1.5 -.5 .5 1.5, Sdx2 = 5; dy = -2 0 -1 3, Sdxdy = 7 -> b = 1.4;
     * residuals .1 .7 -1.7 .9, chisq = SSR = 4.2. WLS cov11 = 1/5; chisq/df
     * = 2.1 > 1 -> se = sqrt(0.2 * 2.1) = sqrt(0.42), the OLS se
     * (sqrt(4.2/2/5)). Change 5 with both moe: z = 5/sqrt(2) = 3.5355 >
     * 1.959964 -> significant. */
    sc_trend_point p[] = {{2018, 50, 1.645},
                          {2019, 52, 1.645},
                          {2020, 51, 1.645},
                          {2021, 55, 1.645}};
    sc_trend t = run(p, 4, 2021, 0, 45, 2030);
    ck_assert_int_eq(t.method, SC_FIT_WLS);
    ck_assert_double_eq_tol(t.slope, 1.4, TOL);
    ck_assert_double_eq_tol(t.se, sqrt(0.42), TOL);
    ck_assert_double_eq_tol(t.change_z, 5 / sqrt(2), TOL);
    ck_assert_int_eq(t.change_significant, 1);
    /* the same points without moe: OLS, same slope and se */
    sc_trend_point q[] = {{2018, 50, NA}, {2019, 52, NA}, {2020, 51, NA},
                          {2021, 55, NA}};
    sc_trend o = run(q, 4, 2021, 0, 45, 2030);
    ck_assert_int_eq(o.method, SC_FIT_OLS);
    ck_assert_double_eq_tol(o.se, t.se, TOL);
}
END_TEST

START_TEST(trend_wls_under_dispersed_uses_sampling_error)
{
    /* the same points with moe 2 * 1.645 (se 2, w = 0.25): cov11 = 1/(0.25
     * * 5) = 0.8; chisq = 0.25 * 4.2 = 1.05, /df = 0.525 < 1 -> se =
     * sqrt(0.8). One point without moe makes it OLS again. */
    double m = 2 * 1.645;
    sc_trend_point p[] = {{2018, 50, m}, {2019, 52, m}, {2020, 51, m},
                          {2021, 55, m}};
    sc_trend t = run(p, 4, 2021, 0, 45, 2030);
    ck_assert_int_eq(t.method, SC_FIT_WLS);
    ck_assert_double_eq_tol(t.slope, 1.4, TOL);
    ck_assert_double_eq_tol(t.se, sqrt(0.8), TOL);
    p[2].moe = NA;
    t = run(p, 4, 2021, 0, 45, 2030);
    ck_assert_int_eq(t.method, SC_FIT_OLS);
    ck_assert_double_eq_tol(t.se, sqrt(0.42), TOL);
}
END_TEST

START_TEST(trend_beyond_horizon_and_past_goal_year)
{
    /* slope 0.1 (perfect fit), d = 50: 500 years > 100 -> beyond_horizon,
     * year null. goal_year 2020 <= latest 2022 with d > 0: required = +inf
     * -> pace stagnating (b' >= 0). */
    sc_trend_point p[] = {{2020, 49.8, NA}, {2021, 49.9, NA}, {2022, 50, NA}};
    sc_trend t = run(p, 3, 2022, 0, 50, 2020);
    ck_assert_double_eq_tol(t.slope, 0.1, 1e-9);
    ck_assert_int_eq(t.projection, SC_PROJ_BEYOND);
    ck_assert_int_eq(t.projected_year, 0);
    ck_assert(isinf(t.required));
    ck_assert_int_eq(t.pace, SC_PACE_STAGNATING);
}
END_TEST

START_TEST(trend_reach_year_epsilon)
{
    /* 0.3/0.1 = 2.9999999999999996 in doubles; ceil without the 1e-9
     * would be 3 either way, but 55/1.1 = 50.00000000000001 must give 50,
     * not 51 */
    ck_assert_int_eq(sc_trend_reach_year(55, 1.1, 2022), 2072);
    ck_assert_int_eq(sc_trend_reach_year(10, 0, 2022), 0);
    ck_assert_int_eq(sc_trend_reach_year(10, -1, 2022), 0);
    ck_assert_int_eq(sc_trend_reach_year(100, 1, 2022), 2122);
    ck_assert_int_eq(sc_trend_reach_year(100.5, 1, 2022), 0);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("trend");
    TCase *tc = tcase_create("trend:fit");
    tcase_add_test(tc, trend_ols_noisy_series);
    tcase_add_test(tc, trend_lower_is_better_orientation);
    tcase_add_test(tc, trend_perfect_fit_has_zero_se);
    tcase_add_test(tc, trend_flat_perfect_fit_is_no_change);
    tcase_add_test(tc, trend_two_points);
    tcase_add_test(tc, trend_one_point);
    tcase_add_test(tc, trend_window_drops_old_points);
    tcase_add_test(tc, trend_wls_over_dispersed_matches_ols);
    tcase_add_test(tc, trend_wls_under_dispersed_uses_sampling_error);
    tcase_add_test(tc, trend_beyond_horizon_and_past_goal_year);
    tcase_add_test(tc, trend_reach_year_epsilon);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return tu_run(suite());
}
