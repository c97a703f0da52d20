/* SPDX-License-Identifier: MIT */
/*
 * Positions inside JSON text. cJSON gives no token positions for a parsed
 * document, so diagnostics about a key or a value find it again here by
 * its path. The text must be JSON that cJSON accepted.
 */
#ifndef SC_JSONPOS_H
#define SC_JSONPOS_H

#include <stddef.h>

/* One step of a path: an object key, or (key == NULL) an array index. */
typedef struct sc_jstep {
    const char *key;
    size_t index;
} sc_jstep;

/*
 * Byte offset of the element at path: of its key when want_key is set
 * and the last step is an object key, else of its value. Returns -1 when
 * the path does not exist.
 */
long sc_json_find(const char *text, size_t len, const sc_jstep *path,
                  size_t depth, int want_key);

/* 1-based line and UTF-8 column of a byte offset (a BOM is not counted). */
void sc_json_linecol(const char *text, size_t len, size_t offset,
                     unsigned long *line, unsigned long *col);



/*
 * Check that text[0..len) is one JSON document (RFC 8259, nesting at most
 * max_depth). Returns 0 when it is; otherwise -1 with *offset at the start
 * of the offending token (for an unexpected end of file, just after the
 * last non-blank character) and a static description in *what, phrased
 * "expected X".
 */
int sc_json_check(const char *text, size_t len, size_t max_depth,
                  size_t *offset, const char **what);
#endif /* SC_JSONPOS_H */
