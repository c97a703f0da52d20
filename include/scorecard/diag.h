/* SPDX-License-Identifier: MIT */
/**
 * @file scorecard/diag.h
 * @brief The diagnostics list: every problem found in a dataset, with the
 *        file, line and column it points at.
 *
 * The library never prints. Loading and validation append diagnostics to
 * an ::sc_diagnostics list owned by the caller, who decides how to show
 * them (text, JSON, GitHub annotations...).
 */
#ifndef SC_DIAG_H
#define SC_DIAG_H

#include <stddef.h>

#include <scorecard/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * One problem. All strings are owned by the list that holds the
 * diagnostic and stay valid until that list is freed.
 */
typedef struct sc_diag {
    sc_severity severity; /**< SC_SEV_ERROR or SC_SEV_WARNING. */
    const char *code;     /**< Stable kebab-case identifier of the rule,
                               e.g. "value-out-of-range". Never NULL. */
    const char *file;     /**< Path of the file the problem is in, as the
                               user named it (dataset path + file name).
                               Never NULL. */
    unsigned long line;   /**< 1-based physical line; 0 when the problem
                               concerns the whole file. */
    unsigned long column; /**< 1-based column in UTF-8 characters; 0 when
                               unknown. */
    const char *message;  /**< What is wrong and what was expected. */
} sc_diag;

/** Opaque list of diagnostics. */
typedef struct sc_diagnostics sc_diagnostics;

/**
 * @brief Create an empty list.
 * @param max_per_severity how many errors, and separately how many
 *        warnings, the list stores; later ones are only counted. 0 means
 *        no limit.
 * @return the list, or NULL when out of memory. Free it with
 *         sc_diagnostics_free().
 */
SC_API sc_diagnostics *sc_diagnostics_new(size_t max_per_severity);

/**
 * @brief Free a list and every string it owns. NULL is a no-op.
 */
SC_API void sc_diagnostics_free(sc_diagnostics *list);

/**
 * @brief Number of diagnostics stored (at most 2 * max_per_severity).
 */
SC_API size_t sc_diagnostics_count(const sc_diagnostics *list);

/**
 * @brief The i-th stored diagnostic, in the order they were found
 *        (file by file, line by line within a file).
 * @return a borrowed pointer, or NULL when i is out of range.
 */
SC_API const sc_diag *sc_diagnostics_get(const sc_diagnostics *list,
                                         size_t i);

/**
 * @brief Number of problems of one severity found, including those not
 *        stored because of the cap.
 */
SC_API size_t sc_diagnostics_total(const sc_diagnostics *list,
                                   sc_severity severity);

/**
 * @brief Append a diagnostic (used by the library; available to callers
 *        that add their own checks). Strings are copied.
 * @param list the list; must not be NULL.
 * @param file path, or NULL for "<input>".
 * @return SC_OK, SC_ERR_INVALID_ARG, or SC_ERR_NOMEM (the problem is still
 *         counted).
 */
SC_API sc_status sc_diagnostics_add(sc_diagnostics *list,
                                    sc_severity severity, const char *code,
                                    const char *file, unsigned long line,
                                    unsigned long column,
                                    const char *message);

/**
 * @brief Render a diagnostic as `file:line:column: severity: message`.
 *
 * Behaves like snprintf: writes at most @p size bytes including the
 * terminating NUL and returns the length the full text needs.
 * A line or column of 0 is left out (`file: error: message`).
 */
SC_API size_t sc_diag_format(const sc_diag *diag, char *buf, size_t size);

/** @brief "error" or "warning". */
SC_API const char *sc_severity_str(sc_severity severity);

#ifdef __cplusplus
}
#endif

#endif /* SC_DIAG_H */
