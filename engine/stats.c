/* SPDX-License-Identifier: MIT */
/*
 * Thin wrappers over GSL: the only file of the loading stages that
 * includes it. GSL's default error handler aborts the process; it is
 * turned off once, and inputs are checked before every call instead.
 */
#include "config.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static pthread_once_t handler_once = PTHREAD_ONCE_INIT;

static void
handler_off(void)
{
    gsl_set_error_handler_off();
}

/* Turn GSL's abort-on-error handler off (idempotent, thread-safe). */
void
sc_stats_init(void)
{
    pthread_once(&handler_once, handler_off);
}

/* Two-sided normal quantile for a confidence level in percent:
 * z such that P(|Z| < z) = level/100 (1.959964 for 95). */
double
sc_stats_z(double level_percent)
{
    return gsl_cdf_ugaussian_Pinv(0.5 + level_percent / 200.0);
}

/* Median of v[0..n) (reorders v); NaN when n == 0. */
double
sc_stats_median(double *v, size_t n)
{
    if (n == 0)
        return NAN;
    return gsl_stats_median(v, 1, n);
}

/* Scaled median absolute deviation (1.4826 * MAD), as gsl_stats_mad;
 * NaN when n == 0 or out of memory. */
double
sc_stats_mad(const double *v, size_t n)
{
    if (n == 0)
        return NAN;
    double *work = malloc(n * sizeof *work);
    if (!work)
        return NAN;
    double r = gsl_stats_mad(v, 1, n, work);
    free(work);
    return r;
}

/* Ascending insertion sort (short arrays). */
static void
isort(double *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        double x = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > x) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = x;
    }
}

/* Median of sorted a[0..n), the way gsl_stats_median combines the two
 * middle values. */
static double
sorted_median(const double *a, size_t n)
{
    size_t lhs = (n - 1) / 2, rhs = n / 2;
    return lhs == rhs ? a[lhs] : 0.5 * (a[lhs] + a[rhs]);
}

void
sc_stats_median_mad(const double *v, size_t n, double *work, double *median,
                    double *mad)
{
    if (n == 0 || n > 64) {
        memcpy(work, v, n * sizeof *work);
        *median = sc_stats_median(work, n);
        *mad = sc_stats_mad(v, n);
        return;
    }
    /* a series is a few dozen years: sorting beats selecting twice */
    memcpy(work, v, n * sizeof *work);
    isort(work, n);
    double m = sorted_median(work, n);
    for (size_t i = 0; i < n; i++)
        work[i] = fabs(v[i] - m);
    isort(work, n);
    *median = m;
    *mad = 1.482602218505602 * sorted_median(work, n); /* gsl_stats_mad */
}

/* Ordinary least squares y = c0 + c1 x (gsl_fit_linear). 0 on success. */
int
sc_stats_fit_linear(const double *x, const double *y, size_t n, double *c0,
                    double *c1, double *cov00, double *cov01, double *cov11,
                    double *sumsq)
{
    return gsl_fit_linear(x, 1, y, 1, n, c0, c1, cov00, cov01, cov11, sumsq);
}

/* Weighted least squares (gsl_fit_wlinear). 0 on success. */
int
sc_stats_fit_wlinear(const double *x, const double *w, const double *y,
                     size_t n, double *c0, double *c1, double *cov00,
                     double *cov01, double *cov11, double *chisq)
{
    return gsl_fit_wlinear(x, 1, w, 1, y, 1, n, c0, c1, cov00, cov01, cov11,
                           chisq);
}

/* Upper tail of Student's t: P(T > t) with df degrees of freedom. */
double
sc_stats_t_upper(double t, double df)
{
    return gsl_cdf_tdist_Q(t, df);
}

/* The t such that P(T > t) = q. */
double
sc_stats_t_quantile_upper(double q, double df)
{
    /* a million trends ask for the same few (q, df): remember them, per
     * thread, with the exact value GSL gave */
    enum { MEMO = 256 };
    static _Thread_local double memo_q[MEMO], memo_t[MEMO];
    static _Thread_local unsigned char memo_set[MEMO];
    int k = (int)df;
    if (df != (double)k || k < 0 || k >= MEMO)
        return gsl_cdf_tdist_Qinv(q, df);
    if (!memo_set[k] || memo_q[k] != q) {
        memo_t[k] = gsl_cdf_tdist_Qinv(q, df);
        memo_q[k] = q;
        memo_set[k] = 1;
    }
    return memo_t[k];
}

/* The z such that P(Z > z) = q for the standard normal. */
double
sc_stats_z_upper(double q)
{
    static _Thread_local double last_q = -1, last_z;
    if (q != last_q) {
        last_z = gsl_cdf_ugaussian_Qinv(q);
        last_q = q;
    }
    return last_z;
}

/* A seeded Mersenne Twister (gsl_rng_mt19937): the same seed gives the
 * same stream on every platform. */
struct sc_rng {
    gsl_rng *r;
};

sc_rng *
sc_stats_rng_new(unsigned long seed)
{
    sc_rng *g = malloc(sizeof *g);
    if (!g)
        return NULL;
    g->r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!g->r) {
        free(g);
        return NULL;
    }
    gsl_rng_set(g->r, seed);
    return g;
}

/* A draw from N(0, sigma^2) (gsl_ran_gaussian); sigma 0 gives 0. */
double
sc_stats_gaussian(sc_rng *g, double sigma)
{
    return gsl_ran_gaussian(g->r, sigma);
}

/* gsl_ran_gaussian (GSL's Box-Muller polar method) split in two: the part
 * that consumes the generator, kept as the pair (y, s), and the scaling,
 * (sigma * y) * s, evaluated in the same order as GSL's
 * sigma * y * sqrt(-2 log r2 / r2). So one stream of pairs serves every
 * indicator (all start from the same seed) bit for bit. */
void
sc_stats_gaussian_pair(sc_rng *g, double *y_out, double *s_out)
{
    double x, y, r2;
    do {
        x = -1 + 2 * gsl_rng_uniform_pos(g->r);
        y = -1 + 2 * gsl_rng_uniform_pos(g->r);
        r2 = x * x + y * y;
    } while (r2 > 1.0 || r2 == 0);
    *y_out = y;
    *s_out = sqrt(-2.0 * log(r2) / r2);
}

void
sc_stats_rng_free(sc_rng *g)
{
    if (!g)
        return;
    gsl_rng_free(g->r);
    free(g);
}
