/* SPDX-License-Identifier: MIT */
/*
 * Stage 5: compute (SPEC §3). The observations arrive sorted by indicator,
 * geography, subgroup ("All" first, then by name) and year (dataset.c), so
 * groups are runs of adjacent rows. Computes benchmarks (§3.5), ranks and rank ranges (§3.3, §3.8), trends
 * (§3.4, in trend.c), domain and overall scores (§3.6) and equity gaps
 * (§3.7). Rounding "to k decimals" for comparisons is §3.9.1's integer key.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compute.h"
#include "parallel.h"

#define Z90 SC_Z90

/* ---------------------------------------------------------------- helpers */

double
sc_round_key(double x, int k)
{
    double scale = k == 0 ? 1 : k == 1 ? 10 : k == 2 ? 100 : k == 3 ? 1000
                                                                    : 10000;
    double key = floor(fabs(x) * scale + 0.5);
    return x < 0 ? -key : key;
}

/* Distance to the target (§3.2); NaN for a missing value. */
static double
distance_of(const sc_indicator *ind, double v)
{
    if (isnan(v))
        return NAN;
    double d = ind->info.direction == SC_HIGHER_IS_BETTER
                   ? ind->info.target - v
                   : v - ind->info.target;
    return d > 0 ? d : 0;
}

/* n, or 1 for n == 0: malloc(0) may return NULL. */
static size_t
nz(size_t n)
{
    return n ? n : 1;
}

static int
is_county(const sc_dataset *ds, uint32_t geo)
{
    return ds->geos[geo].info.level == SC_LEVEL_COUNTY;
}

const char *
sc_vs_str(int vs)
{
    return vs == SC_VS_BETTER ? "better" : vs == SC_VS_WORSE ? "worse"
           : vs == SC_VS_SAME ? "same" : NULL;
}

const char *
sc_bench_method_str(int m)
{
    return m == SC_BENCH_REPORTED ? "reported" : m == SC_BENCH_POOLED ? "pooled"
           : m == SC_BENCH_MEDIAN ? "median" : NULL;
}

const char *
sc_reason_str(int reason)
{
    return reason == SC_REASON_SOURCE_SUPPRESSED ? "source_suppressed"
           : reason == SC_REASON_LOW_DENOMINATOR ? "low_denominator"
                                                 : NULL;
}

/* Benchmark of (indicator, subgroup, year), NaN when none. */
static double
bench_of(const sc_results *r, size_t ind, uint32_t sg, int year, int *method)
{
    const sc_bench_tab *b = &r->bench[ind];
    *method = SC_BENCH_NONE;
    if (year < b->year0 || year >= b->year0 + b->nyears)
        return NAN;
    size_t cell = (size_t)sg * (size_t)b->nyears + (size_t)(year - b->year0);
    *method = b->method[cell];
    return b->value[cell];
}

void
sc_obs_figures(const sc_results *r, size_t i, sc_fig *f)
{
    const sc_dataset *ds = r->ds;
    const sc_obs *o = &ds->obs[i];
    const sc_indicator *ind = &ds->inds[o->ind];
    f->benchmark = bench_of(r, o->ind, o->subgroup, o->year, &f->bench_method);
    f->vs = SC_VS_NONE;
    if (o->reason != SC_REASON_NONE) {
        f->distance = f->score = f->children_gap = NAN;
        return;
    }
    f->distance = distance_of(ind, o->value);
    f->score = 100.0 - f->distance;
    /* §3.9.2: floor(d / 100.0 * denominator + 0.5), in that order */
    f->children_gap = isnan(o->den) ? NAN
                                    : floor(f->distance / 100.0 * o->den + 0.5);
    if (is_county(ds, o->geo) && !isnan(f->benchmark)) {
        int k = ind->info.decimals;
        double kv = sc_round_key(o->value, k), kb = sc_round_key(f->benchmark, k);
        if (kv == kb)
            f->vs = SC_VS_SAME;
        else if ((ind->info.direction == SC_HIGHER_IS_BETTER) == (kv > kb))
            f->vs = SC_VS_BETTER;
        else
            f->vs = SC_VS_WORSE;
    }
}

/* --------------------------------------------------------------- groups */

/* Cut the sorted observations into groups (indicator, geography,
 * subgroup) and index them by (geography, indicator). */
static sc_status
make_groups(sc_results *r)
{
    const sc_dataset *ds = r->ds;
    size_t n = ds->nobs, cap = 0, ni = ds->ninds;
    r->ind_group = malloc((ni + 1) * sizeof *r->ind_group);
    if (!r->ind_group)
        return SC_ERR_NOMEM;
    for (size_t ii = 0; ii < ni; ii++) {
        r->ind_group[ii] = r->ngroups;
        int latest = ds->inds[ii].latest_year;
        for (size_t i = ds->ind_start[ii]; i < ds->ind_start[ii + 1];) {
            const sc_obs *o = &ds->obs[i];
            size_t j = i + 1;
            while (j < n && ds->obs[j].geo == o->geo &&
                   ds->obs[j].subgroup == o->subgroup && ds->obs[j].ind == ii)
                j++;
            if (r->ngroups >= cap &&
                sc_grow((void **)&r->groups, &cap, r->ngroups + 1,
                        sizeof *r->groups))
                return SC_ERR_NOMEM;
            sc_group *g = &r->groups[r->ngroups++];
            memset(g, 0, sizeof *g);
            g->geo = o->geo;
            g->ind = o->ind;
            g->subgroup = o->subgroup;
            g->first = i;
            g->count = j - i;
            g->latest = -1;
            for (size_t k = i; k < j; k++) /* the last of duplicates */
                if (ds->obs[k].year == latest)
                    g->latest = (long)k;
            sc_trend_clear(&g->trend);
            i = j;
        }
    }
    r->ind_group[ni] = r->ngroups;

    size_t ng = ds->ngeos;
    r->gi_first = malloc(nz(ng * ni) * sizeof *r->gi_first);
    r->gi_count = calloc(nz(ng * ni), sizeof *r->gi_count);
    if (!r->gi_first || !r->gi_count)
        return SC_ERR_NOMEM;
    for (size_t k = 0; k < ng * ni; k++)
        r->gi_first[k] = -1;
    for (size_t k = 0; k < r->ngroups; k++) {
        const sc_group *g = &r->groups[k];
        size_t cell = (size_t)g->geo * ni + g->ind;
        if (r->gi_first[cell] < 0)
            r->gi_first[cell] = (long)k;
        r->gi_count[cell]++;
    }
    r->out_groups = malloc(nz(r->ngroups) * sizeof *r->out_groups);
    if (!r->out_groups)
        return SC_ERR_NOMEM;
    size_t k = 0;
    for (size_t cell = 0; cell < ng * ni; cell++)
        for (uint32_t j = 0; j < r->gi_count[cell]; j++)
            r->out_groups[k++] = (size_t)r->gi_first[cell] + j;
    return SC_OK;
}

/* ----------------------------------------------------------- benchmarks */

/* §3.5, §3.9.11: the state's own value (reported), else pooled counts
 * over unsuppressed counties when all have both, else their median; per
 * (subgroup, year) cell. */
static sc_status
benchmarks(sc_results *r, size_t ii)
{
    const sc_dataset *ds = r->ds;
    sc_bench_tab *b = &r->bench[ii];
    size_t from = ds->ind_start[ii], to = ds->ind_start[ii + 1];
    int lo = 0, hi = -1;
    for (size_t k = from; k < to; k++) {
        int y = ds->obs[k].year;
        if (hi < lo) {
            lo = hi = y;
        } else {
            lo = y < lo ? y : lo;
            hi = y > hi ? y : hi;
        }
    }
    b->year0 = lo;
    b->nyears = hi >= lo ? hi - lo + 1 : 0;
    size_t cells = ds->subgroups.count * (size_t)b->nyears;
    b->value = malloc(nz(cells) * sizeof *b->value);
    b->method = calloc(nz(cells), 1);
    double *sn = calloc(nz(cells), sizeof *sn);
    double *sd = calloc(nz(cells), sizeof *sd);
    unsigned char *partial = calloc(nz(cells), 1); /* a county lacks counts */
    size_t *nv = calloc(nz(cells), sizeof *nv);    /* county values */
    size_t *at = calloc(nz(cells), sizeof *at);    /* median: next slot */
    double *vals = NULL;
    sc_status st = SC_ERR_NOMEM;
    if (!b->value || !b->method || !sn || !sd || !partial || !nv || !at)
        goto done;
    for (size_t c = 0; c < cells; c++)
        b->value[c] = NAN;
#define CELL(o) ((size_t)(o)->subgroup * (size_t)b->nyears + (size_t)((o)->year - lo))

    /* reported: the first state (by geo_id) with an unsuppressed value */
    for (size_t k = from; k < to; k++) {
        const sc_obs *o = &ds->obs[k];
        if (is_county(ds, o->geo) || o->reason != SC_REASON_NONE)
            continue;
        size_t cell = CELL(o);
        if (!b->method[cell]) {
            b->value[cell] = o->value;
            b->method[cell] = SC_BENCH_REPORTED;
        }
    }
    /* counties: sums for pooled, and how many values each cell has */
    for (size_t k = from; k < to; k++) {
        const sc_obs *o = &ds->obs[k];
        if (o->reason != SC_REASON_NONE || !is_county(ds, o->geo))
            continue;
        size_t cell = CELL(o);
        if (isnan(o->num) || isnan(o->den))
            partial[cell] = 1;
        else {
            sn[cell] += o->num;
            sd[cell] += o->den;
        }
        nv[cell]++;
    }
    /* pooled where every county has counts; else the median, whose
     * values are gathered cell by cell into vals */
    size_t total = 0;
    for (size_t c = 0; c < cells; c++) {
        if (nv[c] == 0 || b->method[c])
            continue;
        if (!partial[c] && sd[c] > 0) {
            b->value[c] = 100.0 * sn[c] / sd[c];
            b->method[c] = SC_BENCH_POOLED;
            continue;
        }
        b->method[c] = SC_BENCH_MEDIAN;
        at[c] = total;
        total += nv[c];
    }
    if (total > 0) {
        vals = malloc(total * sizeof *vals);
        if (!vals)
            goto done;
        for (size_t k = from; k < to; k++) {
            const sc_obs *o = &ds->obs[k];
            if (o->reason != SC_REASON_NONE || !is_county(ds, o->geo))
                continue;
            size_t cell = CELL(o);
            if (b->method[cell] == SC_BENCH_MEDIAN)
                vals[at[cell]++] = o->value;
        }
        for (size_t c = 0; c < cells; c++)
            if (b->method[c] == SC_BENCH_MEDIAN)
                b->value[c] = sc_stats_median(vals + at[c] - nv[c], nv[c]);
    }
#undef CELL
    st = SC_OK;
done:
    free(sn);
    free(sd);
    free(partial);
    free(nv);
    free(at);
    free(vals);
    return st;
}

/* ---------------------------------------------------------------- ranks */

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Number of sorted[0..n) strictly below key. */
static size_t
count_below(const double *sorted, size_t n, double key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Competition ranks of keys (integral doubles, §3.9.1): rank[j] = 1 + the
 * number of keys below key[j]. Counting when the keys span a small range,
 * else sorting; scratch holds n doubles, counts ncounts + 1 sizes. */
static void
competition_ranks(const double *key, size_t n, int *rank, double *scratch,
                  size_t *counts, size_t ncounts)
{
    double mn = key[0], mx = key[0];
    for (size_t j = 1; j < n; j++) {
        mn = key[j] < mn ? key[j] : mn;
        mx = key[j] > mx ? key[j] : mx;
    }
    if (mx - mn < (double)ncounts) {
        size_t span = (size_t)(mx - mn) + 1;
        memset(counts, 0, (span + 1) * sizeof *counts);
        for (size_t j = 0; j < n; j++)
            counts[(size_t)(key[j] - mn) + 1]++;
        for (size_t c = 1; c <= span; c++)
            counts[c] += counts[c - 1];
        for (size_t j = 0; j < n; j++)
            rank[j] = (int)counts[(size_t)(key[j] - mn)] + 1;
        return;
    }
    memcpy(scratch, key, n * sizeof *scratch);
    qsort(scratch, n, sizeof *scratch, cmp_double);
    for (size_t j = 0; j < n; j++)
        rank[j] = (int)count_below(scratch, n, key[j]) + 1;
}

/* The lo-th and hi-th smallest (lo <= hi) of a[0..n), by counting: the
 * values are ranks, 1..m, and counts holds more than m sizes. */
static void
percentiles(const int *a, size_t n, size_t lo, size_t hi, size_t *counts,
            int *at_lo, int *at_hi)
{
    int mn = a[0], mx = a[0];
    for (size_t i = 1; i < n; i++) {
        mn = a[i] < mn ? a[i] : mn;
        mx = a[i] > mx ? a[i] : mx;
    }
    size_t span = (size_t)((long)mx - (long)mn) + 1;
    memset(counts, 0, span * sizeof *counts);
    for (size_t i = 0; i < n; i++)
        counts[a[i] - mn]++;
    size_t seen = 0, v = 0;
    for (; seen + counts[v] <= lo; v++)
        seen += counts[v];
    *at_lo = mn + (int)v;
    for (; seen + counts[v] <= hi; v++)
        seen += counts[v];
    *at_hi = mn + (int)v;
}

/* §3.3 ranks (competition ranking of distance keys at `decimals`) and
 * §3.8 rank ranges (5th-95th percentile over seeded draws). Writes only
 * the groups of indicator ii, so indicators run in parallel. */
static sc_status
rank_indicator(sc_results *r, size_t ii)
{
    const sc_dataset *ds = r->ds;
    const sc_indicator *ind = &ds->inds[ii];
    int k = ind->info.decimals;
    size_t m = 0, g0 = r->ind_group[ii], g1 = r->ind_group[ii + 1];
    for (size_t g = g0; g < g1; g++) {
        const sc_group *gr = &r->groups[g];
        if (gr->subgroup == 0 && gr->latest >= 0 && is_county(ds, gr->geo) &&
            ds->obs[gr->latest].reason == SC_REASON_NONE)
            m++;
    }
    r->ranked[ii] = (int)m;
    if (m == 0)
        return SC_OK;
    sc_status st = SC_ERR_NOMEM;
    /* counting ranks cover distance keys spanning up to 100 points at 2
     * decimals, or 4 per county: both cheaper than sorting */
    size_t ncounts = 4 * m + 1 > 16384 ? 4 * m + 1 : 16384;
    size_t *gid = malloc(m * sizeof *gid);
    double *key = malloc(m * sizeof *key);
    double *scratch = malloc(m * sizeof *scratch);
    double *v = malloc(m * sizeof *v);
    double *se = malloc(m * sizeof *se);
    int *rank = malloc(m * sizeof *rank);
    size_t *counts = malloc((ncounts + 1) * sizeof *counts);
    int *ranks = NULL;
    sc_rng *rng = NULL;
    if (!gid || !key || !scratch || !v || !se || !rank || !counts)
        goto done;
    size_t j = 0;
    int any_moe = 0;
    for (size_t g = g0; g < g1; g++) {
        const sc_group *gr = &r->groups[g];
        if (gr->subgroup == 0 && gr->latest >= 0 && is_county(ds, gr->geo) &&
            ds->obs[gr->latest].reason == SC_REASON_NONE) {
            const sc_obs *o = &ds->obs[gr->latest];
            gid[j] = g;
            v[j] = o->value;
            se[j] = o->moe > 0 ? o->moe / Z90 : 0;
            any_moe |= se[j] > 0;
            key[j] = sc_round_key(distance_of(ind, v[j]), k);
            j++;
        }
    }
    competition_ranks(key, m, rank, scratch, counts, ncounts);
    for (j = 0; j < m; j++) {
        sc_group *gr = &r->groups[gid[j]];
        gr->rank = rank[j];
        gr->of = (int)m;
        gr->quartile = (4 * gr->rank + (int)m - 1) / (int)m;
    }
    long draws = ds->rank_draws;
    if (draws > 0 && any_moe) {
        size_t cells;
        if (sc_size_mul(m, (size_t)draws, &cells))
            goto done;
        ranks = malloc(cells * sizeof *ranks);
        int shared = r->ngauss >= cells;
        rng = shared ? NULL : sc_stats_rng_new(ds->seed);
        if (!ranks || (!shared && !rng))
            goto done;
        for (long d = 0; d < draws; d++) {
            const double *gy = shared ? r->gauss_y + (size_t)d * m : NULL;
            const double *gs = shared ? r->gauss_s + (size_t)d * m : NULL;
            for (j = 0; j < m; j++) {
                double sim = v[j] + (shared ? se[j] * gy[j] * gs[j]
                                            : sc_stats_gaussian(rng, se[j]));
                key[j] = sc_round_key(distance_of(ind, sim), k);
            }
            competition_ranks(key, m, rank, scratch, counts, ncounts);
            for (j = 0; j < m; j++)
                ranks[j * (size_t)draws + (size_t)d] = rank[j];
        }
        /* percentiles like numpy's "lower" (5th) and "higher" (95th) */
        size_t lo = (size_t)floor(0.05 * (double)(draws - 1));
        size_t hi = (size_t)ceil(0.95 * (double)(draws - 1));
        for (j = 0; j < m; j++) {
            int *row = ranks + j * (size_t)draws;
            percentiles(row, (size_t)draws, lo, hi, counts,
                        &r->groups[gid[j]].rank_low,
                        &r->groups[gid[j]].rank_high);
        }
    }
    st = SC_OK;
done:
    free(gid);
    free(key);
    free(scratch);
    free(v);
    free(se);
    free(rank);
    free(counts);
    free(ranks);
    sc_stats_rng_free(rng);
    return st;
}

/* Draws kept for all indicators: at most this many (16 bytes each). */
#define SC_SHARED_DRAWS (8u * 1024u * 1024u)

/* The seeded stream of normal draws, generated once for every indicator
 * (counties x rank_draws of them, enough for any indicator). */
static sc_status
shared_draws(sc_results *r)
{
    const sc_dataset *ds = r->ds;
    size_t counties = 0, n;
    for (size_t g = 0; g < ds->ngeos; g++)
        counties += is_county(ds, (uint32_t)g);
    if (ds->rank_draws <= 0 ||
        sc_size_mul(counties, (size_t)ds->rank_draws, &n) || n == 0 ||
        n > SC_SHARED_DRAWS)
        return SC_OK; /* each indicator draws its own */
    r->gauss_y = malloc(n * sizeof *r->gauss_y);
    r->gauss_s = malloc(n * sizeof *r->gauss_s);
    sc_rng *rng = sc_stats_rng_new(ds->seed);
    if (!r->gauss_y || !r->gauss_s || !rng) {
        sc_stats_rng_free(rng);
        return SC_ERR_NOMEM;
    }
    for (size_t k = 0; k < n; k++)
        sc_stats_gaussian_pair(rng, &r->gauss_y[k], &r->gauss_s[k]);
    sc_stats_rng_free(rng);
    r->ngauss = n;
    return SC_OK;
}

/* The context of the parallel tasks: the results, a status per task. */
typedef struct tasks {
    sc_results *r;
    sc_status *st;
} tasks;

/* One indicator's benchmarks and ranks. */
static void
indicator_task(void *ctx, size_t ii)
{
    tasks *T = ctx;
    sc_status st = benchmarks(T->r, ii);
    if (st == SC_OK)
        st = rank_indicator(T->r, ii);
    T->st[ii] = st;
}

/* --------------------------------------------------------------- trends */

#define TREND_CHUNK 4096u

/* Trends of groups [c * TREND_CHUNK, (c + 1) * TREND_CHUNK). */
static void
trend_task(void *ctx, size_t c)
{
    tasks *T = ctx;
    sc_results *r = T->r;
    const sc_dataset *ds = r->ds;
    size_t cap = 0;
    sc_trend_point *pts = NULL;
    size_t g1 = (c + 1) * TREND_CHUNK;
    if (g1 > r->ngroups)
        g1 = r->ngroups;
    T->st[c] = SC_OK;
    for (size_t g = c * TREND_CHUNK; g < g1; g++) {
        sc_group *gr = &r->groups[g];
        const sc_indicator *ind = &ds->inds[gr->ind];
        if (ind->latest_year == SC_NO_YEAR)
            continue;
        if (sc_grow((void **)&pts, &cap, gr->count, sizeof *pts)) {
            T->st[c] = SC_ERR_NOMEM;
            break;
        }
        size_t n = 0;
        for (size_t j = gr->first; j < gr->first + gr->count; j++) {
            const sc_obs *o = &ds->obs[j];
            if (o->reason != SC_REASON_NONE)
                continue;
            pts[n].year = o->year;
            pts[n].value = o->value;
            pts[n].moe = o->moe;
            n++;
        }
        double d = NAN;
        if (gr->latest >= 0 && ds->obs[gr->latest].reason == SC_REASON_NONE)
            d = distance_of(ind, ds->obs[gr->latest].value);
        sc_trend_input in = {pts, n, ind->latest_year, ds->trend_years,
                             ds->goal_year, ds->alpha,
                             ind->info.direction == SC_LOWER_IS_BETTER, d};
        sc_status st = sc_trend_compute(&in, &gr->trend);
        if (st != SC_OK) {
            T->st[c] = st;
            break;
        }
    }
    free(pts);
}

static sc_status
trends(sc_results *r)
{
    size_t chunks = (r->ngroups + TREND_CHUNK - 1) / TREND_CHUNK;
    tasks T = {r, malloc(nz(chunks) * sizeof *T.st)};
    if (!T.st)
        return SC_ERR_NOMEM;
    sc_parallel_for(r->ds->jobs, chunks, trend_task, &T);
    sc_status st = SC_OK;
    for (size_t c = 0; c < chunks && st == SC_OK; c++)
        st = T.st[c];
    free(T.st);
    return st;
}

/* ----------------------------------------------------- composite scores */

/* Score of (geo, indicator): subgroup All, latest year; NaN if none. */
static double
score_of(const sc_results *r, size_t geo, size_t ii)
{
    long g = r->gi_first[geo * r->ds->ninds + ii];
    if (g < 0)
        return NAN;
    const sc_group *gr = &r->groups[g];
    if (gr->subgroup != 0 || gr->latest < 0)
        return NAN;
    const sc_obs *o = &r->ds->obs[gr->latest];
    if (o->reason != SC_REASON_NONE)
        return NAN;
    return 100.0 - distance_of(&r->ds->inds[ii], o->value);
}

/* Rank composite scores among counties: descending, ties at 1 decimal. */
static sc_status
rank_comp(const sc_results *r, sc_comp *c, size_t stride, size_t offset)
{
    const sc_dataset *ds = r->ds;
    double *keys = malloc((ds->ngeos ? ds->ngeos : 1) * sizeof *keys);
    if (!keys)
        return SC_ERR_NOMEM;
    size_t m = 0;
    for (size_t g = 0; g < ds->ngeos; g++) {
        const sc_comp *x = &c[g * stride + offset];
        if (is_county(ds, (uint32_t)g) && !isnan(x->score))
            keys[m++] = -sc_round_key(x->score, 1);
    }
    qsort(keys, m, sizeof *keys, cmp_double);
    for (size_t g = 0; g < ds->ngeos; g++) {
        sc_comp *x = &c[g * stride + offset];
        if (!is_county(ds, (uint32_t)g) || isnan(x->score))
            continue;
        x->rank = (int)count_below(keys, m, -sc_round_key(x->score, 1)) + 1;
        x->of = (int)m;
        x->quartile = (4 * x->rank + (int)m - 1) / (int)m;
    }
    free(keys);
    return SC_OK;
}

/* §3.6, §3.9.12 */
static sc_status
composites(sc_results *r)
{
    const sc_dataset *ds = r->ds;
    size_t nd = ds->ndomains, ng = ds->ngeos;
    r->domains = calloc(nz(ng * nd), sizeof *r->domains);
    r->overall = calloc(ng ? ng : 1, sizeof *r->overall);
    if (!r->domains || !r->overall)
        return SC_ERR_NOMEM;
    for (size_t g = 0; g < ng; g++) {
        double sum_dom = 0;
        int with_ind = 0, scored_dom = 0;
        for (size_t d = 0; d < nd; d++) {
            sc_comp *c = &r->domains[g * nd + d];
            double num = 0, den = 0;
            c->score = NAN;
            for (size_t i = 0; i < ds->ninds; i++) {
                if (strcmp(ds->inds[i].domain, ds->domains[d]) != 0)
                    continue;
                c->total++;
                double s = score_of(r, g, i);
                if (isnan(s))
                    continue;
                c->scored++;
                num += ds->inds[i].info.weight * s;
                den += ds->inds[i].info.weight;
            }
            if (c->total > 0) {
                with_ind++;
                if (c->scored > 0 && c->scored >= c->total / 2.0) {
                    c->score = num / den;
                    sum_dom += c->score;
                    scored_dom++;
                }
            }
        }
        sc_comp *o = &r->overall[g];
        o->total = with_ind;
        o->scored = scored_dom;
        o->score = (scored_dom > 0 && scored_dom >= with_ind / 2.0)
                       ? sum_dom / scored_dom
                       : NAN;
    }
    for (size_t d = 0; d < nd; d++)
        SC_TRY(rank_comp(r, r->domains, nd, d));
    return rank_comp(r, r->overall, 1, 0);
}

/* §3.7, §3.9.13: best and worst subgroup other than All, latest year. */
static void
equity(sc_results *r)
{
    const sc_dataset *ds = r->ds;
    for (size_t g = 0; g < ds->ngeos; g++) {
        for (size_t i = 0; i < ds->ninds; i++) {
            size_t cell = g * ds->ninds + i;
            sc_equity *e = &r->equity[cell];
            long first = r->gi_first[cell];
            if (first < 0)
                continue;
            int higher = ds->inds[i].info.direction == SC_HIGHER_IS_BETTER;
            int n = 0;
            double bo = 0, wo = 0;
            for (size_t k = (size_t)first; k < (size_t)first + r->gi_count[cell];
                 k++) {
                const sc_group *gr = &r->groups[k];
                if (gr->subgroup == 0 || gr->latest < 0)
                    continue;
                const sc_obs *o = &ds->obs[gr->latest];
                if (o->reason != SC_REASON_NONE)
                    continue;
                double ov = higher ? o->value : -o->value;
                /* groups are in name order: strict comparisons keep the
                 * alphabetically first on ties */
                if (n == 0 || ov > bo) {
                    bo = ov;
                    e->best = gr->subgroup;
                    e->best_value = o->value;
                }
                if (n == 0 || ov < wo) {
                    wo = ov;
                    e->worst = gr->subgroup;
                    e->worst_value = o->value;
                }
                n++;
            }
            if (n >= 2) {
                e->set = 1;
                e->gap = fabs(e->best_value - e->worst_value);
            }
        }
    }
}

/* ------------------------------------------------------------ public API */

SC_API void
sc_results_free(sc_results *r)
{
    if (!r)
        return;
    if (r->bench) {
        for (size_t i = 0; i < r->ds->ninds; i++) {
            free(r->bench[i].value);
            free(r->bench[i].method);
        }
    }
    free(r->bench);
    free(r->groups);
    free(r->ind_group);
    free(r->out_groups);
    free(r->gauss_y);
    free(r->gauss_s);
    free(r->gi_first);
    free(r->gi_count);
    free(r->ranked);
    free(r->domains);
    free(r->overall);
    free(r->equity);
    free(r);
}

SC_API sc_status
sc_compute(const sc_dataset *ds, sc_results **out)
{
    if (!out)
        return SC_ERR_INVALID_ARG;
    *out = NULL;
    if (!ds)
        return SC_ERR_INVALID_ARG;
    sc_stats_init();
    sc_results *r = calloc(1, sizeof *r);
    if (!r)
        return SC_ERR_NOMEM;
    r->ds = ds;
    sc_status st = make_groups(r);
    size_t ni = ds->ninds, ng = ds->ngeos;
    sc_status *ist = NULL;
    if (st != SC_OK)
        goto fail;
    st = SC_ERR_NOMEM;
    r->bench = calloc(nz(ni), sizeof *r->bench);
    r->ranked = calloc(nz(ni), sizeof *r->ranked);
    r->equity = calloc(nz(ng * ni), sizeof *r->equity);
    ist = malloc(nz(ni) * sizeof *ist);
    if (!r->bench || !r->ranked || !r->equity || !ist)
        goto fail;
    r->latest_year = SC_NO_YEAR;
    for (size_t i = 0; i < ni; i++)
        if (ds->inds[i].latest_year > r->latest_year)
            r->latest_year = ds->inds[i].latest_year;
    if ((st = shared_draws(r)) != SC_OK)
        goto fail;
    st = SC_ERR_NOMEM;
    tasks T = {r, ist};
    sc_parallel_for(ds->jobs, ni, indicator_task, &T);
    st = SC_OK;
    for (size_t i = 0; i < ni && st == SC_OK; i++)
        st = ist[i];
    if (st != SC_OK || (st = trends(r)) != SC_OK ||
        (st = composites(r)) != SC_OK)
        goto fail;
    equity(r);
    free(ist);
    *out = r;
    return SC_OK;
fail:
    free(ist);
    sc_results_free(r);
    return st;
}

SC_API sc_status
sc_results_indicator(const sc_results *r, size_t geo, size_t ii,
                     sc_indicator_result *out)
{
    if (!r || !out || geo >= r->ds->ngeos || ii >= r->ds->ninds)
        return SC_ERR_INVALID_ARG;
    const sc_dataset *ds = r->ds;
    memset(out, 0, sizeof *out);
    out->value = out->moe = out->distance = out->score = NAN;
    out->children_gap = out->benchmark = out->slope = out->p = NAN;
    int latest = ds->inds[ii].latest_year;
    out->year = latest == SC_NO_YEAR ? 0 : latest;
    long first = r->gi_first[geo * ds->ninds + ii];
    if (first < 0 || r->groups[first].subgroup != 0)
        return SC_OK;
    const sc_group *g = &r->groups[first];
    if (g->latest >= 0) {
        const sc_obs *o = &ds->obs[g->latest];
        sc_fig f;
        sc_obs_figures(r, (size_t)g->latest, &f);
        out->suppressed = o->reason != SC_REASON_NONE;
        out->reason = (sc_reason)o->reason;
        out->unstable = o->unstable;
        out->value = o->value;
        out->moe = o->moe;
        out->distance = f.distance;
        out->score = f.score;
        out->children_gap = f.children_gap;
        out->benchmark = f.benchmark;
        out->vs_benchmark = sc_vs_str(f.vs);
    }
    out->rank = g->rank;
    out->of = g->of;
    out->quartile = g->quartile;
    out->rank_low = g->rank_low;
    out->rank_high = g->rank_high;
    out->slope = g->trend.slope;
    out->p = g->trend.p;
    out->status = sc_trend_status_str(g->trend.status);
    out->projection = sc_trend_projection_str(g->trend.projection);
    out->projected_year = g->trend.projected_year;
    out->pace = sc_trend_pace_str(g->trend.pace);
    return SC_OK;
}

static void
comp_out(const sc_comp *c, sc_score_result *out)
{
    out->score = c->score;
    out->rank = c->rank;
    out->of = c->of;
    out->quartile = c->quartile;
    out->scored = (size_t)c->scored;
    out->total = (size_t)c->total;
}

SC_API sc_status
sc_results_domain(const sc_results *r, size_t geo, size_t d,
                  sc_score_result *out)
{
    if (!r || !out || geo >= r->ds->ngeos || d >= r->ds->ndomains)
        return SC_ERR_INVALID_ARG;
    comp_out(&r->domains[geo * r->ds->ndomains + d], out);
    return SC_OK;
}

SC_API sc_status
sc_results_overall(const sc_results *r, size_t geo, sc_score_result *out)
{
    if (!r || !out || geo >= r->ds->ngeos)
        return SC_ERR_INVALID_ARG;
    comp_out(&r->overall[geo], out);
    return SC_OK;
}
