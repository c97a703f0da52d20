/* SPDX-License-Identifier: MIT */
/**
 * @file scorecard/dataset.h
 * @brief Load and validate a dataset (SPEC §2, §4) and read it back.
 *
 * A dataset is a directory with a manifest `scorecard.json`, the
 * indicator definitions it uses, a geographies file (or geographies
 * inferred from the observations) and one observation CSV per indicator.
 * sc_dataset_load() reads all of it, validates it, and reports every
 * problem to a diagnostics list.
 */
#ifndef SC_DATASET_H
#define SC_DATASET_H

#include <stddef.h>

#include <scorecard/common.h>
#include <scorecard/diag.h>
#include <scorecard/options.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque loaded, validated dataset. */
typedef struct sc_dataset sc_dataset;

/** Which way is better for an indicator. */
typedef enum sc_direction {
    SC_HIGHER_IS_BETTER = 0, /**< the goal is 100% (or `target`) */
    SC_LOWER_IS_BETTER = 1   /**< the goal is 0% (or `target`) */
} sc_direction;

/** Level of a geography. */
typedef enum sc_level {
    SC_LEVEL_COUNTY = 0, /**< a county; ranked within its state */
    SC_LEVEL_STATE = 1,  /**< a state; its values are its counties'
                              benchmark, and it is ranked among states */
    SC_LEVEL_NATION = 2  /**< the nation; its values are the national
                              benchmark */
} sc_level;

/** @brief "county", "state" or "nation" (NULL for another value). */
SC_API const char *sc_level_str(sc_level level);

/** Why an observation is suppressed (SPEC §3.1). */
typedef enum sc_reason {
    SC_REASON_NONE = 0,              /**< not suppressed */
    SC_REASON_SOURCE_SUPPRESSED = 1, /**< marker or blank value cell */
    SC_REASON_LOW_DENOMINATOR = 2,   /**< denominator < min_denominator */
    SC_REASON_RULE = 3               /**< the manifest entry's suppress_if */
} sc_reason;

/** An indicator definition after catalog and manifest were merged. */
typedef struct sc_indicator_info {
    const char *id;          /**< slug `[a-z0-9_]+` */
    const char *name;        /**< display name */
    const char *domain;      /**< e.g. "Education" */
    sc_direction direction;  /**< default SC_HIGHER_IS_BETTER */
    double target;           /**< 0-100; default 100 (higher) or 0 */
    const char *unit;        /**< always "percent" */
    int decimals;            /**< 0-4, default 1 */
    double min_denominator;  /**< default 20 */
    double weight;           /**< > 0, default 1 */
    double max_rse;          /**< > 0, default 0.3 */
    const char *description; /**< may be "" */
    const char *source;      /**< may be "" */
    const char *url;         /**< may be "" */
    const char *file;        /**< observation CSV, as the user names it */
    int trend_years;         /**< the trend window: the manifest entry's
                                  `trend_years`, else the dataset's */
} sc_indicator_info;

/** A geography (county, state or nation). */
typedef struct sc_geography_info {
    const char *geo_id;  /**< e.g. "06037" */
    const char *name;    /**< e.g. "Los Angeles" */
    sc_level level;      /**< county, state or nation */
    const char *parent;  /**< e.g. "06000"; "" when none */
    double population;   /**< NaN when unknown */
    /** A county's state (SPEC §2.4): its parent, else the state `SS000`
     *  of its FIPS code when that geography exists; NULL for states, the
     *  nation and counties without a state. */
    const char *state;
} sc_geography_info;

/** One observation, as read back from a dataset. Missing numbers are NaN. */
typedef struct sc_observation {
    size_t geography;        /**< index for sc_dataset_geography() */
    size_t indicator;        /**< index for sc_dataset_indicator() */
    const char *subgroup;    /**< "All" when the file left it blank */
    int year;                /**< the end year of a range */
    const char *year_label;  /**< "2019-2021" for a range, else NULL */
    double value;            /**< after transforms, 0-100; NaN when suppressed */
    double moe;              /**< 90% margin of error, points; NaN if none */
    double numerator;        /**< after `complement`; NaN if none */
    double denominator;      /**< NaN if none */
    sc_reason reason;        /**< SC_REASON_NONE unless suppressed */
    int unstable;            /**< relative standard error > max_rse */
} sc_observation;

/**
 * @brief Load and validate a dataset.
 *
 * Reads the manifest, the indicator definitions, the geographies and every
 * observation file, and checks everything SPEC §4 lists. Every problem is
 * appended to @p diags (errors and warnings), with file, line and column.
 *
 * @param path the dataset directory, or the path of its manifest file.
 * @param opt settings, or NULL for the defaults of sc_options_init().
 * @param diags where problems go; must not be NULL.
 * @param out receives the dataset when the result is SC_OK, else NULL.
 *        Free it with sc_dataset_free().
 * @return SC_OK (warnings may have been added), SC_ERR_DATA when at least
 *         one error was found, SC_ERR_IO when the manifest itself cannot
 *         be read, SC_ERR_NOMEM, or SC_ERR_INVALID_ARG.
 */
SC_API sc_status sc_dataset_load(const char *path, const sc_options *opt,
                                 sc_diagnostics *diags, sc_dataset **out);

/** @brief Free a dataset and everything it owns. NULL is a no-op. */
SC_API void sc_dataset_free(sc_dataset *ds);

/** @brief The manifest's `title`. Borrowed; valid until the dataset is freed. */
SC_API const char *sc_dataset_title(const sc_dataset *ds);

/** @brief The manifest path as given or derived (`DIR/scorecard.json`). */
SC_API const char *sc_dataset_manifest_path(const sc_dataset *ds);

/** @brief `goal_year` (default: the latest year of any indicator + 10). */
SC_API int sc_dataset_goal_year(const sc_dataset *ds);

/** @brief `trend_years` (default 10). */
SC_API int sc_dataset_trend_years(const sc_dataset *ds);

/** @brief `alpha` (default 0.05). */
SC_API double sc_dataset_alpha(const sc_dataset *ds);

/** @brief `rank_draws` (default 1000). */
SC_API long sc_dataset_rank_draws(const sc_dataset *ds);

/** @brief `seed` (default 1). */
SC_API unsigned long sc_dataset_seed(const sc_dataset *ds);

/** @brief `scope`, or NULL when the manifest has none. */
SC_API const char *sc_dataset_scope(const sc_dataset *ds);

/** @brief Number of domains, in display order. */
SC_API size_t sc_dataset_domain_count(const sc_dataset *ds);

/** @brief The i-th domain name, or NULL when out of range. */
SC_API const char *sc_dataset_domain(const sc_dataset *ds, size_t i);

/** @brief Number of indicators, in manifest order. */
SC_API size_t sc_dataset_indicator_count(const sc_dataset *ds);

/** @brief The i-th indicator, or NULL when out of range. Borrowed. */
SC_API const sc_indicator_info *sc_dataset_indicator(const sc_dataset *ds,
                                                     size_t i);

/** @brief Number of geographies, sorted by geo_id. */
SC_API size_t sc_dataset_geography_count(const sc_dataset *ds);

/** @brief The i-th geography, or NULL when out of range. Borrowed. */
SC_API const sc_geography_info *sc_dataset_geography(const sc_dataset *ds,
                                                     size_t i);

/**
 * @brief Index of the geography with this geo_id.
 * @return SC_OK and *index, or SC_ERR_INVALID_ARG when there is none.
 */
SC_API sc_status sc_dataset_find_geography(const sc_dataset *ds,
                                           const char *geo_id,
                                           size_t *index);

/**
 * @brief Number of states that have at least one county (SPEC §3.10). A
 *        dataset with two or more is multi-state: counties are ranked
 *        within their state and held against their state's benchmark.
 */
SC_API size_t sc_dataset_state_count(const sc_dataset *ds);

/** @brief Nonzero when sc_dataset_state_count() is two or more. */
SC_API int sc_dataset_multi_state(const sc_dataset *ds);

/** @brief Number of observations kept (after `scope` and `filter`). */
SC_API size_t sc_dataset_observation_count(const sc_dataset *ds);

/**
 * @brief Read the i-th observation. Observations are ordered by
 *        indicator (manifest order), geography (geo_id order), subgroup
 *        ("All" first, then by name) and year.
 * @return SC_OK, or SC_ERR_INVALID_ARG when i is out of range (then *out
 *         is left unchanged).
 */
SC_API sc_status sc_dataset_observation(const sc_dataset *ds, size_t i,
                                        sc_observation *out);

#ifdef __cplusplus
}
#endif

#endif /* SC_DATASET_H */
