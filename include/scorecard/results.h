/* SPDX-License-Identifier: MIT */
/**
 * @file scorecard/results.h
 * @brief Compute a scorecard (SPEC §3) from a loaded dataset and read the
 *        figures back.
 */
#ifndef SC_RESULTS_H
#define SC_RESULTS_H

#include <stddef.h>

#include <scorecard/common.h>
#include <scorecard/dataset.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque computed scorecard. */
typedef struct sc_results sc_results;

/**
 * @brief Compute every figure of SPEC §3: distance to the goal, scores,
 *        ranks and rank ranges, benchmarks, trends, domain and overall
 *        scores, equity gaps.
 * @param ds a dataset from sc_dataset_load(); it must outlive the results.
 * @param out receives the results; free them with sc_results_free().
 * @return SC_OK, SC_ERR_NOMEM, SC_ERR_INVALID_ARG, or SC_ERR_INTERNAL
 *         (a numerical routine failed). On failure *out is NULL.
 */
SC_API sc_status sc_compute(const sc_dataset *ds, sc_results **out);

/** @brief Free results. NULL is a no-op. */
SC_API void sc_results_free(sc_results *r);

/** One county's figures for one indicator (subgroup All, latest year).
 *  Missing numbers are NaN, missing ranks and years 0, missing words NULL. */
typedef struct sc_indicator_result {
    int year;                 /**< the indicator's latest year */
    double value;             /**< NaN when suppressed or missing */
    double moe;
    double distance;          /**< to the target, in points */
    double score;             /**< 100 - distance */
    double children_gap;      /**< children to reach to meet the goal */
    double benchmark;         /**< its state's benchmark that year */
    const char *vs_benchmark; /**< "better", "worse", "same" or NULL */
    int suppressed;
    sc_reason reason;
    int unstable;
    long rank, of, quartile;  /**< among the counties of its state (all
                                   counties in a single-state dataset; a
                                   state's among states); 0: not ranked */
    long rank_low, rank_high; /**< 5th-95th percentile rank; 0 if none */
    double slope;             /**< points a year */
    double p;                 /**< two-sided p-value of the slope */
    const char *status;       /**< improving, worsening, ... or NULL */
    const char *projection;   /**< target_met, projected, ... or NULL */
    int projected_year;       /**< 0 when none */
    const char *pace;         /**< on_track, ... or NULL */
    /** Rank among every county of the dataset (SPEC §3.10.2), and for a
     *  state of a multi-state dataset among the states (§3.10.5); equal
     *  to rank, of and quartile in a single-state dataset; 0 when not
     *  ranked. (rank, of and quartile are within the county's state.) */
    long national_rank, national_of, national_quartile;
    double national_benchmark; /**< the national benchmark that year
                                    (§3.10.4); NaN when none */
    const char *vs_national;  /**< "better", "worse", "same" or NULL */
} sc_indicator_result;

/** A domain or overall score with its rank among counties (of its state
 *  in a multi-state dataset; a state's among states). */
typedef struct sc_score_result {
    double score;             /**< NaN when not enough indicators */
    long rank, of, quartile;  /**< 0 when not ranked */
    size_t scored;            /**< indicators (or domains) with a score */
    size_t total;             /**< indicators (or domains) counted */
    /** Rank among every county of the dataset (SPEC §3.10.2; a state's
     *  among states), as for sc_indicator_result; 0 when not ranked. */
    long national_rank, national_of, national_quartile;
} sc_score_result;

/**
 * @brief Figures of geography @p geo for indicator @p ind.
 * @return SC_OK, or SC_ERR_INVALID_ARG for an index out of range.
 */
SC_API sc_status sc_results_indicator(const sc_results *r, size_t geo,
                                      size_t ind, sc_indicator_result *out);

/** @brief Score of domain @p domain (index of sc_dataset_domain()). */
SC_API sc_status sc_results_domain(const sc_results *r, size_t geo,
                                   size_t domain, sc_score_result *out);

/** @brief Overall score (mean of the domain scores). */
SC_API sc_status sc_results_overall(const sc_results *r, size_t geo,
                                    sc_score_result *out);

/**
 * @brief Write the whole scorecard as JSON (SPEC §5.1) to @p path,
 *        atomically (a temporary file in the same directory, renamed).
 * @param diags receives an I/O problem, with the path.
 * @return SC_OK, SC_ERR_IO or SC_ERR_NOMEM. On failure @p path is left
 *         as it was.
 */
SC_API sc_status sc_write_json(const sc_results *r, const char *path,
                               sc_diagnostics *diags);

/**
 * @brief Write one JSON file per geography, `DIR/<geo_id>.json`, each a
 *        complete document with one geography (SPEC §5.1 `--split`).
 *        Creates DIR when needed; each file is written atomically.
 */
SC_API sc_status sc_write_json_split(const sc_results *r, const char *dir,
                                     sc_diagnostics *diags);

/**
 * @brief Write the analyst's workbook (SPEC §5.2) to @p path, atomically.
 *
 * Sheets: Scorecard, Trends, one per indicator, Data (split into "Data 2",
 * "Data 3"... past 1,048,575 rows), Indicators, About. The creation time
 * is SOURCE_DATE_EPOCH when set, else a constant, so the same results give
 * the same bytes. Datasets over 200,000 observations are written in
 * libxlsxwriter's constant-memory mode: suppressed cells then carry no
 * comments (the Data sheet's reason column still says why) and the Data
 * sheets are ranges with an autofilter instead of Excel tables.
 */
SC_API sc_status sc_write_xlsx(const sc_results *r, const char *path,
                               sc_diagnostics *diags);

/** @brief Write the long table (SPEC §5.3) to @p path, atomically. */
SC_API sc_status sc_write_csv(const sc_results *r, const char *path,
                              sc_diagnostics *diags);

/**
 * @brief Write the advocates' page (SPEC §5.4) to @p path, atomically.
 *
 * One self-contained HTML file (inline CSS and SVG, a small inline
 * script, no network requests): every geography's scorecard rendered as
 * HTML, a county picker that filters them, the methodology and sources,
 * and the §5.1 JSON embedded in a `<script type="application/json"
 * id="scorecard-data">` block (strings escape <, > and & so that no text
 * can end the block; the values are those of sc_write_json()). Every
 * figure on the page is the JSON's, rounded to the indicator's decimals.
 */
SC_API sc_status sc_write_html(const sc_results *r, const char *path,
                               sc_diagnostics *diags);

/**
 * @brief Write one page per geography, `DIR/<geo_id>.html`, each standing
 *        alone and embedding that geography's split JSON (SPEC §5.4
 *        `--split`). Creates DIR when needed.
 */
SC_API sc_status sc_write_html_split(const sc_results *r, const char *dir,
                                     sc_diagnostics *diags);

/**
 * @brief Write a standalone map for each indicator and for the overall
 *        score: `DIR/<indicator id>.svg` and `DIR/overall.svg`, each
 *        atomically. Counties are shaded by their distance to the goal in
 *        the latest year (a colour-blind-safe sequential scale, legend in
 *        points); suppressed and missing counties are grey and hatched,
 *        with the reason in their tooltip; each map has a title, the data
 *        year and a source line. One state's counties fill the map; with
 *        several states it is the nation with state outlines. Geographies
 *        that the boundary file lacks are listed under the map. Creates
 *        DIR when needed.
 * @param diags receives an unreadable boundary file (sc_options.boundaries)
 *        or an I/O problem, with the path.
 * @return SC_OK, SC_ERR_IO, SC_ERR_DATA (a malformed boundary file) or
 *         SC_ERR_NOMEM.
 */
SC_API sc_status sc_write_svg_maps(const sc_results *r, const char *dir,
                                   sc_diagnostics *diags);

/** The files sc_write_outputs() writes; a NULL path skips that format. */
typedef struct sc_output_paths {
    const char *xlsx;       /**< the workbook (sc_write_xlsx) */
    const char *json;       /**< the whole JSON (sc_write_json) */
    const char *json_dir;   /**< one JSON per geography (sc_write_json_split) */
    const char *csv;        /**< the long table (sc_write_csv) */
    const char *html;       /**< the page (sc_write_html) */
    const char *html_dir;   /**< one page per geography (sc_write_html_split) */
    const char *svg_dir;    /**< one map per indicator (sc_write_svg_maps) */
} sc_output_paths;

/**
 * @brief Write several formats at once, each on its own thread (up to the
 *        `jobs` of the options the dataset was loaded with).
 *
 * Each file is written atomically, exactly as by its own function, and
 * the bytes do not depend on the number of threads. Diagnostics arrive in
 * the order xlsx, json, json_dir, csv, html, html_dir, svg_dir.
 * @return SC_OK, or the first failure in that order.
 */
SC_API sc_status sc_write_outputs(const sc_results *r,
                                  const sc_output_paths *paths,
                                  sc_diagnostics *diags);

#ifdef __cplusplus
}
#endif

#endif /* SC_RESULTS_H */
