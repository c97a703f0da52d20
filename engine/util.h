/* SPDX-License-Identifier: MIT */
/*
 * Small private helpers shared by every stage: growable buffers, a string
 * table with hashing, path joining, UTF-8 checks and locale-independent
 * number parsing. Nothing here prints or exits.
 */
#ifndef SC_UTIL_H
#define SC_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <scorecard/common.h>

/* A growable byte buffer, always NUL-terminated once anything was added. */
typedef struct sc_buf {
    char *data;
    size_t len;
    size_t cap;
} sc_buf;

sc_status sc_buf_append(sc_buf *b, const char *s, size_t n);
sc_status sc_buf_appendf(sc_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
sc_status sc_buf_vappendf(sc_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void sc_buf_reset(sc_buf *b);
void sc_buf_free(sc_buf *b);

/* Interned strings: each distinct string gets a dense index. */
typedef struct sc_strtab {
    char **strs;    /* strs[i] is the i-th distinct string (owned) */
    size_t *lens;
    size_t count;
    size_t cap;
    uint32_t *slots; /* open addressing: index + 1, 0 = empty */
    size_t nslots;   /* power of two */
} sc_strtab;

/* Index of s[0..n) in the table, adding it when missing. */
sc_status sc_strtab_intern(sc_strtab *t, const char *s, size_t n,
                           size_t *index);
/* Index of s[0..n), or -1 when absent. */
long sc_strtab_find(const sc_strtab *t, const char *s, size_t n);
void sc_strtab_free(sc_strtab *t);

/* strdup / strndup that return NULL only on allocation failure. */
char *sc_strdup(const char *s);
char *sc_strndup(const char *s, size_t n);
/* printf into a new string; NULL on allocation failure. */
char *sc_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* dir + "/" + name; name is returned as is when absolute or dir is "". */
char *sc_path_join(const char *dir, const char *name);

/* Case-insensitive ASCII comparison of s[0..n) with the C string t. */
int sc_strieq(const char *s, size_t n, const char *t);

/* Whether s[0..n) begins with '=', '+', '-' or '@': a spreadsheet that
 * opens a CSV holding the text runs it as a formula (CSV injection). */
static inline int
sc_formula_like(const char *s, size_t n)
{
    return n > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' ||
                     s[0] == '@');
}
/* The end of every formula-like-text warning: why, and what to do. */
#define SC_FORMULA_HINT                                                      \
    "; a spreadsheet that opens the CSV output would run it as a formula "  \
    "(the workbook writes it as text): start it with another character"

/* Strip ASCII spaces and tabs from both ends of s[0..*n). */
const char *sc_trim(const char *s, size_t *n);

/* Length in bytes of the valid UTF-8 prefix of s[0..n). */
size_t sc_utf8_valid_prefix(const char *s, size_t n);
/* Number of UTF-8 characters in s[0..n) (continuation bytes not counted). */
size_t sc_utf8_chars(const char *s, size_t n);

/* Overflow-checked size arithmetic: 0 on success, -1 on overflow. */
int sc_size_mul(size_t a, size_t b, size_t *out);

/* Ask for transparent huge pages on a big array (fewer page faults while
 * it fills); a hint only, nothing happens where unsupported. */
void sc_advise_huge(void *p, size_t bytes);

/* Grow *arr (of *cap elements of size elem) to hold at least need. */
sc_status sc_grow(void **arr, size_t *cap, size_t need, size_t elem);

/*
 * Parse a decimal number, independent of the process locale.
 * Accepts: optional spaces, sign, digits with an optional fraction and
 * exponent ("12", "-0.5", ".5", "1e3"); with sep != 0 also digits grouped
 * by threes ("1,150,465.5"). Rejects hex, inf, nan, "12%", "1,5"...
 * Returns 0 and *out, -1 for not a number, -2 for a number too large for
 * a double, -3 for a text longer than 512 characters.
 */
int sc_parse_number(const char *s, size_t n, char sep, double *out);

/*
 * Parse a year cell: "2019" or a range "2019-2021" (the end year; spaces
 * around '-' allowed). Returns 0 and *year (*is_range set), -1 otherwise.
 */
int sc_parse_year(const char *s, size_t n, long *year, int *is_range);

#endif /* SC_UTIL_H */
