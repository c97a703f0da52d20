/* SPDX-License-Identifier: MIT */
/*
 * Trends (SPEC §3.4, §3.9.7-10, §3.9.16): least-squares slope with its
 * standard error, p-value and 95% interval; status; projected year and
 * range; pace toward the goal year; change since the window's first point.
 */
#ifndef SC_TREND_H
#define SC_TREND_H

#include <stddef.h>

#include <scorecard/common.h>

enum sc_fit { SC_FIT_NONE = 0, SC_FIT_OLS, SC_FIT_WLS };

enum sc_status_kind {
    SC_TREND_NONE = 0, /* null: the indicator has no latest year */
    SC_TREND_IMPROVING,
    SC_TREND_WORSENING,
    SC_TREND_NO_CHANGE,
    SC_TREND_INSUFFICIENT
};

enum sc_projection {
    SC_PROJ_NONE = 0, /* null */
    SC_PROJ_TARGET_MET,
    SC_PROJ_PROJECTED,
    SC_PROJ_BEYOND,
    SC_PROJ_NOT_PROJECTED
};

enum sc_pace {
    SC_PACE_NONE = 0, /* null */
    SC_PACE_ON_TRACK,
    SC_PACE_MODERATE,
    SC_PACE_STAGNATING,
    SC_PACE_DECREASING
};

/* A point of a series: unsuppressed, with its moe (NaN when none). */
typedef struct sc_trend_point {
    int year;
    double value;
    double moe;
} sc_trend_point;

typedef struct sc_trend_input {
    const sc_trend_point *pts; /* sorted by year, any years */
    size_t n;
    int latest;                /* the indicator's latest year */
    int trend_years;
    int goal_year;
    double alpha;
    int lower_is_better;
    double distance;           /* d at the latest year; NaN if no value */
} sc_trend_input;

/* Every field of the JSON "trend" object; NaN / -1 / 0 mean null. */
typedef struct sc_trend {
    int has_window;            /* from_year/to_year are set */
    int from_year, to_year;
    int n;
    int method;                /* enum sc_fit */
    double slope, se, t, p, ci_low, ci_high, oriented;
    int df;                    /* -1: null */
    int status;                /* enum sc_status_kind */
    int projection;            /* enum sc_projection */
    int projected_year;        /* 0: null */
    int has_range;             /* projected_range is an array */
    int range_low, range_high; /* 0: null end */
    double required;           /* NaN: null; may be +inf (written null) */
    int pace;                  /* enum sc_pace */
    double change;
    int change_from_year;      /* 0: null */
    double change_z;
    int change_significant;    /* -1 null, 0 false, 1 true */
} sc_trend;

/* Set every field to null. Cannot fail. */
void sc_trend_clear(sc_trend *t);

/* Compute the trend of one (geography, indicator, subgroup).
 * Returns SC_OK, or SC_ERR_INTERNAL when GSL reports an error. */
sc_status sc_trend_compute(const sc_trend_input *in, sc_trend *out);

/* Year the goal is reached at `rate` points a year: latest +
 * ceil(d/rate - 1e-9) when rate > 0 and within latest + 100, else 0. */
int sc_trend_reach_year(double d, double rate, int latest);

const char *sc_trend_status_str(int status);
const char *sc_trend_projection_str(int projection);
const char *sc_trend_pace_str(int pace);
const char *sc_trend_method_str(int method);

#endif /* SC_TREND_H */
