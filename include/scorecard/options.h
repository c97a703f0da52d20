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
