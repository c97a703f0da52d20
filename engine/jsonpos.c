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
