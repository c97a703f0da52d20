/* SPDX-License-Identifier: MIT */
/*
 * Trends of one series (SPEC §3.4 and §3.9). The fit is ordinary least
 * squares of value on year (gsl_fit_linear), or weighted least squares
 * with w = 1/se^2, se = moe/1.645 (gsl_fit_wlinear) when every point in
 * the window has a moe > 0. For WLS, se(b) = sqrt(cov11 * max(1,
 * chisq/(n-2))): GSL's cov11 assumes the weights are exact, and scatter
 * beyond the sampling error must widen the interval, not be ignored.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "trend.h"

#define Z90 SC_Z90
#define EPS 1e-9       /* ceil() and pace comparisons (SPEC §3.9.9) */
#define SLOPE_EPS 1e-9 /* |b| below this is exactly 0 (SPEC §3.9.8) */
#define HORIZON 100    /* projections later than latest + 100 */
#define MAX_POINTS 256 /* one point a year; trend_years <= 200 */

void
sc_trend_clear(sc_trend *t)
{
    memset(t, 0, sizeof *t);
    t->slope = t->se = t->t = t->p = t->ci_low = t->ci_high = NAN;
    t->oriented = t->required = t->change = t->change_z = NAN;
    t->df = -1;
    t->change_significant = -1;
}

int
sc_trend_reach_year(double d, double rate, int latest)
{
    if (!(rate > 0) || isnan(d))
        return 0;
    double steps = ceil(d / rate - EPS);
    if (!isfinite(steps) || steps > HORIZON)
        return 0;
    return latest + (int)steps;
}

sc_status
sc_trend_compute(const sc_trend_input *in, sc_trend *t)
{
    sc_trend_clear(t);
    t->has_window = 1;
    t->from_year = in->latest - in->trend_years + 1;
    t->to_year = in->latest;

    /* the window's points (at most one per year: duplicates are errors) */
    double x[MAX_POINTS], y[MAX_POINTS], w[MAX_POINTS];
    const sc_trend_point *first = NULL, *last = NULL;
    size_t n = 0;
    int all_moe = 1;
    for (size_t i = 0; i < in->n && n < MAX_POINTS; i++) {
        const sc_trend_point *p = &in->pts[i];
        if (p->year < t->from_year || p->year > t->to_year)
            continue;
        if (!first)
            first = p;
        last = p;
        x[n] = p->year;
        y[n] = p->value;
        if (!(p->moe > 0)) {
            all_moe = 0;
            w[n] = 1;
        } else {
            double se = p->moe / Z90;
            w[n] = 1.0 / (se * se);
        }
        n++;
    }
    t->n = (int)n;
    if (n >= 1)
        t->method = all_moe ? SC_FIT_WLS : SC_FIT_OLS;

    /* slope (§3.9.8: n <= 1 null, n == 2 the two-point slope) */
    double b = NAN;
    if (n == 2) {
        b = (y[1] - y[0]) / (x[1] - x[0]);
    } else if (n >= 3) {
        double c0, c1, cov00, cov01, cov11, ss;
        int st;
        if (t->method == SC_FIT_WLS)
            st = sc_stats_fit_wlinear(x, w, y, n, &c0, &c1, &cov00, &cov01,
                                      &cov11, &ss);
        else
            st = sc_stats_fit_linear(x, y, n, &c0, &c1, &cov00, &cov01,
                                     &cov11, &ss);
        if (st != 0)
            return SC_ERR_INTERNAL;
        b = c1;
        if (fabs(b) < SLOPE_EPS)
            b = 0;
        double df = (double)n - 2;
        double var = t->method == SC_FIT_WLS
                         ? cov11 * fmax(1.0, ss / df)
                         : cov11;
        double se = sqrt(var);
        t->se = se;
        t->df = (int)n - 2;
        if (se == 0) {
            t->p = b != 0 ? 0.0 : 1.0;
            t->ci_low = t->ci_high = b;
        } else {
            t->t = b / se;
            t->p = 2.0 * sc_stats_t_upper(fabs(t->t), df);
            double q = sc_stats_t_quantile_upper(0.025, df);
            t->ci_low = b - q * se;
            t->ci_high = b + q * se;
        }
    }
    if (n >= 2 && fabs(b) < SLOPE_EPS)
        b = 0;
    t->slope = b;
    t->oriented = isnan(b) ? NAN : (in->lower_is_better ? -b : b);
    if (t->oriented == 0)
        t->oriented = 0; /* no -0 */

    /* status */
    if (n < 3)
        t->status = SC_TREND_INSUFFICIENT;
    else if (t->p < in->alpha && t->oriented > 0)
        t->status = SC_TREND_IMPROVING;
    else if (t->p < in->alpha && t->oriented < 0)
        t->status = SC_TREND_WORSENING;
    else
        t->status = SC_TREND_NO_CHANGE;

    /* projection (§3.9.9, §3.9.16) */
    double d = in->distance;
    double bo = t->oriented;
    if (isnan(d)) {
        t->projection = SC_PROJ_NONE;
    } else if (d == 0) {
        t->projection = SC_PROJ_TARGET_MET;
    } else if (isnan(bo)) {
        t->projection = SC_PROJ_NONE;
    } else if (bo <= 0) {
        t->projection = SC_PROJ_NOT_PROJECTED;
    } else {
        int year = sc_trend_reach_year(d, bo, in->latest);
        t->projection = year ? SC_PROJ_PROJECTED : SC_PROJ_BEYOND;
        t->projected_year = year;
    }
    if (!isnan(d) && d > 0 && !isnan(t->ci_low) && !isnan(t->ci_high)) {
        double up = in->lower_is_better ? -t->ci_low : t->ci_high;
        double down = in->lower_is_better ? -t->ci_high : t->ci_low;
        t->has_range = 1;
        t->range_low = sc_trend_reach_year(d, up, in->latest);
        t->range_high = sc_trend_reach_year(d, down, in->latest);
    }

    /* pace toward goal_year */
    if (!isnan(d)) {
        int left = in->goal_year - in->latest;
        t->required = left > 0 ? d / left : (d > 0 ? INFINITY : 0.0);
        if (d == 0)
            t->pace = SC_PACE_ON_TRACK;
        else if (isnan(bo))
            t->pace = SC_PACE_NONE;
        else if (bo >= t->required - EPS)
            t->pace = SC_PACE_ON_TRACK;
        else if (bo >= 0.5 * t->required - EPS)
            t->pace = SC_PACE_MODERATE;
        else if (bo >= 0)
            t->pace = SC_PACE_STAGNATING;
        else
            t->pace = SC_PACE_DECREASING;
    }

    /* change since the earliest point of the window (§3.9.10) */
    if (last && last->year == in->latest && first && first->year < in->latest) {
        t->change = last->value - first->value;
        t->change_from_year = first->year;
        if (first->moe > 0 && last->moe > 0) {
            double s1 = first->moe / Z90, s2 = last->moe / Z90;
            t->change_z = t->change / sqrt(s1 * s1 + s2 * s2);
            double zc = sc_stats_z_upper(in->alpha / 2.0);
            t->change_significant = fabs(t->change_z) > zc;
        }
    }
    return SC_OK;
}

const char *
sc_trend_status_str(int s)
{
    switch (s) {
    case SC_TREND_IMPROVING: return "improving";
    case SC_TREND_WORSENING: return "worsening";
    case SC_TREND_NO_CHANGE: return "no_significant_change";
    case SC_TREND_INSUFFICIENT: return "insufficient_data";
    default: return NULL;
    }
}

const char *
sc_trend_projection_str(int p)
{
    switch (p) {
    case SC_PROJ_TARGET_MET: return "target_met";
    case SC_PROJ_PROJECTED: return "projected";
    case SC_PROJ_BEYOND: return "beyond_horizon";
    case SC_PROJ_NOT_PROJECTED: return "not_projected";
    default: return NULL;
    }
}

const char *
sc_trend_pace_str(int p)
{
    switch (p) {
    case SC_PACE_ON_TRACK: return "on_track";
    case SC_PACE_MODERATE: return "moderately_improving";
    case SC_PACE_STAGNATING: return "stagnating";
    case SC_PACE_DECREASING: return "decreasing";
    default: return NULL;
    }
}

const char *
sc_trend_method_str(int m)
{
    return m == SC_FIT_OLS ? "ols" : m == SC_FIT_WLS ? "wls" : NULL;
}
