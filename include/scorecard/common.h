/* SPDX-License-Identifier: MIT */
/**
 * @file scorecard/common.h
 * @brief Status codes, severities and the export macro shared by every
 *        libscorecard header.
 *
 * Every fallible libscorecard function returns an ::sc_status. The codes,
 * their names and their messages come from one X-macro table, so they
 * cannot drift apart.
 */
#ifndef SC_COMMON_H
#define SC_COMMON_H

#ifdef __cplusplus
extern "C" {
#endif

/** Marks a declaration as part of the public ABI. */
#if defined(__GNUC__) && __GNUC__ >= 4
#define SC_API __attribute__((visibility("default")))
#else
#define SC_API
#endif

/**
 * The status table: X(name, message). The enum values are assigned in
 * this order, starting at 0 for SC_OK.
 */
#define SC_STATUS_MAP(X)                                                     \
    X(SC_OK, "success")                                                      \
    X(SC_ERR_INVALID_ARG, "invalid argument")                                \
    X(SC_ERR_NOMEM, "out of memory")                                         \
    X(SC_ERR_IO, "input/output error")                                       \
    X(SC_ERR_DATA, "the input data has errors")                              \
    X(SC_ERR_LIMIT, "a documented limit was exceeded")                       \
    X(SC_ERR_INTERNAL, "internal error")

/** Result of a libscorecard call. SC_OK is 0; every other value is an error. */
typedef enum sc_status {
#define SC_STATUS_ENUM_(name, msg) name,
    SC_STATUS_MAP(SC_STATUS_ENUM_)
#undef SC_STATUS_ENUM_
    SC_STATUS_COUNT_ /**< Number of status codes (not a status). */
} sc_status;

/**
 * @brief The human-readable message of a status code.
 * @param status any value; unknown values give "unknown status".
 * @return a static string; never NULL, never to be freed.
 */
SC_API const char *sc_status_str(sc_status status);

/**
 * @brief The enumerator name of a status code, e.g. "SC_ERR_DATA".
 * @param status any value; unknown values give "SC_UNKNOWN".
 * @return a static string; never NULL, never to be freed.
 */
SC_API const char *sc_status_name(sc_status status);

/** Severity of a diagnostic. */
typedef enum sc_severity {
    SC_SEV_WARNING = 1, /**< Suspicious data; does not fail validation
                             unless the caller asks for strictness. */
    SC_SEV_ERROR = 2    /**< Invalid data; validation fails. */
} sc_severity;

/**
 * @brief The run-time version of the library, "MAJOR.MINOR.PATCH".
 * @return a static string; never NULL.
 */
SC_API const char *sc_version(void);

#ifdef __cplusplus
}
#endif

#endif /* SC_COMMON_H */
