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
#include "progress.h"

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
           : reason == SC_REASON_RULE            ? "suppress_if"
                                                 : NULL;
}

/* Benchmark of (indicator, set, subgroup, year), NaN when none. */
double
sc_bench_get(const sc_results *r, size_t ind, size_t set, uint32_t sg,
             int year, int *method)
{
    const sc_bench_tab *b = &r->bench[ind];
    *method = SC_BENCH_NONE;
    if (year < b->year0 || year >= b->year0 + b->nyears)
        return NAN;
    size_t cell = (set * b->nsg + sg) * (size_t)b->nyears +
                  (size_t)(year - b->year0);
    *method = b->method[cell];
    return b->value[cell];
}

/* §3.10.3: a county of a multi-state dataset is held against its state's
 * benchmark (the national one without a state), states and the nation
 * against the national one; a single-state dataset has one series. */
size_t
sc_bench_set(const sc_results *r, uint32_t geo)
{
    const sc_dataset *ds = r->ds;
    if (!ds->multi_state)
        return SC_BSET_MAIN;
    const sc_geo *g = &ds->geos[geo];
    if (g->info.level == SC_LEVEL_COUNTY && g->peer > 0)
        return SC_BSET_STATE0 + g->peer - 1;
    return SC_BSET_NATIONAL;
}

/* better, worse or same, at `decimals` and oriented (§3.5). */
static int
compare_to(const sc_indicator *ind, double v, double bench)
{
    if (isnan(bench))
        return SC_VS_NONE;
    int k = ind->info.decimals;
    double kv = sc_round_key(v, k), kb = sc_round_key(bench, k);
    if (kv == kb)
        return SC_VS_SAME;
    if ((ind->info.direction == SC_HIGHER_IS_BETTER) == (kv > kb))
        return SC_VS_BETTER;
    return SC_VS_WORSE;
}

void
sc_obs_figures(const sc_results *r, size_t i, sc_fig *f)
{
    const sc_dataset *ds = r->ds;
    const sc_obs *o = &ds->obs[i];
    const sc_indicator *ind = &ds->inds[o->ind];
    int m;
    f->benchmark = sc_bench_get(r, o->ind, sc_bench_set(r, o->geo),
                                o->subgroup, o->year, &f->bench_method);
    f->national = r->has_national
                      ? sc_bench_get(r, o->ind, SC_BSET_NATIONAL, o->subgroup,
                                     o->year, &m)
                      : NAN;
    f->vs = f->vs_national = SC_VS_NONE;
    if (o->reason != SC_REASON_NONE) {
        f->distance = f->score = f->children_gap = NAN;
        return;
    }
    f->distance = distance_of(ind, o->value);
    f->score = 100.0 - f->distance;
    /* §3.9.2: floor(d / 100.0 * denominator + 0.5), in that order */
    f->children_gap = isnan(o->den) ? NAN
                                    : floor(f->distance / 100.0 * o->den + 0.5);
    if (is_county(ds, o->geo)) {
        f->vs = compare_to(ind, o->value, f->benchmark);
        f->vs_national = compare_to(ind, o->value, f->national);
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

/* §3.5, §3.9.11, §3.10.3-4, per (set, subgroup, year) cell: a reported
 * value (the set's own geography's), else pooled counts over its
 * unsuppressed counties when all have both, else their median. The main
 * set of a single-state dataset takes the first state (by geo_id) with an
 * unsuppressed value as its reported one, as before §3.10; in a
 * multi-state dataset it is the national set. Every county counts in the
 * main and national sets and in its state's. */
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
    b->nsg = ds->subgroups.count;
    size_t nsets = SC_BSET_STATE0 + ds->nstates;
    size_t per = b->nsg * (size_t)b->nyears, cells;
    if (sc_size_mul(nsets, per, &cells))
        return SC_ERR_NOMEM;
    b->value = malloc(nz(cells) * sizeof *b->value);
    b->method = calloc(nz(cells), 1);
    double *sn = calloc(nz(cells), sizeof *sn);
    double *sd = calloc(nz(cells), sizeof *sd);
    unsigned char *partial = calloc(nz(cells), 1); /* a county lacks counts */
    size_t *nv = calloc(nz(cells), sizeof *nv);    /* county values */
    size_t *at = calloc(nz(cells), sizeof *at);    /* median: next slot */
    /* geography -> its state's set (counties) or its own (states), or 0 */
    size_t *own = malloc(nz(ds->ngeos) * sizeof *own);
    double *vals = NULL;
    sc_status st = SC_ERR_NOMEM;
    if (!b->value || !b->method || !sn || !sd || !partial || !nv || !at ||
        !own)
        goto done;
    for (size_t c = 0; c < cells; c++)
        b->value[c] = NAN;
    for (size_t g = 0; g < ds->ngeos; g++)
        own[g] = 0;
    for (size_t s = 0; s < ds->nstates; s++)
        own[ds->states[s]] = SC_BSET_STATE0 + s;
    for (size_t g = 0; g < ds->ngeos; g++)
        if (ds->geos[g].state != SC_NONE)
            own[g] = own[ds->geos[g].state];
#define CELL(set, o)                                                         \
    ((set) * per + (size_t)(o)->subgroup * (size_t)b->nyears +               \
     (size_t)((o)->year - lo))
#define REPORT(cell, o)                                                      \
    do {                                                                     \
        if (!b->method[cell]) {                                              \
            b->value[cell] = (o)->value;                                     \
            b->method[cell] = SC_BENCH_REPORTED;                             \
        }                                                                    \
    } while (0)

    /* reported: the set's own geography's unsuppressed value */
    for (size_t k = from; k < to; k++) {
        const sc_obs *o = &ds->obs[k];
        sc_level lv = ds->geos[o->geo].info.level;
        if (lv == SC_LEVEL_COUNTY || o->reason != SC_REASON_NONE)
            continue;
        if (lv == SC_LEVEL_NATION) {
            REPORT(CELL(SC_BSET_NATIONAL, o), o);
            if (ds->multi_state)
                REPORT(CELL(SC_BSET_MAIN, o), o);
            continue;
        }
        REPORT(CELL(own[o->geo], o), o);
        if (!ds->multi_state)
            REPORT(CELL(SC_BSET_MAIN, o), o);
    }
    /* counties: sums for pooled, and how many values each cell has */
    for (size_t k = from; k < to; k++) {
        const sc_obs *o = &ds->obs[k];
        if (o->reason != SC_REASON_NONE || !is_county(ds, o->geo))
            continue;
        size_t set[3] = {SC_BSET_MAIN, SC_BSET_NATIONAL, own[o->geo]};
        for (int j = 0; j < 3; j++) {
            if (j == 2 && set[2] == 0)
                break;
            size_t cell = CELL(set[j], o);
            if (isnan(o->num) || isnan(o->den))
                partial[cell] = 1;
            else {
                sn[cell] += o->num;
                sd[cell] += o->den;
            }
            nv[cell]++;
        }
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
            size_t set[3] = {SC_BSET_MAIN, SC_BSET_NATIONAL, own[o->geo]};
            for (int j = 0; j < 3; j++) {
                if (j == 2 && set[2] == 0)
                    break;
                size_t cell = CELL(set[j], o);
                if (b->method[cell] == SC_BENCH_MEDIAN)
                    vals[at[cell]++] = o->value;
            }
        }
        for (size_t c = 0; c < cells; c++)
            if (b->method[c] == SC_BENCH_MEDIAN)
                b->value[c] = sc_stats_median(vals + at[c] - nv[c], nv[c]);
    }
    /* §3.10.4: no national series in a single-state dataset without a
     * nation geography; with one, only the nation's own values: pooling
     * or taking the median of one state's counties would pass the state
     * off as the nation (README: several states) */
    if (!ds->multi_state)
        for (size_t c = per; c < 2 * per; c++) {
            if (r->has_national && b->method[c] == SC_BENCH_REPORTED)
                continue;
            b->value[c] = NAN;
            b->method[c] = SC_BENCH_NONE;
        }
#undef CELL
#undef REPORT
    st = SC_OK;
done:
    free(sn);
    free(sd);
    free(partial);
    free(nv);
    free(at);
    free(own);
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

/* Scratch of one indicator's ranking, sized for m geographies. */
typedef struct rank_work {
    size_t *gid;            /* group index of each ranked geography */
    double *key, *scratch, *v, *se;
    int *rank;
    size_t *counts, ncounts;
    int *ranks;             /* draws: [j * draws + d] */
} rank_work;

static void
rank_work_free(rank_work *w)
{
    free(w->gid);
    free(w->key);
    free(w->scratch);
    free(w->v);
    free(w->se);
    free(w->rank);
    free(w->counts);
    free(w->ranks);
}

static sc_status
rank_work_init(rank_work *w, size_t m)
{
    memset(w, 0, sizeof *w);
    /* counting ranks cover distance keys spanning up to 100 points at 2
     * decimals, or 4 per county: both cheaper than sorting */
    w->ncounts = 4 * m + 1 > 16384 ? 4 * m + 1 : 16384;
    w->gid = malloc(nz(m) * sizeof *w->gid);
    w->key = malloc(nz(m) * sizeof *w->key);
    w->scratch = malloc(nz(m) * sizeof *w->scratch);
    w->v = malloc(nz(m) * sizeof *w->v);
    w->se = malloc(nz(m) * sizeof *w->se);
    w->rank = malloc(nz(m) * sizeof *w->rank);
    w->counts = malloc((w->ncounts + 1) * sizeof *w->counts);
    if (!w->gid || !w->key || !w->scratch || !w->v || !w->se || !w->rank ||
        !w->counts)
        return SC_ERR_NOMEM;
    return SC_OK;
}

/* Rank the n geographies at w->gid[0..n) ... (a slice of the work
 * arrays, starting at off) by their distance keys; national writes
 * nrank/nof/nquartile, else rank/of/quartile. */
static void
rank_slice(sc_results *r, const sc_indicator *ind, rank_work *w, size_t off,
           size_t n, int national)
{
    if (n == 0)
        return;
    int k = ind->info.decimals;
    for (size_t j = 0; j < n; j++)
        w->key[off + j] = sc_round_key(distance_of(ind, w->v[off + j]), k);
    competition_ranks(w->key + off, n, w->rank, w->scratch, w->counts,
                      w->ncounts);
    for (size_t j = 0; j < n; j++) {
        sc_group *gr = &r->groups[w->gid[off + j]];
        int q = (4 * w->rank[j] + (int)n - 1) / (int)n;
        if (national) {
            gr->nrank = w->rank[j];
            gr->nof = (int)n;
            gr->nquartile = q;
        } else {
            gr->rank = w->rank[j];
            gr->of = (int)n;
            gr->quartile = q;
        }
    }
}

/* §3.8 rank ranges of one peer group, w's slice [off, off + n): the
 * stream restarts from the seed for every group and is consumed in
 * geo_id order (§3.10.1), so a group draws as if it were the dataset. */
static sc_status
rank_ranges(sc_results *r, const sc_indicator *ind, rank_work *w, size_t off,
            size_t n)
{
    const sc_dataset *ds = r->ds;
    long draws = ds->rank_draws;
    int k = ind->info.decimals, any_moe = 0;
    for (size_t j = 0; j < n; j++)
        any_moe |= w->se[off + j] > 0;
    if (draws <= 0 || !any_moe)
        return SC_OK;
    size_t cells;
    if (sc_size_mul(n, (size_t)draws, &cells))
        return SC_ERR_NOMEM;
    int shared = r->ngauss >= cells;
    sc_rng *rng = shared ? NULL : sc_stats_rng_new(ds->seed);
    if (!shared && !rng)
        return SC_ERR_NOMEM;
    const double *v = w->v + off, *se = w->se + off;
    double *key = w->key + off;
    for (long d = 0; d < draws; d++) {
        const double *gy = shared ? r->gauss_y + (size_t)d * n : NULL;
        const double *gs = shared ? r->gauss_s + (size_t)d * n : NULL;
        for (size_t j = 0; j < n; j++) {
            double sim = v[j] + (shared ? se[j] * gy[j] * gs[j]
                                        : sc_stats_gaussian(rng, se[j]));
            key[j] = sc_round_key(distance_of(ind, sim), k);
        }
        competition_ranks(key, n, w->rank, w->scratch, w->counts,
                          w->ncounts);
        for (size_t j = 0; j < n; j++)
            w->ranks[j * (size_t)draws + (size_t)d] = w->rank[j];
    }
    sc_stats_rng_free(rng);
    /* percentiles like numpy's "lower" (5th) and "higher" (95th) */
    size_t lo = (size_t)floor(0.05 * (double)(draws - 1));
    size_t hi = (size_t)ceil(0.95 * (double)(draws - 1));
    for (size_t j = 0; j < n; j++) {
        sc_group *gr = &r->groups[w->gid[off + j]];
        percentiles(w->ranks + j * (size_t)draws, (size_t)draws, lo, hi,
                    w->counts, &gr->rank_low, &gr->rank_high);
    }
    return SC_OK;
}

/* A geography's latest All value is rankable. */
static int
rankable(const sc_results *r, const sc_group *gr)
{
    return gr->subgroup == 0 && gr->latest >= 0 &&
           r->ds->obs[gr->latest].reason == SC_REASON_NONE;
}

/* Gather the rankable groups of indicator ii at one level into w, in
 * geo_id order; returns how many. */
static size_t
gather(sc_results *r, size_t ii, sc_level level, rank_work *w)
{
    const sc_dataset *ds = r->ds;
    size_t j = 0;
    for (size_t g = r->ind_group[ii]; g < r->ind_group[ii + 1]; g++) {
        const sc_group *gr = &r->groups[g];
        if (!rankable(r, gr) || ds->geos[gr->geo].info.level != level)
            continue;
        const sc_obs *o = &ds->obs[gr->latest];
        w->gid[j] = g;
        w->v[j] = o->value;
        w->se[j] = o->moe > 0 ? o->moe / Z90 : 0;
        j++;
    }
    return j;
}

/* §3.3 ranks (competition ranking of distance keys at `decimals`) within
 * each peer group (§3.10.1) with §3.8 rank ranges, national ranks
 * (§3.10.2), and in a multi-state dataset the states ranked among
 * states (§3.10.5). Writes only the groups of indicator ii, so
 * indicators run in parallel. */
static sc_status
rank_indicator(sc_results *r, size_t ii)
{
    const sc_dataset *ds = r->ds;
    const sc_indicator *ind = &ds->inds[ii];
    size_t m = 0, ms = 0, np = ds->npeers;
    for (size_t g = r->ind_group[ii]; g < r->ind_group[ii + 1]; g++) {
        const sc_group *gr = &r->groups[g];
        if (rankable(r, gr)) {
            m += is_county(ds, gr->geo);
            ms += ds->geos[gr->geo].info.level == SC_LEVEL_STATE;
        }
    }
    r->ranked[ii] = (int)m;
    size_t cap = m > ms ? m : ms;
    if (cap == 0)
        return SC_OK;
    rank_work w;
    size_t *start = calloc(np + 1, sizeof *start);
    size_t *tmp_gid = malloc(nz(m) * sizeof *tmp_gid);
    double *tmp_v = malloc(nz(m) * sizeof *tmp_v);
    double *tmp_se = malloc(nz(m) * sizeof *tmp_se);
    sc_status st = rank_work_init(&w, cap);
    if (st == SC_OK && (!start || !tmp_gid || !tmp_v || !tmp_se))
        st = SC_ERR_NOMEM;
    if (st != SC_OK || m == 0)
        goto states;
    gather(r, ii, SC_LEVEL_COUNTY, &w);
    rank_slice(r, ind, &w, 0, m, 1); /* national */
    /* order by peer group, geo_id order within (a stable counting sort) */
    for (size_t j = 0; j < m; j++)
        start[ds->geos[r->groups[w.gid[j]].geo].peer + 1]++;
    for (size_t p = 0; p < np; p++)
        start[p + 1] += start[p];
    for (size_t j = 0; j < m; j++) {
        size_t at = start[ds->geos[r->groups[w.gid[j]].geo].peer]++;
        tmp_gid[at] = w.gid[j];
        tmp_v[at] = w.v[j];
        tmp_se[at] = w.se[j];
    }
    memcpy(w.gid, tmp_gid, m * sizeof *w.gid);
    memcpy(w.v, tmp_v, m * sizeof *w.v);
    memcpy(w.se, tmp_se, m * sizeof *w.se);
    /* start[p] now ends group p */
    size_t biggest = 0;
    for (size_t p = 0, off = 0; p < np; off = start[p++])
        if (start[p] - off > biggest)
            biggest = start[p] - off;
    if (ds->rank_draws > 0) {
        size_t cells;
        if (sc_size_mul(biggest, (size_t)ds->rank_draws, &cells) ||
            !(w.ranks = malloc(nz(cells) * sizeof *w.ranks))) {
            st = SC_ERR_NOMEM;
            goto done;
        }
    }
    for (size_t p = 0, off = 0; p < np && st == SC_OK; off = start[p++]) {
        rank_slice(r, ind, &w, off, start[p] - off, 0);
        st = rank_ranges(r, ind, &w, off, start[p] - off);
    }
states:
    if (st == SC_OK && ds->multi_state && ms > 0) {
        gather(r, ii, SC_LEVEL_STATE, &w);
        rank_slice(r, ind, &w, 0, ms, 0);
        rank_slice(r, ind, &w, 0, ms, 1);
    }
done:
    rank_work_free(&w);
    free(start);
    free(tmp_gid);
    free(tmp_v);
    free(tmp_se);
    return st;
}

/* Draws kept for all indicators: at most this many (16 bytes each). */
#define SC_SHARED_DRAWS (8u * 1024u * 1024u)

/* The seeded stream of normal draws, generated once for every indicator
 * and peer group (the biggest group's counties x rank_draws of them,
 * enough for any group, as every group restarts the stream). */
static sc_status
shared_draws(sc_results *r)
{
    const sc_dataset *ds = r->ds;
    size_t biggest = 0, n;
    size_t *size = calloc(ds->npeers, sizeof *size);
    if (!size)
        return SC_ERR_NOMEM;
    for (size_t g = 0; g < ds->ngeos; g++)
        if (is_county(ds, (uint32_t)g) &&
            ++size[ds->geos[g].peer] > biggest)
            biggest = size[ds->geos[g].peer];
    free(size);
    if (ds->rank_draws <= 0 ||
        sc_size_mul(biggest, (size_t)ds->rank_draws, &n) || n == 0 ||
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
    sc_progress_add(T->r->ds, 1);
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
        sc_trend_input in = {pts, n, ind->latest_year,
                             ind->info.trend_years > 0
                                 ? ind->info.trend_years
                                 : ds->trend_years,
                             ds->goal_year, ds->alpha,
                             ind->info.direction == SC_LOWER_IS_BETTER, d};
        sc_status st = sc_trend_compute(&in, &gr->trend);
        if (st != SC_OK) {
            T->st[c] = st;
            break;
        }
    }
    free(pts);
    sc_progress_add(ds, 1);
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

/* A composite's ranking class: counties by peer group (national: all in
 * one), states of a multi-state dataset among states; -1: not ranked. */
static long
comp_class(const sc_dataset *ds, size_t g, int national)
{
    sc_level lv = ds->geos[g].info.level;
    if (lv == SC_LEVEL_COUNTY)
        return national ? 0 : (long)ds->geos[g].peer;
    if (lv == SC_LEVEL_STATE && ds->multi_state)
        return national ? 1 : (long)ds->npeers;
    return -1;
}

typedef struct ckey {
    long cls;
    double key;
} ckey;

static int
cmp_ckey(const void *a, const void *b)
{
    const ckey *x = a, *y = b;
    if (x->cls != y->cls)
        return (x->cls > y->cls) - (x->cls < y->cls);
    return (x->key > y->key) - (x->key < y->key);
}

/* Rank composite scores within their classes: descending, ties at 1
 * decimal (§3.9.12); national writes nrank/nof/nquartile. */
static sc_status
rank_comp(const sc_results *r, sc_comp *c, size_t stride, size_t offset,
          int national)
{
    const sc_dataset *ds = r->ds;
    ckey *keys = malloc(nz(ds->ngeos) * sizeof *keys);
    if (!keys)
        return SC_ERR_NOMEM;
    size_t m = 0;
    for (size_t g = 0; g < ds->ngeos; g++) {
        const sc_comp *x = &c[g * stride + offset];
        long cls = comp_class(ds, g, national);
        if (cls >= 0 && !isnan(x->score))
            keys[m++] = (ckey){cls, -sc_round_key(x->score, 1)};
    }
    qsort(keys, m, sizeof *keys, cmp_ckey);
    for (size_t g = 0; g < ds->ngeos; g++) {
        sc_comp *x = &c[g * stride + offset];
        long cls = comp_class(ds, g, national);
        if (cls < 0 || isnan(x->score))
            continue;
        ckey me = {cls, -sc_round_key(x->score, 1)};
        /* the class's first entry, its end, and the entries below me */
        size_t lo = 0, hi = m;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (keys[mid].cls < cls)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t first = lo, below = lo;
        hi = m;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (keys[mid].cls <= cls)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t end = lo;
        lo = first;
        hi = end;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (cmp_ckey(&keys[mid], &me) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        below = lo - first;
        int of = (int)(end - first), rank = (int)below + 1;
        int q = (4 * rank + of - 1) / of;
        if (national) {
            x->nrank = rank;
            x->nof = of;
            x->nquartile = q;
        } else {
            x->rank = rank;
            x->of = of;
            x->quartile = q;
        }
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
    for (int national = 0; national <= 1; national++) {
        for (size_t d = 0; d < nd; d++)
            SC_TRY(rank_comp(r, r->domains, nd, d, national));
        SC_TRY(rank_comp(r, r->overall, 1, 0, national));
    }
    return SC_OK;
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
    r->has_national = ds->multi_state || ds->nation != SC_NONE;
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
    /* steps: each indicator, each block of trends, the composites */
    sc_progress_begin(ds, SC_STAGE_COMPUTE,
                      ni + (r->ngroups + TREND_CHUNK - 1) / TREND_CHUNK + 1);
    sc_parallel_for(ds->jobs, ni, indicator_task, &T);
    st = SC_OK;
    for (size_t i = 0; i < ni && st == SC_OK; i++)
        st = ist[i];
    if (st != SC_OK || (st = trends(r)) != SC_OK ||
        (st = composites(r)) != SC_OK)
        goto fail;
    equity(r);
    sc_progress_add(ds, 1);
    sc_progress_end(ds);
    free(ist);
    *out = r;
    return SC_OK;
fail:
    free(ist);
    sc_results_free(r);
    return st;
}
