/* SPDX-License-Identifier: MIT */
/*
 * Private structures shared by the pipeline stages (manifest, geographies,
 * load, validate) and the error-propagation macros. Never installed.
 */
#ifndef SC_INTERNAL_H
#define SC_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <scorecard/dataset.h>
#include <scorecard/diag.h>
#include <scorecard/options.h>

#include "csvfile.h"
#include "util.h"

/* SPEC §3.1, §2.3: a moe is a 90% margin of error and se = moe / 1.645
 * exactly (the spec's constant, not the exact normal quantile). */
#define SC_Z90 1.645

/* Documented limits (README "Limits"); past them: a clear error. */
#define SC_MAX_GEOGRAPHIES 1000000u
#define SC_MAX_SUBGROUPS 10000u

/* ----------------------------------------------------------- macros */

/* Pass a non-OK status up. */
#define SC_TRY(expr)                                                         \
    do {                                                                     \
        sc_status sc_try_st_ = (expr);                                       \
        if (sc_try_st_ != SC_OK)                                             \
            return sc_try_st_;                                               \
    } while (0)

/* Jump to label when an allocation returned NULL. */
#define SC_ALLOC_OR_GOTO(ptr, label)                                         \
    do {                                                                     \
        if (!(ptr))                                                          \
            goto label;                                                      \
    } while (0)

/* ------------------------------------------------------ diagnostics */

int sc_diag_wanted(const sc_diagnostics *l, sc_severity sev);
void sc_diag_count_only(sc_diagnostics *l, sc_severity sev);
sc_status sc_diag_addf(sc_diagnostics *l, sc_severity sev, const char *code,
                       const char *file, unsigned long line,
                       unsigned long column, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
sc_status sc_diag_vaddf(sc_diagnostics *l, sc_severity sev, const char *code,
                        const char *file, unsigned long line,
                        unsigned long column, const char *fmt, va_list ap)
    __attribute__((format(printf, 7, 0)));

/* ------------------------------------------------ canonical columns */

typedef enum sc_col {
    SC_COL_GEO_ID,
    SC_COL_YEAR,
    SC_COL_VALUE,
    SC_COL_NUMERATOR,
    SC_COL_DENOMINATOR,
    SC_COL_MOE,
    SC_COL_CI_LOW,
    SC_COL_CI_HIGH,
    SC_COL_SUBGROUP,
    SC_COL_GEO_NAME,
    SC_COL_COUNT
} sc_col;

extern const char *const sc_col_names[SC_COL_COUNT];

/* Suppression markers of a value cell (SPEC §2.3), blank included. */
int sc_is_marker(const char *s, size_t n);

/* -------------------------------------------------------- indicators */

typedef struct sc_indicator {
    sc_indicator_info info;     /* public view; strings point below */
    char *id, *name, *domain, *description, *source, *url, *file;
    char *path;                 /* file joined with the dataset directory */
    /* columns: names[c] lists the file columns whose texts are
     * concatenated into canonical column c; ncols[c] == 0 means the
     * canonical name itself. mapped[c] is set when the manifest mapped it. */
    char **names[SC_COL_COUNT];
    size_t ncols[SC_COL_COUNT];
    int mapped[SC_COL_COUNT];
    double ci_level;            /* default 95 */
    double scale;               /* default 1 */
    int complement;             /* default 0 */
    char **filter_cols;
    char **filter_vals;
    size_t nfilter;
    char **supp_cols;           /* suppress_if: a row whose cells all */
    char **supp_vals;           /* equal these texts is suppressed */
    size_t nsupp;
    int trend_years;            /* 0: the dataset's trend_years */
    char thousands_sep;         /* 0: none */
    /* where the manifest names the file, for file-level errors */
    char *ref_path;
    unsigned long ref_line, ref_col;
    /* filled by the loader */
    long field[SC_COL_COUNT];   /* file column of the first part, or -1 */
    sc_line_index lines;        /* where the file's lines start */
    int loaded;                 /* the header was understood */
    int latest_year;            /* SC_NO_YEAR when none */
} sc_indicator;

#define SC_NO_YEAR (-2147483647 - 1)

/* The sc_reason values, SC_REASON_NONE included (tables indexed by
 * reason have this size; sc_obs.reason has room for 4). */
#define SC_NREASONS 4
_Static_assert(SC_REASON_RULE == SC_NREASONS - 1 && SC_NREASONS <= 4,
               "sc_reason: update SC_NREASONS and sc_obs.reason's width");

/* No geography (a county without a state, a dataset without a nation). */
#define SC_NONE UINT32_MAX

/* ------------------------------------------------------- geographies */

typedef struct sc_geo {
    sc_geography_info info;     /* public view */
    char *id, *name, *parent;
    unsigned long line;         /* line in the geographies file; 0 if not */
    uint64_t offset;            /* where that record starts (for columns) */
    uint32_t state;             /* a county's state (geos index) or SC_NONE */
    uint32_t peer;              /* a county's peer group (§3.10.1) */
    int known;                  /* listed (or a valid inferred id) */
    int in_scope;               /* kept by the manifest's scope */
    int name_year;              /* inferred: year of the name's row */
    size_t name_ind;            /* inferred: indicator of the name's row */
} sc_geo;

/* --------------------------------------------------------- observations */

/* One observation, compact (48 bytes: 20M rows fit in under 1 GB). Missing
 * numbers are NaN. Ids are dataset-wide once loading has finished; while a
 * worker reads a file they are local to its sc_part. */
typedef struct sc_obs {
    double value;       /* after transforms; NaN when suppressed/missing */
    double moe;
    double num;         /* after complement */
    double den;
    uint32_t line;      /* physical line of the record (saturated) */
    uint32_t geo;       /* index into geos */
    uint16_t ind;
    uint16_t subgroup : 14; /* index into subgroups; 0 is "All" */
    uint16_t reason : 2;    /* sc_reason, < SC_NREASONS */
    uint16_t label : 15;    /* 0: plain year; else labels index + 1 */
    uint16_t unstable : 1;
    int16_t year;           /* 1900-2100 once validated */
} sc_obs;

_Static_assert(sizeof(sc_obs) == 48, "sc_obs must stay compact");

/* Limit of distinct year labels ("2019-2021") in a dataset. */
#define SC_MAX_LABELS 32767u

/* One indicator file as read by one worker (load.c), before it is merged
 * into the dataset (dataset.c). Subgroup, label and (when geographies are
 * inferred) geography ids in obs are indices into the part's own tables. */
typedef struct sc_part {
    sc_obs *obs;            /* a window of ds->obs, cap rows long */
    size_t nobs, cap;
    sc_strtab subgroups;    /* index 0 is "All" */
    sc_strtab labels;
    /* inferred geographies: local ids, and the name each file prefers */
    sc_strtab geo_ids;
    char **geo_names;       /* [local geo]: NULL when no name was seen */
    int *geo_name_years;
    size_t geo_cap;
    sc_diagnostics *diags;  /* this file's diagnostics, merged in order */
    sc_status st;           /* SC_OK unless reading could not go on */
} sc_part;

void sc_part_free(sc_part *p);

/* ------------------------------------------------------------ dataset */

struct sc_dataset {
    char *dir;              /* dataset directory ("" for cwd) */
    char *manifest_path;
    char *catalog_dir;      /* resolved catalog directory, or NULL */
    char *boundaries_path;  /* the boundary file for maps */
    int allow_outside;      /* sc_options.allow_outside_paths */
    char *title;
    char *scope;            /* NULL when none */
    int goal_year;          /* 0 until resolved */
    int goal_year_set;
    int trend_years;
    double alpha;
    long rank_draws;
    unsigned long seed;
    char **domains;
    size_t ndomains;
    int domains_given;
    sc_indicator *inds;
    size_t ninds;
    /* geographies */
    char *geo_path;         /* NULL when inferred */
    unsigned long geo_ref_line, geo_ref_col; /* "geographies" in manifest */
    int geo_broken;         /* the geographies file could not be read */
    sc_geo *geos;
    size_t ngeos, geos_cap;
    sc_strtab geo_ids;      /* geo_ids index == geos index */
    /* the hierarchy (SPEC §2.4, §3.10), set by sc_geo_finish */
    uint32_t nation;        /* the nation geography, or SC_NONE */
    uint32_t *states;       /* the state geographies, by geo_id */
    size_t nstates;
    size_t states_with_counties;
    int multi_state;        /* states_with_counties >= 2 */
    /* progress reports (progress.h; dataset.c owns the state) */
    struct sc_progress_state *progress;
    /* Peer groups: a county's geo->peer is 1 + the position of its state
     * in states[] in a multi-state dataset, 0 without a state; in a
     * single-state dataset every county is in group 0. */
    size_t npeers;
    /* observations */
    sc_strtab subgroups;    /* index 0 is "All" */
    sc_strtab labels;
    /* Sorted by indicator (manifest order), geography (geo_id order),
     * subgroup (sg_rank: All first, then by name), year, file order. */
    sc_obs *obs;            /* mapped: obs_bytes of address space */
    size_t nobs, obs_bytes;
    size_t *ind_start;      /* rows of indicator i: [ind_start[i], [i+1]) */
    uint32_t *sg_rank;      /* subgroup id -> position in that order */
    unsigned jobs;          /* worker threads (sc_options.jobs resolved) */
};

/* Stage entry points, in pipeline order. Each reports problems to diags
 * and returns SC_OK unless it could not go on (I/O, memory). */
sc_status sc_manifest_load(sc_dataset *ds, const char *path,
                           const sc_options *opt, sc_diagnostics *diags);
sc_status sc_geo_load(sc_dataset *ds, sc_diagnostics *diags);
/* Read indicator ind's file into part (thread-safe: it writes only the
 * part and ds->inds[ind]; everything else in ds is only read). */
sc_status sc_load_observations(sc_dataset *ds, size_t ind, sc_part *part);
/* Fill in inferred fields, drop geographies outside the scope and sort
 * them by geo_id; remap[old index] is the new index (or UINT32_MAX). */
sc_status sc_geo_finish(sc_dataset *ds, uint32_t **remap);
sc_status sc_validate_dataset(sc_dataset *ds, sc_diagnostics *diags);

/* Geography lookup or creation (inferred geographies). */
sc_status sc_geo_intern(sc_dataset *ds, const char *id, size_t n,
                        size_t *index);

/* Move src's diagnostics to the end of dst (up to dst's cap per severity)
 * and add its totals; src is left empty. */
sc_status sc_diag_merge(sc_diagnostics *dst, sc_diagnostics *src);
size_t sc_diag_max(const sc_diagnostics *l);



/* The raw numbers of one row, for the row-level checks (validate.c). */
typedef struct sc_row {
    const sc_indicator *ind;
    double value;           /* the value cell after scale, before complement */
    double value_final;     /* after all transforms */
    double num, den;        /* raw counts (before complement) */
    double moe;             /* after scale */
    double ci_lo, ci_hi;    /* after scale, before complement */
    long year;
    const char *text[SC_COL_COUNT]; /* cell texts (trimmed), "" if none */
} sc_row;

/* Report an error or warning at canonical column `col` of the current row. */
typedef void (*sc_row_report_fn)(void *ctx, sc_severity sev, const char *code,
                                 sc_col col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Row-level rules of SPEC §4 (ranges, counts, consistency, year). */
void sc_validate_row(const sc_row *row, sc_row_report_fn report, void *ctx);

void sc_indicator_clear(sc_indicator *ind);

/* GSL wrappers (stats.c). */
void sc_stats_init(void);
double sc_stats_z(double level_percent);
double sc_stats_median(double *v, size_t n);   /* sorts v */
double sc_stats_mad(const double *v, size_t n); /* scaled, as gsl_stats_mad */
/* Both at once, with the same values as the two above (work: n doubles). */
void sc_stats_median_mad(const double *v, size_t n, double *work,
                         double *median, double *mad);
int sc_stats_fit_linear(const double *x, const double *y, size_t n,
                        double *c0, double *c1, double *cov00, double *cov01,
                        double *cov11, double *sumsq);
int sc_stats_fit_wlinear(const double *x, const double *w, const double *y,
                         size_t n, double *c0, double *c1, double *cov00,
                         double *cov01, double *cov11, double *chisq);
double sc_stats_t_upper(double t, double df);          /* Q_t(t; df) */
double sc_stats_t_quantile_upper(double q, double df); /* Q_t^-1(q; df) */
double sc_stats_z_upper(double q);                     /* Q^-1(q), normal */
typedef struct sc_rng sc_rng;
sc_rng *sc_stats_rng_new(unsigned long seed);  /* mt19937; NULL on OOM */
double sc_stats_gaussian(sc_rng *rng, double sigma);
/* The same draw in two parts: gaussian(sigma) == (sigma * y) * s. */
void sc_stats_gaussian_pair(sc_rng *rng, double *y, double *s);
void sc_stats_rng_free(sc_rng *rng);

#endif /* SC_INTERNAL_H */
