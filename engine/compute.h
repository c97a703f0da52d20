/* SPDX-License-Identifier: MIT */
/*
 * The computed scorecard shared by compute.c and the emitters: groups of
 * observations (one per geography, indicator and subgroup, in output
 * order), benchmarks, ranks, trends, composite scores and equity gaps.
 */
#ifndef SC_COMPUTE_H
#define SC_COMPUTE_H

#include <stdint.h>

#include <scorecard/results.h>

#include "internal.h"
#include "trend.h"

enum sc_vs { SC_VS_NONE = 0, SC_VS_BETTER, SC_VS_WORSE, SC_VS_SAME };
enum sc_bench_method {
    SC_BENCH_NONE = 0,
    SC_BENCH_REPORTED,
    SC_BENCH_POOLED,
    SC_BENCH_MEDIAN
};

/* One (geography, indicator, subgroup) series. */
typedef struct sc_group {
    uint32_t geo;
    uint16_t ind;
    uint32_t subgroup;
    size_t first, count;   /* its observations: ds->obs[first..+count) */
    long latest;           /* ds->obs index of the latest-year row, or -1 */
    int rank, of, quartile;    /* among peers (§3.10.1); 0: not ranked */
    int rank_low, rank_high;   /* 0: no range */
    int nrank, nof, nquartile; /* national (§3.10.2, §3.10.5) */
    sc_trend trend;
} sc_group;

/* The benchmark series of one indicator (§3.5, §3.10.3-4), by set: */
enum {
    SC_BSET_MAIN = 0,      /* indicators[].benchmark: the state's (§3.5) in
                              a single-state dataset, else the national */
    SC_BSET_NATIONAL = 1,  /* §3.10.4 (all NaN when there is none) */
    SC_BSET_STATE0 = 2     /* + position in ds->states: §3.10.3 */
};

/* Benchmarks of one indicator, by (set, subgroup, year). */
typedef struct sc_bench_tab {
    int year0;             /* first year held */
    int nyears;
    size_t nsg;            /* subgroups */
    double *value;         /* [(set * nsg + subgroup) * nyears +
                              (year - year0)]; NaN */
    uint8_t *method;       /* enum sc_bench_method */
} sc_bench_tab;

/* Composite score of one geography in one domain (or overall). */
typedef struct sc_comp {
    double score;          /* NaN: null */
    int rank, of, quartile;      /* among peers (or states) */
    int nrank, nof, nquartile;   /* national */
    int scored, total;
} sc_comp;

typedef struct sc_equity {
    int set;
    uint32_t best, worst;  /* subgroup ids */
    double best_value, worst_value, gap;
} sc_equity;

struct sc_results {
    const sc_dataset *ds;
    sc_group *groups;      /* in ds->obs order: indicator, geo, subgroup */
    size_t ngroups;
    size_t *ind_group;     /* groups of indicator i: [ind_group[i], [i+1]) */
    size_t *out_groups;    /* group indices in output order: geography,
                              indicator, subgroup */
    long *gi_first;        /* [geo * ninds + i]: first group, or -1 */
    uint32_t *gi_count;    /* [geo * ninds + i]: its number of groups */
    sc_bench_tab *bench;   /* per indicator */
    int *ranked;           /* counties ranked, per indicator */
    int has_national;      /* a national benchmark exists (§3.10.4) */
    sc_comp *domains;      /* [geo * ndomains + d] */
    sc_comp *overall;      /* [geo] */
    sc_equity *equity;     /* [geo * ninds + i] */
    int latest_year;       /* max over indicators; SC_NO_YEAR if none */
    /* §3.8's normal draws, shared: every indicator restarts the same
     * seeded stream, so its k-th draw is (se * gauss_y[k]) * gauss_s[k];
     * NULL when too many to keep (then each indicator draws its own) */
    double *gauss_y, *gauss_s;
    size_t ngauss;
};

/* Figures of one observation (any year). */
typedef struct sc_fig {
    double distance, score, children_gap; /* NaN when suppressed */
    double benchmark;                     /* NaN when none */
    int bench_method;
    int vs;                               /* enum sc_vs */
    double national;                      /* §3.10.4; NaN when none */
    int vs_national;                      /* enum sc_vs */
} sc_fig;

#define SC_FIG_NONE {NAN, NAN, NAN, NAN, 0, 0, NAN, 0}

void sc_obs_figures(const sc_results *r, size_t obs, sc_fig *f);

/* Benchmark set of geography geo (its state's, national or main). */
size_t sc_bench_set(const sc_results *r, uint32_t geo);
/* Benchmark of (indicator, set, subgroup, year); NaN when none. */
double sc_bench_get(const sc_results *r, size_t ind, size_t set, uint32_t sg,
                    int year, int *method);
double sc_round_key(double x, int k);

const char *sc_vs_str(int vs);
const char *sc_bench_method_str(int m);
const char *sc_reason_str(int reason);

#endif /* SC_COMPUTE_H */
