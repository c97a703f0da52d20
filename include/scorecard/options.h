/* SPDX-License-Identifier: MIT */
/**
 * @file scorecard/options.h
 * @brief Settings for loading and computing, with documented defaults.
 *
 * Always start from sc_options_init(), then change the members you need:
 * members may be added at the end in later versions.
 */
#ifndef SC_OPTIONS_H
#define SC_OPTIONS_H

#include <stddef.h>

#include <scorecard/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The stages of the work, in the order they run (SPEC §6 progress). */
typedef enum sc_stage {
    SC_STAGE_READ = 0,     /**< sc_dataset_load(): reading the indicator
                                files; done and total count their lines */
    SC_STAGE_VALIDATE = 1, /**< sc_dataset_load(): sorting and checking
                                the rows; no count (total 0) */
    SC_STAGE_COMPUTE = 2,  /**< sc_compute(): done and total count
                                steps (an indicator's benchmarks and
                                ranks, a block of series' trends, the
                                composite scores) */
    SC_STAGE_WRITE = 3     /**< sc_write_outputs(): done and total count
                                the outputs requested (a `--split`
                                directory is one) */
} sc_stage;

/** @brief "reading", "validating", "computing" or "writing" (NULL for
 *         another value). */
SC_API const char *sc_stage_str(sc_stage stage);

/** One progress report (see sc_options.progress). */
typedef struct sc_progress {
    sc_stage stage;
    const char *unit;  /**< what done and total count: "lines",
                            "steps" or "outputs"; NULL when total is 0 */
    size_t done;       /**< never more than total; never decreases within
                            a stage */
    size_t total;      /**< fixed for the stage; 0 when the stage has no
                            count */
} sc_progress;

/**
 * @brief Receives progress reports; see sc_options.progress.
 * @param ctx sc_options.progress_ctx.
 * @param p valid only during the call.
 */
typedef void (*sc_progress_fn)(void *ctx, const sc_progress *p);

/** Settings for sc_dataset_load() and later stages. */
typedef struct sc_options {
    /** Directory of the indicator catalog used by manifest entries with
     *  `use`. A dataset's own `indicators/` folder, when it exists, is
     *  searched first. Default: NULL, meaning the catalog installed with
     *  the library (`<datadir>/scorecard/indicators`). */
    const char *catalog_dir;
    /** Errors (and, separately, warnings) stored in the diagnostics list
     *  by the caller's list; informational here. Default: 100. */
    size_t max_errors;
    /** Accept `file` and `geographies` paths that are absolute or leave
     *  the dataset directory (`..`). Off by default, so that validating an
     *  untrusted pull request cannot read (and quote) any file on the
     *  machine. Default: 0. */
    int allow_outside_paths;
    /** Worker threads for reading indicator files, sorting, statistics
     *  and writing outputs. Results never depend on it: the same input
     *  gives byte-identical outputs with any value. Default: 0, meaning
     *  one per online CPU. */
    unsigned jobs;
    /** Called as the work goes on, so that a program can show how far
     *  it is; the library itself never prints. sc_dataset_load() reports
     *  SC_STAGE_READ and SC_STAGE_VALIDATE, and sc_compute() and
     *  sc_write_outputs() on a dataset loaded with these options report
     *  theirs. Each stage begins with done 0 and, when it completes,
     *  ends with done == total; the reports of one call come in stage
     *  order, at most one per 16,384 lines of a file, step or output
     *  (a few thousand for a national dataset, not per row). Calls
     *  never overlap, but they may come from the library's worker
     *  threads: the function must be quick and must not call back into
     *  libscorecard. Default: NULL, no reports. */
    sc_progress_fn progress;
    /** Passed to progress as its first argument. Default: NULL. */
    void *progress_ctx;
    /** The county and state boundaries that maps are drawn from (the
     *  file `us-counties-albers.json` converted from the npm package
     *  us-atlas). Default: NULL, meaning the file installed with the
     *  library (`<datadir>/scorecard/boundaries/us-counties-albers.json`).
     *  Read only when a map is written. */
    const char *boundaries;
} sc_options;

/**
 * @brief Fill @p opt with the defaults documented above.
 * @param opt must not be NULL. Cannot fail.
 */
SC_API void sc_options_init(sc_options *opt);

#ifdef __cplusplus
}
#endif

#endif /* SC_OPTIONS_H */
