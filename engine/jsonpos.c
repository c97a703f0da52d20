/* SPDX-License-Identifier: MIT */
/*
 * A skip-only JSON scanner: walks valid JSON to the key or value named by
 * a path and returns its byte offset. It never allocates and cannot fail
 * on valid input; on anything unexpected it returns -1.
 */
#include "config.h"

#include <string.h>

#include "jsonpos.h"

typedef struct scan {
    const char *s;
    size_t n;
    size_t i;
} scan;

static void
skip_ws(scan *sc)
{
    while (sc->i < sc->n && (sc->s[sc->i] == ' ' || sc->s[sc->i] == '\t' ||
                             sc->s[sc->i] == '\n' || sc->s[sc->i] == '\r'))
        sc->i++;
}

/* Skip a string starting at its opening quote; -1 when unterminated. */
static int
skip_string(scan *sc)
{
    sc->i++;
    while (sc->i < sc->n) {
        char c = sc->s[sc->i++];
        if (c == '\\')
            sc->i++;
        else if (c == '"')
            return 0;
    }
    return -1;
}

/* Skip any value (iteratively, so deep nesting cannot overflow the stack). */
static int
skip_value(scan *sc)
{
    size_t depth = 0;
    do {
        skip_ws(sc);
        if (sc->i >= sc->n)
            return -1;
        char c = sc->s[sc->i];
        if (c == '"') {
            if (skip_string(sc))
                return -1;
        } else if (c == '{' || c == '[') {
            depth++;
            sc->i++;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                return -1;
            depth--;
            sc->i++;
        } else if (c == ',' || c == ':') {
            sc->i++;
            continue;
        } else {
            while (sc->i < sc->n && !strchr(",]}: \t\r\n", sc->s[sc->i]))
                sc->i++;
        }
        if (depth) {
            /* inside a container: keep skipping its members */
            continue;
        }
        return 0;
    } while (1);
}

/* Compare the raw string at the cursor (on its quote) with key. */
static int
key_equals(const scan *sc, const char *key)
{
    size_t k = strlen(key);
    size_t start = sc->i + 1;
    if (start + k >= sc->n)
        return 0;
    return memcmp(sc->s + start, key, k) == 0 && sc->s[start + k] == '"';
}

long
sc_json_find(const char *text, size_t len, const sc_jstep *path,
             size_t depth, int want_key)
{
    scan sc = {text, len, 0};
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        sc.i = 3;
    skip_ws(&sc);
    for (size_t d = 0; d < depth; d++) {
        skip_ws(&sc);
        if (sc.i >= sc.n)
            return -1;
        const sc_jstep *st = &path[d];
        if (st->key) {
            if (sc.s[sc.i] != '{')
                return -1;
            sc.i++;
            for (;;) {
                skip_ws(&sc);
                if (sc.i >= sc.n || sc.s[sc.i] == '}')
                    return -1;
                if (sc.s[sc.i] == ',') {
                    sc.i++;
                    continue;
                }
                if (sc.s[sc.i] != '"')
                    return -1;
                size_t key_at = sc.i;
                int match = key_equals(&sc, st->key);
                if (skip_string(&sc))
                    return -1;
                skip_ws(&sc);
                if (sc.i >= sc.n || sc.s[sc.i] != ':')
                    return -1;
                sc.i++;
                skip_ws(&sc);
                if (match) {
                    if (d + 1 == depth && want_key)
                        return (long)key_at;
                    break;
                }
                if (skip_value(&sc))
                    return -1;
            }
        } else {
            if (sc.s[sc.i] != '[')
                return -1;
            sc.i++;
            for (size_t k = 0;; k++) {
                skip_ws(&sc);
                if (sc.i >= sc.n || sc.s[sc.i] == ']')
                    return -1;
                if (k == st->index)
                    break;
                if (skip_value(&sc))
                    return -1;
                skip_ws(&sc);
                if (sc.i < sc.n && sc.s[sc.i] == ',')
                    sc.i++;
            }
        }
    }
    skip_ws(&sc);
    return (long)sc.i;
}

void
sc_json_linecol(const char *text, size_t len, size_t offset,
                unsigned long *line, unsigned long *col)
{
    unsigned long l = 1, c = 1;
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    if (offset > len)
        offset = len;
    for (; i < offset; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* ------------------------------------------------------ syntax checking */

typedef struct chk {
    const char *s;
    size_t n;
    size_t i;
    size_t err;
    const char *what;
} chk;

static int
fail(chk *c, size_t at, const char *what)
{
    c->err = at;
    c->what = what;
    return -1;
}

/* End of input: point just after the last non-blank character. */
static int
fail_eof(chk *c, const char *what)
{
    size_t at = c->n;
    while (at > 0 && strchr(" \t\r\n", c->s[at - 1]))
        at--;
    return fail(c, at, what);
}

static void
ws(chk *c)
{
    while (c->i < c->n && strchr(" \t\r\n", c->s[c->i]) && c->s[c->i])
        c->i++;
}

static int
hexdigit(char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
           (ch >= 'A' && ch <= 'F');
}

/* Four hex digits at i into *cp; -1 if not. */
static int
hex4(const chk *c, size_t i, unsigned *cp)
{
    unsigned v = 0;
    for (size_t k = 0; k < 4; k++) {
        if (i + k >= c->n || !hexdigit(c->s[i + k]))
            return -1;
        char h = c->s[i + k];
        v = v * 16 + (unsigned)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
    }
    *cp = v;
    return 0;
}

static int
check_string(chk *c)
{
    size_t start = c->i++;
    while (c->i < c->n) {
        unsigned char ch = (unsigned char)c->s[c->i];
        if (ch == '"') {
            c->i++;
            return 0;
        }
        if (ch < 0x20)
            return fail(c, start, ch == '\n'
                                      ? "a closing '\"' before the end of "
                                        "the line (unterminated string)"
                                      : "no control characters inside a "
                                        "string (write \\t, \\n...)");
        if (ch == '\\') {
            if (c->i + 1 >= c->n)
                break;
            char e = c->s[c->i + 1];
            if (e == 'u') {
                unsigned cp;
                if (hex4(c, c->i + 2, &cp))
                    return fail(c, c->i, "four hex digits after \\u");
                if (cp == 0)
                    return fail(c, c->i, "a character other than NUL "
                                         "(\\u0000 would cut the text short)");
                if (cp >= 0xDC00 && cp <= 0xDFFF)
                    return fail(c, c->i, "a character, not the second half "
                                         "of a UTF-16 surrogate pair alone");
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    /* a pair: \uD83D\uDE00 */
                    unsigned lo;
                    if (c->i + 11 >= c->n || c->s[c->i + 6] != '\\' ||
                        c->s[c->i + 7] != 'u' || hex4(c, c->i + 8, &lo) ||
                        lo < 0xDC00 || lo > 0xDFFF)
                        return fail(c, c->i, "a character, not half of a "
                                             "UTF-16 surrogate pair alone");
                    c->i += 6;
                }
                c->i += 6;
                continue;
            }
            if (e == '\0' || !strchr("\"\\/bfnrt", e))
                return fail(c, c->i, "a valid escape (\\\" \\\\ \\/ \\b "
                                     "\\f \\n \\r \\t or \\uXXXX)");
            c->i += 2;
            continue;
        }
        c->i++;
    }
    return fail(c, start, "a closing '\"' (unterminated string)");
}

static int
check_number(chk *c)
{
    size_t start = c->i;
    const char *bad = "a number such as 12, -0.5 or 1e3";
    if (c->s[c->i] == '-')
        c->i++;
    if (c->i >= c->n || !(c->s[c->i] >= '0' && c->s[c->i] <= '9'))
        return fail(c, start, bad);
    if (c->s[c->i] == '0') {
        c->i++;
        if (c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9')
            return fail(c, start, "a number without leading zeros");
    } else {
        while (c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9')
            c->i++;
    }
    if (c->i < c->n && c->s[c->i] == '.') {
        c->i++;
        size_t d = c->i;
        while (c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9')
            c->i++;
        if (c->i == d)
            return fail(c, start, bad);
    }
    if (c->i < c->n && (c->s[c->i] == 'e' || c->s[c->i] == 'E')) {
        c->i++;
        if (c->i < c->n && (c->s[c->i] == '+' || c->s[c->i] == '-'))
            c->i++;
        size_t d = c->i;
        while (c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9')
            c->i++;
        if (c->i == d)
            return fail(c, start, bad);
    }
    return 0;
}

/* A scalar at c->i (not an object or array). */
static int
check_scalar(chk *c)
{
    char ch = c->s[c->i];
    if (ch == '"')
        return check_string(c);
    if (ch == '-' || (ch >= '0' && ch <= '9'))
        return check_number(c);
    static const char *const lits[] = {"true", "false", "null"};
    for (size_t k = 0; k < 3; k++) {
        size_t l = strlen(lits[k]);
        if (c->n - c->i >= l && memcmp(c->s + c->i, lits[k], l) == 0) {
            c->i += l;
            return 0;
        }
    }
    if (ch == '\'')
        return fail(c, c->i, "a value; strings use double quotes");
    return fail(c, c->i, "a value (a string, number, object, array, true, "
                         "false or null)");
}

/* Keys of the open objects, to find duplicates (manifests are small:
 * past this many keys the duplicate check is skipped, never the rest). */
#define MAX_KEYS 4096

/* Whether the key just read (at start, n bytes) repeats one of the keys
 * listed from `from`. */
static int
repeats(const chk *c, const size_t (*keys)[2], size_t from, size_t nk,
        size_t start, size_t n)
{
    for (size_t k = from; k < nk; k++)
        if (keys[k][1] == n && memcmp(c->s + keys[k][0], c->s + start, n) == 0)
            return 1;
    return 0;
}

/* Iterative check with an explicit stack of open containers. */
int
sc_json_check(const char *text, size_t len, size_t max_depth,
              size_t *offset, const char **what)
{
    chk c = {text, len, 0, 0, NULL};
    char stack[1024];
    size_t base[1024];          /* first key of each open object */
    static __thread size_t keys[MAX_KEYS][2];
    size_t nk = 0;
    size_t depth = 0;
    if (max_depth > sizeof stack)
        max_depth = sizeof stack;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        c.i = 3;
    /* state: expecting a value (after '[', ',' or ':' or at the start) */
    for (;;) {
        ws(&c);
        if (c.i >= c.n) {
            fail_eof(&c, depth ? "a value; the file ends too early"
                               : "a JSON document; the file is empty");
            goto out;
        }
        char ch = c.s[c.i];
        if (ch == '{' || ch == '[') {
            if (depth == max_depth) {
                fail(&c, c.i, "at most 1000 levels of nesting");
                goto out;
            }
            base[depth] = nk;
            stack[depth++] = ch;
            c.i++;
            ws(&c);
            if (c.i < c.n && c.s[c.i] == (ch == '{' ? '}' : ']')) {
                c.i++;
                depth--;
                goto after_value;
            }
            if (ch == '{')
                goto expect_key;
            continue;
        }
        if (ch == '}' || ch == ']') {
            size_t p = c.i;
            while (p > 0 && strchr(" \t\r\n", c.s[p - 1]))
                p--;
            fail(&c, c.i, p > 0 && c.s[p - 1] == ','
                              ? "a value after ','; remove the trailing comma"
                              : "a value");
            goto out;
        }
        if (check_scalar(&c))
            goto out;
    after_value:
        ws(&c);
        if (depth == 0) {
            if (c.i < c.n) {
                fail(&c, c.i, "the end of the file after the JSON document");
                goto out;
            }
            return 0;
        }
        if (c.i >= c.n) {
            fail_eof(&c, stack[depth - 1] == '{'
                             ? "',' or '}'; the file ends before the object "
                               "is closed"
                             : "',' or ']'; the file ends before the array "
                               "is closed");
            goto out;
        }
        ch = c.s[c.i];
        if (ch == ',') {
            c.i++;
            if (stack[depth - 1] == '[')
                continue;
            goto expect_key;
        }
        if ((ch == '}' && stack[depth - 1] == '{') ||
            (ch == ']' && stack[depth - 1] == '[')) {
            c.i++;
            depth--;
            nk = base[depth]; /* forget the closed object's keys */
            goto after_value;
        }
        fail(&c, c.i, stack[depth - 1] == '{'
                          ? "',' or '}' (a comma may be missing)"
                          : "',' or ']' (a comma may be missing)");
        goto out;
    expect_key:
        ws(&c);
        if (c.i >= c.n) {
            fail_eof(&c, "a key; the file ends before the object is closed");
            goto out;
        }
        if (c.s[c.i] == '}') {
            fail(&c, c.i, "a key after ','; remove the trailing comma");
            goto out;
        }
        if (c.s[c.i] != '"') {
            fail(&c, c.i, "a key in double quotes");
            goto out;
        }
        size_t kstart = c.i;
        if (check_string(&c))
            goto out;
        if (nk < MAX_KEYS) {
            if (repeats(&c, (const size_t(*)[2])keys, base[depth - 1], nk,
                        kstart, c.i - kstart)) {
                fail(&c, kstart, "a key not used before in this object "
                                 "(a repeated key is ambiguous: keep one)");
                goto out;
            }
            keys[nk][0] = kstart;
            keys[nk][1] = c.i - kstart;
            nk++;
        }
        ws(&c);
        if (c.i >= c.n) {
            fail_eof(&c, "':' after the key");
            goto out;
        }
        if (c.s[c.i] != ':') {
            fail(&c, c.i, "':' after the key");
            goto out;
        }
        c.i++;
    }
out:
    *offset = c.err;
    *what = c.what;
    return -1;
}
