/* SPDX-License-Identifier: MIT */
/*
 * Stage 1: the manifest (SPEC §2.1) and the indicator catalog (§2.2).
 * The only file that reads JSON (cJSON). Every problem is reported at
 * the line and column of the offending key or value, in the file that
 * holds it (manifest or catalog definition).
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "jsonpos.h"

#define MAX_JSON_BYTES (16u * 1024u * 1024u)

/* A parsed JSON file and its text, for locating keys and values. */
typedef struct jdoc {
    char *path;
    char *text;
    size_t len;
    cJSON *root;
} jdoc;

typedef struct mctx {
    sc_dataset *ds;
    sc_diagnostics *diags;
    jdoc manifest;
    jdoc *catalog;      /* one per indicator entry (root NULL when inline) */
    size_t ncatalog;
    sc_status fatal;    /* SC_ERR_NOMEM once memory ran out */
} mctx;

static const char *const top_keys[] = {
    "title", "geographies", "scope", "indicators", "domains", "goal_year",
    "trend_years", "alpha", "rank_draws", "seed", NULL};

static const char *const def_keys[] = {
    "id", "name", "domain", "direction", "target", "unit", "decimals",
    "min_denominator", "weight", "max_rse", "description", "source", "url",
    NULL};

static const char *const entry_keys[] = {
    "use", "file", "columns", "ci_level", "transform", "filter",
    "suppress_if", "thousands_separator", "trend_years", NULL};

const char *const sc_col_names[SC_COL_COUNT] = {
    "geo_id", "year", "value", "numerator", "denominator",
    "moe", "ci_low", "ci_high", "subgroup", "geo_name"};

/* ------------------------------------------------------------ helpers */

static void
note_status(mctx *m, sc_status st)
{
    if (st == SC_ERR_NOMEM)
        m->fatal = st;
}

static void
vreport(mctx *m, const jdoc *doc, const sc_jstep *path, size_t depth,
        int want_key, sc_severity sev, const char *code, const char *fmt,
        va_list ap)
{
    unsigned long line = 1, col = 1;
    long off = sc_json_find(doc->text, doc->len, path, depth, want_key);
    if (off >= 0)
        sc_json_linecol(doc->text, doc->len, (size_t)off, &line, &col);
    note_status(m, sc_diag_vaddf(m->diags, sev, code, doc->path, line, col,
                                 fmt, ap));
}

/* Report at the key (want_key) or value of path in doc. */
static void __attribute__((format(printf, 7, 8)))
report_at(mctx *m, const jdoc *doc, const sc_jstep *path, size_t depth,
          int want_key, sc_severity sev, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(m, doc, path, depth, want_key, sev, "manifest", fmt, ap);
    va_end(ap);
}

static void __attribute__((format(printf, 5, 6)))
warn_code_at(mctx *m, const jdoc *doc, const sc_jstep *path, size_t depth,
             const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(m, doc, path, depth, 0, SC_SEV_WARNING, "formula-like-text", fmt,
            ap);
    va_end(ap);
}

/* A text the outputs show (title, name, source...) that a spreadsheet
 * would take for a formula: a formula-like-text warning at its value. */
static void
check_text(mctx *m, const jdoc *doc, const sc_jstep *path, size_t depth,
           const char *what, const char *text)
{
    size_t n = strlen(text);
    if (!sc_formula_like(text, n))
        return;
    warn_code_at(m, doc, path, depth, "%s '%.*s%s' begins with '%c'" SC_FORMULA_HINT,
                 what, n > 40 ? 40 : (int)n, text, n > 40 ? "..." : "",
                 text[0]);
}

/* Levenshtein distance, capped: a cheap "did you mean" for typos. */
static size_t
edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return 99;
    size_t prev[41], cur[41];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, (lb + 1) * sizeof *prev);
    }
    return prev[lb];
}

/* The closest of the key lists to key, when close enough to be a typo. */
static const char *
suggest(const char *key, const char *const *a, const char *const *b)
{
    const char *best = NULL;
    size_t bestd = 3;
    for (int pass = 0; pass < 2; pass++) {
        const char *const *list = pass ? b : a;
        for (size_t i = 0; list && list[i]; i++) {
            size_t d = edit_distance(key, list[i]);
            if (d < bestd) {
                bestd = d;
                best = list[i];
            }
        }
    }
    return best;
}

static int
in_list(const char *key, const char *const *list)
{
    for (size_t i = 0; list && list[i]; i++)
        if (strcmp(key, list[i]) == 0)
            return 1;
    return 0;
}

/* A key shortened for messages (at most 40 bytes, whole characters). */
static const char *
short_key(char *buf, size_t size, const char *key)
{
    size_t n = strlen(key);
    if (n < 40 && n < size) {
        memcpy(buf, key, n + 1);
        return buf;
    }
    size_t cut = 37 < size - 4 ? 37 : size - 4;
    while (cut > 0 && ((unsigned char)key[cut] & 0xC0) == 0x80)
        cut--;
    memcpy(buf, key, cut);
    strcpy(buf + cut, "...");
    return buf;
}

/* Short JSON text of an item for messages. Caller frees. */
static char *
show(const cJSON *item)
{
    if (cJSON_IsNumber(item) && !isfinite(item->valuedouble))
        return sc_strdup("a number too large for a double");
    char *p = cJSON_PrintUnformatted(item);
    if (!p)
        return sc_strdup("?");
    if (strlen(p) > 60) {
        size_t cut = 57;
        while (cut > 0 && ((unsigned char)p[cut] & 0xC0) == 0x80)
            cut--; /* never split a UTF-8 character */
        strcpy(p + cut, "...");
    }
    return p;
}

static int
is_slug(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '_'))
            return 0;
    return 1;
}

static int
is_integer(const cJSON *it)
{
    return cJSON_IsNumber(it) && isfinite(it->valuedouble) &&
           floor(it->valuedouble) == it->valuedouble &&
           fabs(it->valuedouble) < 1e15;
}

/* ---------------------------------------------------------- reading JSON */

/* Report a JSON syntax error at byte offset off: "at 'token': expected X". */
static void
report_syntax(mctx *m, const jdoc *doc, size_t off, const char *what)
{
    unsigned long line, col;
    sc_json_linecol(doc->text, doc->len, off, &line, &col);
    /* the token: one punctuation character, a string, or a word */
    size_t k = 0;
    const char *t = doc->text + off;
    size_t left = doc->len - off;
    if (left && strchr("{}[],:", t[0])) {
        k = 1;
    } else if (left && t[0] == '"') {
        k = 1;
        while (k < left && k < 40 && t[k] != '"' && t[k] != '\n')
            k++;
        if (k < left && t[k] == '"')
            k++;
    } else {
        while (k < left && k < 40 && !strchr(" \t\r\n,:{}[]", t[k]))
            k++;
    }
    if (k == 0)
        note_status(m, sc_diag_addf(m->diags, SC_SEV_ERROR, "json-syntax",
                                    doc->path, line, col,
                                    "JSON syntax error: unexpected end of "
                                    "file; expected %s",
                                    what));
    else
        note_status(m, sc_diag_addf(m->diags, SC_SEV_ERROR, "json-syntax",
                                    doc->path, line, col,
                                    "JSON syntax error at '%.*s': expected "
                                    "%s",
                                    (int)k, doc->text + off, what));
}

/* Read and parse a JSON file. Returns 0 on success; on failure the
 * problem was reported (at ref when the file cannot be read). */
static int
read_json(mctx *m, jdoc *doc, const char *path, const jdoc *ref,
          const sc_jstep *ref_path, size_t ref_depth, int *io_error)
{
    memset(doc, 0, sizeof *doc);
    doc->path = sc_strdup(path);
    if (!doc->path) {
        m->fatal = SC_ERR_NOMEM;
        return -1;
    }
    /* O_NONBLOCK: opening a FIFO must not wait for a writer */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    struct stat sb;
    int err = 0;
    if (!f) {
        err = errno;
        if (fd >= 0)
            close(fd);
    }
    else if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode))
        err = EISDIR;
    else if (!S_ISREG(sb.st_mode))
        err = -1; /* a device or FIFO: never read it */
    else if (sb.st_size > MAX_JSON_BYTES)
        err = EFBIG;
    if (err) {
        if (f)
            fclose(f);
        if (io_error)
            *io_error = 1;
        const char *why = err == EFBIG ? "larger than the 16 MiB limit for "
                                         "a JSON file"
                          : err > 0    ? strerror(err)
                                       : "not a regular file";
        if (ref)
            report_at(m, ref, ref_path, ref_depth, 0, SC_SEV_ERROR,
                      "cannot read '%s': %s", path, why);
        else
            note_status(m, sc_diag_addf(m->diags, SC_SEV_ERROR,
                                        "unreadable-file", path, 0, 0,
                                        "cannot read '%s': %s", path, why));
        return -1;
    }
    sc_buf b = {0};
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (sc_buf_append(&b, chunk, got) != SC_OK || b.len > MAX_JSON_BYTES) {
            fclose(f);
            sc_buf_free(&b);
            m->fatal = SC_ERR_NOMEM;
            return -1;
        }
    }
    int rerr = ferror(f);
    fclose(f);
    if (rerr) {
        sc_buf_free(&b);
        if (io_error)
            *io_error = 1;
        note_status(m, sc_diag_addf(m->diags, SC_SEV_ERROR, "unreadable-file",
                                    path, 0, 0, "read error on '%s'", path));
        return -1;
    }
    doc->text = b.data ? b.data : sc_strdup("");
    doc->len = b.len;
    if (!doc->text) {
        m->fatal = SC_ERR_NOMEM;
        return -1;
    }
    const char *nul = memchr(doc->text, '\0', doc->len);
    if (nul) {
        unsigned long line, col;
        sc_json_linecol(doc->text, doc->len, (size_t)(nul - doc->text), &line,
                        &col);
        note_status(m, sc_diag_addf(m->diags, SC_SEV_ERROR, "nul-byte", path,
                                    line, col,
                                    "the file contains a NUL byte; it is not "
                                    "JSON text"));
        return -1;
    }
    size_t ok = sc_utf8_valid_prefix(doc->text, doc->len);
    if (ok != doc->len) {
        unsigned long line, col;
        sc_json_linecol(doc->text, doc->len, ok, &line, &col);
        note_status(m, sc_diag_addf(m->diags, SC_SEV_ERROR, "invalid-utf8",
                                    path, line, col,
                                    "invalid UTF-8 (byte 0x%02X); save the "
                                    "file as UTF-8",
                                    (unsigned)(unsigned char)doc->text[ok]));
        return -1;
    }
    size_t start = (doc->len >= 3 && memcmp(doc->text, "\xEF\xBB\xBF", 3) == 0)
                       ? 3 : 0;
    size_t bad;
    const char *what;
    if (sc_json_check(doc->text, doc->len, 1000, &bad, &what) != 0) {
        report_syntax(m, doc, bad, what);
        return -1;
    }
    const char *end = NULL;
    doc->root = cJSON_ParseWithLengthOpts(doc->text + start, doc->len - start,
                                          &end, 0);
    if (!doc->root) {
        /* the checker accepted it (nesting included): cJSON ran out of
         * memory */
        m->fatal = SC_ERR_NOMEM;
        return -1;
    }
    return 0;
}

static void
jdoc_free(jdoc *doc)
{
    cJSON_Delete(doc->root);
    free(doc->text);
    free(doc->path);
    memset(doc, 0, sizeof *doc);
}

/* A path that is absolute or has a ".." component leaves the dataset. */
static int
leaves_dataset(const char *path)
{
    if (path[0] == '/')
        return 1;
    for (const char *p = path; *p;) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return 1;
        p += n;
        while (*p == '/')
            p++;
    }
    return 0;
}

/* Whether path, once symlinks are resolved, lies outside the dataset
 * directory (a committed symlink to /etc/passwd escapes like "../" does).
 * A path that cannot be resolved is left to the reader to report. */
static int
resolves_outside(const sc_dataset *ds, const char *path)
{
    char *dir = realpath(ds->dir[0] ? ds->dir : ".", NULL);
    char *real = realpath(path, NULL);
    int out = 0;
    if (dir && real) {
        size_t n = strlen(dir);
        out = !(strncmp(real, dir, n) == 0 &&
                (real[n] == '/' || real[n] == '\0' ||
                 (n == 1 && dir[0] == '/')));
    }
    free(dir);
    free(real);
    return out;
}

/* ------------------------------------------------- indicator definitions */

/* Where one definition field comes from: the manifest entry or the
 * catalog file. */
typedef struct field_src {
    const cJSON *item;
    const jdoc *doc;
    sc_jstep path[4];
    size_t depth;
} field_src;

typedef struct entry_ctx {
    mctx *m;
    size_t index;         /* entry index in "indicators" */
    const cJSON *entry;
    const jdoc *cat;      /* catalog doc, or NULL */
} entry_ctx;

/* Find key in the entry, else in the catalog definition. */
static int
lookup(const entry_ctx *e, const char *key, field_src *fs)
{
    memset(fs, 0, sizeof *fs);
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(e->entry, key);
    if (it) {
        fs->item = it;
        fs->doc = &e->m->manifest;
        fs->path[0] = (sc_jstep){"indicators", 0};
        fs->path[1] = (sc_jstep){NULL, e->index};
        fs->path[2] = (sc_jstep){key, 0};
        fs->depth = 3;
        return 1;
    }
    if (e->cat && e->cat->root) {
        it = cJSON_GetObjectItemCaseSensitive(e->cat->root, key);
        if (it) {
            fs->item = it;
            fs->doc = e->cat;
            fs->path[0] = (sc_jstep){key, 0};
            fs->depth = 1;
            return 1;
        }
    }
    return 0;
}

static void __attribute__((format(printf, 3, 4)))
bad_field(const entry_ctx *e, const field_src *fs, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    report_at(e->m, fs->doc, fs->path, fs->depth, 0, SC_SEV_ERROR, "%s", msg);
}

/* Report at the entry itself (a missing key). */
static void
bad_entry(const entry_ctx *e, const char *msg)
{
    sc_jstep p[2] = {{"indicators", 0}, {NULL, e->index}};
    report_at(e->m, &e->m->manifest, p, 2, 0, SC_SEV_ERROR, "%s", msg);
}

/* A string field: returns a copy, the default, or NULL on error. */
static char *
get_string(const entry_ctx *e, const char *key, const char *def, int required,
           int *ok, const char *id)
{
    field_src fs;
    if (!lookup(e, key, &fs)) {
        if (required) {
            char msg[256];
            snprintf(msg, sizeof msg,
                     "indicator '%s': missing required key '%s' (a string)",
                     id ? id : "?", key);
            bad_entry(e, msg);
            *ok = 0;
        }
        return sc_strdup(def);
    }
    if (!cJSON_IsString(fs.item) || (required && !fs.item->valuestring[0])) {
        char *t = show(fs.item);
        bad_field(e, &fs, "bad value for '%s': %s; expected a %sstring", key,
                  t, required ? "non-empty " : "");
        free(t);
        *ok = 0;
        return sc_strdup(def);
    }
    if (strcmp(key, "id") != 0)
        check_text(e->m, fs.doc, fs.path, fs.depth, key,
                   fs.item->valuestring);
    return sc_strdup(fs.item->valuestring);
}

/* A number field within [lo, hi] (open ends when lo_open/hi_open). */
static double
get_number(const entry_ctx *e, const char *key, double def, double lo,
           int lo_open, double hi, int integer, const char *expected, int *ok)
{
    field_src fs;
    if (!lookup(e, key, &fs))
        return def;
    int good = cJSON_IsNumber(fs.item) && isfinite(fs.item->valuedouble) &&
               (integer ? is_integer(fs.item) : 1);
    if (good) {
        double v = fs.item->valuedouble;
        good = (lo_open ? v > lo : v >= lo) && v <= hi;
    }
    if (!good) {
        char *t = show(fs.item);
        bad_field(e, &fs, "bad value for '%s': %s; expected %s", key, t,
                  expected);
        free(t);
        *ok = 0;
        return def;
    }
    return fs.item->valuedouble;
}

/* Unknown keys of the entry and of the catalog definition. */
static void
check_keys(const entry_ctx *e)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, e->entry) {
        const char *k = it->string;
        if (in_list(k, def_keys) || in_list(k, entry_keys) ||
            strncmp(k, "x_", 2) == 0)
            continue;
        const char *s = suggest(k, def_keys, entry_keys);
        sc_jstep p[3] = {{"indicators", 0}, {NULL, e->index}, {k, 0}};
        char kb[48];
        report_at(e->m, &e->m->manifest, p, 3, 1, SC_SEV_ERROR,
                  "unknown indicator key '%s'%s%s%s; keys starting with x_ "
                  "are free for users",
                  short_key(kb, sizeof kb, k), s ? " (did you mean '" : "",
                  s ? s : "", s ? "'?)" : "");
    }
    if (e->cat && e->cat->root) {
        cJSON_ArrayForEach(it, e->cat->root) {
            const char *k = it->string;
            if (in_list(k, def_keys) || strncmp(k, "x_", 2) == 0)
                continue;
            const char *s = suggest(k, def_keys, NULL);
            sc_jstep p[1] = {{k, 0}};
            report_at(e->m, e->cat, p, 1, 1, SC_SEV_ERROR,
                      "unknown definition key '%s'%s%s%s; expected one of "
                      "the keys of SPEC §2.2",
                      k, s ? " (did you mean '" : "", s ? s : "",
                      s ? "'?)" : "");
        }
    }
}

/* Array of names or one name -> owned list. */
static int
names_of(const cJSON *v, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (cJSON_IsString(v)) {
        *out = calloc(1, sizeof **out);
        if (!*out || !((*out)[0] = sc_strdup(v->valuestring)))
            return -2;
        *n = 1;
        return 0;
    }
    if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) == 0)
        return -1;
    const cJSON *it;
    cJSON_ArrayForEach(it, v) {
        if (!cJSON_IsString(it))
            return -1;
    }
    size_t cnt = (size_t)cJSON_GetArraySize(v);
    *out = calloc(cnt, sizeof **out);
    if (!*out)
        return -2;
    cJSON_ArrayForEach(it, v) {
        if (!((*out)[*n] = sc_strdup(it->valuestring)))
            return -2;
        (*n)++;
    }
    return 0;
}

/* A `{"column": "text", ...}` object (filter, suppress_if): the columns
 * and the texts their cells must equal. Returns -1 only when out of
 * memory (e->m->fatal is set); a bad value is reported and clears *ok. */
static int
read_match(const entry_ctx *e, const char *key, const char *example,
           const char *meaning, char ***cols, char ***vals, size_t *n,
           int *ok)
{
    field_src fs;
    if (!lookup(e, key, &fs))
        return 0;
    if (!cJSON_IsObject(fs.item)) {
        bad_field(e, &fs, "bad value for '%s': expected an object such as %s",
                  key, example);
        *ok = 0;
        return 0;
    }
    size_t cnt = (size_t)cJSON_GetArraySize(fs.item);
    *cols = calloc(cnt + 1, sizeof **cols);
    *vals = calloc(cnt + 1, sizeof **vals);
    if (!*cols || !*vals) {
        e->m->fatal = SC_ERR_NOMEM;
        return -1;
    }
    const cJSON *it;
    cJSON_ArrayForEach(it, fs.item) {
        char *val = NULL;
        if (cJSON_IsString(it))
            val = sc_strdup(it->valuestring);
        else if (is_integer(it))
            val = sc_asprintf("%.0f", it->valuedouble);
        else {
            sc_jstep p[4] = {fs.path[0], fs.path[1], fs.path[2],
                             {it->string, 0}};
            report_at(e->m, fs.doc, p, fs.depth + 1, 0, SC_SEV_ERROR,
                      "%s.%s must be a text (%s)", key, it->string, meaning);
            *ok = 0;
            continue;
        }
        char *col = sc_strdup(it->string);
        if (!val || !col) {
            free(val);
            free(col);
            e->m->fatal = SC_ERR_NOMEM;
            return -1;
        }
        (*cols)[*n] = col;
        (*vals)[(*n)++] = val;
    }
    return 0;
}

/* The source-file settings: file, columns, ci_level, transform, filter,
 * thousands_separator. */
static void
read_source(const entry_ctx *e, sc_indicator *ind, int *ok)
{
    field_src fs;
    ind->ci_level = get_number(e, "ci_level", 95, 0, 1, 99.999, 0,
                               "a number between 0 and 100 (exclusive)", ok);
    for (int c = 0; c < SC_COL_COUNT; c++)
        ind->field[c] = -1;
    if (lookup(e, "columns", &fs)) {
        if (!cJSON_IsObject(fs.item)) {
            bad_field(e, &fs, "bad value for 'columns': expected an object "
                              "mapping canonical names to file columns");
            *ok = 0;
        } else {
            const cJSON *it;
            cJSON_ArrayForEach(it, fs.item) {
                if (strncmp(it->string, "x_", 2) == 0)
                    continue; /* free for users, like everywhere */
                int c = 0;
                while (c < SC_COL_COUNT &&
                       !sc_strieq(it->string, strlen(it->string),
                                  sc_col_names[c]))
                    c++;
                sc_jstep p[4] = {fs.path[0], fs.path[1], fs.path[2],
                                 {it->string, 0}};
                if (c == SC_COL_COUNT) {
                    report_at(e->m, fs.doc, p, fs.depth + 1, 1, SC_SEV_ERROR,
                              "unknown canonical column '%s' in columns; "
                              "expected one of geo_id, year, value, "
                              "numerator, denominator, moe, ci_low, ci_high, "
                              "subgroup, geo_name",
                              it->string);
                    *ok = 0;
                    continue;
                }
                if (ind->mapped[c]) {
                    report_at(e->m, fs.doc, p, fs.depth + 1, 1, SC_SEV_ERROR,
                              "column '%s' is mapped twice", it->string);
                    *ok = 0;
                    continue;
                }
                int r = names_of(it, &ind->names[c], &ind->ncols[c]);
                if (r == -2) {
                    e->m->fatal = SC_ERR_NOMEM;
                    return;
                }
                if (r == -1) {
                    report_at(e->m, fs.doc, p, fs.depth + 1, 0, SC_SEV_ERROR,
                              "columns.%s must be a column name or a "
                              "non-empty array of column names",
                              it->string);
                    *ok = 0;
                    continue;
                }
                ind->mapped[c] = 1;
            }
            if (ind->mapped[SC_COL_CI_LOW] != ind->mapped[SC_COL_CI_HIGH]) {
                bad_field(e, &fs, "ci_low and ci_high must be mapped "
                                  "together");
                *ok = 0;
            }
        }
    }
    ind->scale = 1;
    if (lookup(e, "transform", &fs)) {
        if (!cJSON_IsObject(fs.item)) {
            bad_field(e, &fs, "bad value for 'transform': expected an object "
                              "such as {\"scale\": 100, \"complement\": true}");
            *ok = 0;
        } else {
            const cJSON *it;
            cJSON_ArrayForEach(it, fs.item) {
                sc_jstep p[4] = {fs.path[0], fs.path[1], fs.path[2],
                                 {it->string, 0}};
                if (strcmp(it->string, "scale") == 0) {
                    if (!cJSON_IsNumber(it) || !(it->valuedouble > 0) ||
                        !isfinite(it->valuedouble)) {
                        report_at(e->m, fs.doc, p, fs.depth + 1, 0,
                                  SC_SEV_ERROR,
                                  "bad value for 'scale': expected a number "
                                  "> 0 (e.g. 100 for proportions)");
                        *ok = 0;
                    } else {
                        ind->scale = it->valuedouble;
                    }
                } else if (strcmp(it->string, "complement") == 0) {
                    if (!cJSON_IsBool(it)) {
                        report_at(e->m, fs.doc, p, fs.depth + 1, 0,
                                  SC_SEV_ERROR,
                                  "bad value for 'complement': expected true "
                                  "or false");
                        *ok = 0;
                    } else {
                        ind->complement = cJSON_IsTrue(it);
                    }
                } else if (strncmp(it->string, "x_", 2) != 0) {
                    report_at(e->m, fs.doc, p, fs.depth + 1, 1, SC_SEV_ERROR,
                              "unknown transform key '%s'; expected scale or "
                              "complement",
                              it->string);
                    *ok = 0;
                }
            }
        }
    }
    if (read_match(e, "filter", "{\"agegroup\": \"3-4\"}",
                   "the cell must equal it", &ind->filter_cols,
                   &ind->filter_vals, &ind->nfilter, ok) ||
        read_match(e, "suppress_if", "{\"quality\": \"3\"}",
                   "a row whose cells all equal their texts is suppressed",
                   &ind->supp_cols, &ind->supp_vals, &ind->nsupp, ok))
        return;
    ind->trend_years = (int)get_number(e, "trend_years", 0, 1, 0, 200, 1,
                                       "a whole number of years, 1 to 200",
                                       ok);
    if (lookup(e, "thousands_separator", &fs)) {
        const char *s = cJSON_IsString(fs.item) ? fs.item->valuestring : NULL;
        if (!s || strlen(s) != 1 || (s[0] >= '0' && s[0] <= '9') ||
            s[0] == '.' || s[0] == '-' || s[0] == '+') {
            bad_field(e, &fs, "bad value for 'thousands_separator': expected "
                              "one character such as \",\" (not a digit, "
                              "sign or '.')");
            *ok = 0;
        } else {
            ind->thousands_sep = s[0];
        }
    }
    char *deffile = sc_asprintf("%s.csv", ind->id);
    if (!deffile) {
        e->m->fatal = SC_ERR_NOMEM;
        return;
    }
    ind->file = get_string(e, "file", deffile, 0, ok, ind->id);
    if (ind->file && !ind->file[0]) {
        lookup(e, "file", &fs);
        bad_field(e, &fs, "bad value for 'file': expected a file name");
        *ok = 0;
        free(ind->file); /* go on with the default, <id>.csv */
        ind->file = deffile;
        deffile = NULL;
    }
    free(deffile);
    /* where to point at when the file cannot be read */
    long off = -1;
    if (lookup(e, "file", &fs))
        off = sc_json_find(fs.doc->text, fs.doc->len, fs.path, fs.depth, 0);
    const jdoc *rd = lookup(e, "file", &fs) ? fs.doc : &e->m->manifest;
    if (off < 0) {
        sc_jstep p[2] = {{"indicators", 0}, {NULL, e->index}};
        off = sc_json_find(e->m->manifest.text, e->m->manifest.len, p, 2, 0);
        rd = &e->m->manifest;
    }
    ind->ref_path = sc_strdup(rd->path);
    if (!ind->ref_path) {
        e->m->fatal = SC_ERR_NOMEM;
        return;
    }
    if (off >= 0)
        sc_json_linecol(rd->text, rd->len, (size_t)off, &ind->ref_line,
                        &ind->ref_col);
}

/* Find the catalog file for `use`: the dataset's indicators/ first, then
 * the catalog directory. Returns a new path or NULL when absent. */
static char *
catalog_path(const sc_dataset *ds, const char *use, int *outside)
{
    *outside = 0;
    const char *dirs[2];
    char *own = sc_path_join(ds->dir, "indicators");
    dirs[0] = own;
    dirs[1] = ds->catalog_dir;
    for (int i = 0; i < 2; i++) {
        if (!dirs[i])
            continue;
        char *name = sc_asprintf("%s.json", use);
        char *p = name ? sc_path_join(dirs[i], name) : NULL;
        free(name);
        struct stat sb;
        if (p && i == 0 && !ds->allow_outside && resolves_outside(ds, p)) {
            free(p); /* the dataset's own definition links outside it */
            free(own);
            *outside = 1;
            return NULL;
        }
        if (p && stat(p, &sb) == 0 && S_ISREG(sb.st_mode)) {
            free(own);
            return p;
        }
        free(p);
    }
    free(own);
    return NULL;
}

/* Build one indicator from manifest entry i. Returns 1 when it is usable. */
static int
read_indicator(mctx *m, size_t i, const cJSON *entry, sc_indicator *ind)
{
    sc_dataset *ds = m->ds;
    entry_ctx e = {m, i, entry, NULL};
    sc_jstep ep[2] = {{"indicators", 0}, {NULL, i}};
    if (!cJSON_IsObject(entry)) {
        report_at(m, &m->manifest, ep, 2, 0, SC_SEV_ERROR,
                  "an indicator entry must be an object with \"use\" (a "
                  "catalog id) or a full definition with \"id\"");
        return 0;
    }
    const cJSON *use = cJSON_GetObjectItemCaseSensitive(entry, "use");
    if (use) {
        sc_jstep up[3] = {{"indicators", 0}, {NULL, i}, {"use", 0}};
        if (!cJSON_IsString(use) || !is_slug(use->valuestring)) {
            char *t = show(use);
            report_at(m, &m->manifest, up, 3, 0, SC_SEV_ERROR,
                      "bad value for 'use': %s; expected an indicator id "
                      "[a-z0-9_]+ from the catalog",
                      t);
            free(t);
            return 0;
        }
        int outside;
        char *cp = catalog_path(ds, use->valuestring, &outside);
        if (!cp && outside) {
            report_at(m, &m->manifest, up, 3, 0, SC_SEV_ERROR,
                      "indicators/%s.json is a link to a file outside the "
                      "dataset directory; refused (pass "
                      "--allow-outside-paths if you trust it)",
                      use->valuestring);
            return 0;
        }
        if (!cp) {
            char *own = sc_path_join(ds->dir, "indicators");
            report_at(m, &m->manifest, up, 3, 0, SC_SEV_ERROR,
                      "unknown indicator '%s' in use: no %s.json in %s%s%s",
                      use->valuestring, use->valuestring,
                      own ? own : "indicators",
                      ds->catalog_dir ? " or " : "",
                      ds->catalog_dir ? ds->catalog_dir : "");
            free(own);
            return 0;
        }
        int io = 0;
        int r = read_json(m, &m->catalog[i], cp, NULL, NULL, 0, &io);
        free(cp);
        if (r)
            return 0;
        if (!cJSON_IsObject(m->catalog[i].root)) {
            note_status(m, sc_diag_addf(m->diags, SC_SEV_ERROR, "manifest",
                                        m->catalog[i].path, 1, 1,
                                        "an indicator definition must be a "
                                        "JSON object"));
            return 0;
        }
        e.cat = &m->catalog[i];
    } else if (!cJSON_GetObjectItemCaseSensitive(entry, "id")) {
        report_at(m, &m->manifest, ep, 2, 0, SC_SEV_ERROR,
                  "indicator entry has neither \"use\" (a catalog id) nor "
                  "\"id\" (an inline definition)");
        return 0;
    }
    check_keys(&e);

    int ok = 1;
    field_src fs;
    ind->id = get_string(&e, "id", "", 1, &ok, NULL);
    if (ind->id && ind->id[0] && !is_slug(ind->id)) {
        lookup(&e, "id", &fs);
        bad_field(&e, &fs, "bad value for 'id': \"%s\"; expected a slug of "
                           "a-z, 0-9 and _", ind->id);
        ok = 0;
    }
    if (!ind->id)
        goto nomem;
    if (!ind->id[0])
        return 0;
    int dup_id = 0;
    for (size_t k = 0; k < ds->ninds; k++) {
        if (strcmp(ds->inds[k].id, ind->id) == 0) {
            dup_id = 1;
            lookup(&e, "id", &fs);
            if (fs.item)
                bad_field(&e, &fs, "duplicate indicator id '%s'", ind->id);
            else
                bad_entry(&e, "duplicate indicator id");
            ok = 0;
        }
    }
    ind->name = get_string(&e, "name", ind->id, 1, &ok, ind->id);
    ind->domain = get_string(&e, "domain", "", 1, &ok, ind->id);
    ind->description = get_string(&e, "description", "", 0, &ok, ind->id);
    ind->source = get_string(&e, "source", "", 0, &ok, ind->id);
    ind->url = get_string(&e, "url", "", 0, &ok, ind->id);
    if (!ind->name || !ind->domain || !ind->description || !ind->source ||
        !ind->url)
        goto nomem;

    sc_direction dir = SC_HIGHER_IS_BETTER;
    if (lookup(&e, "direction", &fs)) {
        const char *s = cJSON_IsString(fs.item) ? fs.item->valuestring : "";
        if (strcmp(s, "higher_is_better") == 0)
            dir = SC_HIGHER_IS_BETTER;
        else if (strcmp(s, "lower_is_better") == 0)
            dir = SC_LOWER_IS_BETTER;
        else {
            char *t = show(fs.item);
            bad_field(&e, &fs, "bad value for 'direction': %s; expected "
                               "\"higher_is_better\" or \"lower_is_better\"",
                      t);
            free(t);
            ok = 0;
        }
    }
    if (lookup(&e, "unit", &fs) &&
        !(cJSON_IsString(fs.item) && strcmp(fs.item->valuestring, "percent") == 0)) {
        char *t = show(fs.item);
        bad_field(&e, &fs, "bad value for 'unit': %s; expected \"percent\" "
                           "(every indicator is on a 0-100 scale)", t);
        free(t);
        ok = 0;
    }
    ind->info.direction = dir;
    ind->info.target = get_number(&e, "target",
                                  dir == SC_HIGHER_IS_BETTER ? 100 : 0, 0, 0,
                                  100, 0, "a number from 0 to 100", &ok);
    ind->info.decimals = (int)get_number(&e, "decimals", 1, 0, 0, 4, 1,
                                         "an integer from 0 to 4", &ok);
    ind->info.min_denominator = get_number(&e, "min_denominator", 20, 0, 0,
                                           1e15, 1, "an integer >= 0", &ok);
    ind->info.weight = get_number(&e, "weight", 1, 0, 1, 1e15, 0,
                                  "a number > 0", &ok);
    ind->info.max_rse = get_number(&e, "max_rse", 0.3, 0, 1, 1e15, 0,
                                   "a number > 0", &ok);
    read_source(&e, ind, &ok);
    if (m->fatal)
        return 0;
    if (!ind->file)
        goto nomem;
    if (!ds->allow_outside && leaves_dataset(ind->file)) {
        lookup(&e, "file", &fs);
        if (fs.item)
            bad_field(&e, &fs, "file '%s' is outside the dataset directory; "
                               "use a path inside it (or pass "
                               "--allow-outside-paths if you trust this "
                               "manifest)",
                      ind->file);
        else
            bad_entry(&e, "file is outside the dataset directory");
        ok = 0;
        return 0;
    }
    ind->path = sc_path_join(ds->dir, ind->file);
    if (!ind->path)
        goto nomem;
    if (!ds->allow_outside && ind->file[0] &&
        resolves_outside(ds, ind->path)) {
        lookup(&e, "file", &fs);
        if (fs.item)
            bad_field(&e, &fs, "file '%s' is a link to a file outside the "
                               "dataset directory; refused (pass "
                               "--allow-outside-paths if you trust it)",
                      ind->file);
        else
            bad_entry(&e, "the file is a link outside the dataset "
                          "directory; refused");
        return 0;
    }
    ind->info.id = ind->id;
    ind->info.name = ind->name;
    ind->info.domain = ind->domain;
    ind->info.unit = "percent";
    ind->info.description = ind->description;
    ind->info.source = ind->source;
    ind->info.url = ind->url;
    ind->info.file = ind->file;
    ind->latest_year = SC_NO_YEAR;
    /* An entry with a bad field is still loaded (with that field's
     * default) so that its file's problems are reported too; the errors
     * already reported make the load fail. */
    (void)ok;
    return !dup_id;
nomem:
    m->fatal = SC_ERR_NOMEM;
    return 0;
}

/* Release one indicator's memory (used by the dataset destructor too). */
void
sc_indicator_clear(sc_indicator *ind)
{
    free(ind->lines.offsets);
    free(ind->id);
    free(ind->name);
    free(ind->domain);
    free(ind->description);
    free(ind->source);
    free(ind->url);
    free(ind->file);
    free(ind->path);
    free(ind->ref_path);
    for (int c = 0; c < SC_COL_COUNT; c++) {
        for (size_t k = 0; k < ind->ncols[c]; k++)
            free(ind->names[c][k]);
        free(ind->names[c]);
    }
    for (size_t k = 0; k < ind->nfilter; k++) {
        free(ind->filter_cols[k]);
        free(ind->filter_vals[k]);
    }
    free(ind->filter_cols);
    free(ind->filter_vals);
    for (size_t k = 0; k < ind->nsupp; k++) {
        free(ind->supp_cols[k]);
        free(ind->supp_vals[k]);
    }
    free(ind->supp_cols);
    free(ind->supp_vals);
    memset(ind, 0, sizeof *ind);
}

/* ------------------------------------------------------------- top level */

/* An optional top-level number. */
static double
top_number(mctx *m, const char *key, double def, double lo, int lo_open,
           double hi, int hi_open, int integer, const char *expected)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(m->manifest.root, key);
    if (!it)
        return def;
    int good = cJSON_IsNumber(it) && isfinite(it->valuedouble) &&
               (!integer || is_integer(it));
    if (good) {
        double v = it->valuedouble;
        good = (lo_open ? v > lo : v >= lo) && (hi_open ? v < hi : v <= hi);
    }
    if (!good) {
        sc_jstep p[1] = {{key, 0}};
        char *t = show(it);
        report_at(m, &m->manifest, p, 1, 0, SC_SEV_ERROR,
                  "bad value for '%s': %s; expected %s", key, t, expected);
        free(t);
        return def;
    }
    return it->valuedouble;
}

/* An optional (or required) top-level string; NULL when absent or bad. */
static char *
top_string(mctx *m, const char *key, int required)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(m->manifest.root, key);
    if (!it) {
        if (required)
            note_status(m, sc_diag_addf(m->diags, SC_SEV_ERROR, "manifest",
                                        m->manifest.path, 1, 1,
                                        "missing required key '%s' (a "
                                        "non-empty string)",
                                        key));
        return NULL;
    }
    if (!cJSON_IsString(it) || !it->valuestring[0]) {
        sc_jstep p[1] = {{key, 0}};
        char *t = show(it);
        report_at(m, &m->manifest, p, 1, 0, SC_SEV_ERROR,
                  "bad value for '%s': %s; expected a non-empty string", key,
                  t);
        free(t);
        return NULL;
    }
    sc_jstep p[1] = {{key, 0}};
    check_text(m, &m->manifest, p, 1, key, it->valuestring);
    char *s = sc_strdup(it->valuestring);
    if (!s)
        m->fatal = SC_ERR_NOMEM;
    return s;
}

sc_status
sc_manifest_load(sc_dataset *ds, const char *path, const sc_options *opt,
                 sc_diagnostics *diags)
{
    mctx m;
    memset(&m, 0, sizeof m);
    m.ds = ds;
    m.diags = diags;
    (void)opt;
    int io = 0;
    if (read_json(&m, &m.manifest, path, NULL, NULL, 0, &io)) {
        sc_status st = m.fatal ? m.fatal : (io ? SC_ERR_IO : SC_ERR_DATA);
        jdoc_free(&m.manifest);
        return st;
    }
    sc_status result = SC_OK;
    cJSON *root = m.manifest.root;
    if (!cJSON_IsObject(root)) {
        note_status(&m, sc_diag_addf(diags, SC_SEV_ERROR, "manifest", path, 1,
                                     1, "the manifest must be a JSON object "
                                        "with title and indicators"));
        result = SC_ERR_DATA;
        goto done;
    }
    const cJSON *it;
    cJSON_ArrayForEach(it, root) {
        if (in_list(it->string, top_keys) || strncmp(it->string, "x_", 2) == 0)
            continue;
        const char *s = suggest(it->string, top_keys, NULL);
        sc_jstep p[1] = {{it->string, 0}};
        char kb[48];
        report_at(&m, &m.manifest, p, 1, 1, SC_SEV_ERROR,
                  "unknown manifest key '%s'%s%s%s; expected one of title, "
                  "geographies, scope, indicators, domains, goal_year, "
                  "trend_years, alpha, rank_draws, seed, or a key starting "
                  "with x_",
                  short_key(kb, sizeof kb, it->string),
                  s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
    }
    ds->title = top_string(&m, "title", 1);
    if (!ds->title && !m.fatal)
        ds->title = sc_strdup("");
    char *geo = top_string(&m, "geographies", 0);
    if (geo && !ds->allow_outside && leaves_dataset(geo)) {
        sc_jstep gp[1] = {{"geographies", 0}};
        report_at(&m, &m.manifest, gp, 1, 0, SC_SEV_ERROR,
                  "geographies '%s' is outside the dataset directory; use a "
                  "path inside it (or pass --allow-outside-paths if you "
                  "trust this manifest)",
                  geo);
        free(geo);
        geo = NULL;
    }
    if (geo) {
        sc_jstep gp[1] = {{"geographies", 0}};
        long off = sc_json_find(m.manifest.text, m.manifest.len, gp, 1, 0);
        if (off >= 0)
            sc_json_linecol(m.manifest.text, m.manifest.len, (size_t)off,
                            &ds->geo_ref_line, &ds->geo_ref_col);
        ds->geo_path = sc_path_join(ds->dir, geo);
        free(geo);
        if (!ds->geo_path) {
            m.fatal = SC_ERR_NOMEM;
        } else if (!ds->allow_outside && resolves_outside(ds, ds->geo_path)) {
            report_at(&m, &m.manifest, gp, 1, 0, SC_SEV_ERROR,
                      "geographies '%s' is a link to a file outside the "
                      "dataset directory; refused (pass "
                      "--allow-outside-paths if you trust it)",
                      ds->geo_path);
            free(ds->geo_path);
            ds->geo_path = NULL;
        }
    }
    char *scope = top_string(&m, "scope", 0);
    if (scope) {
        if (strlen(scope) != 2 || scope[0] < '0' || scope[0] > '9' ||
            scope[1] < '0' || scope[1] > '9') {
            sc_jstep p[1] = {{"scope", 0}};
            report_at(&m, &m.manifest, p, 1, 0, SC_SEV_ERROR,
                      "bad value for 'scope': \"%s\"; expected a 2-digit "
                      "state FIPS code such as \"06\"",
                      scope);
            free(scope);
        } else {
            ds->scope = scope;
        }
    }
    const cJSON *gy = cJSON_GetObjectItemCaseSensitive(root, "goal_year");
    ds->goal_year_set = gy != NULL;
    ds->goal_year = (int)top_number(&m, "goal_year", 0, 1900, 0, 2200, 0, 1,
                                    "an integer year from 1900 to 2200");
    if (ds->goal_year == 0)
        ds->goal_year_set = 0;
    ds->trend_years = (int)top_number(&m, "trend_years", 10, 1, 0, 200, 0, 1,
                                      "an integer from 1 to 200");
    ds->alpha = top_number(&m, "alpha", 0.05, 0, 1, 1, 1, 0,
                           "a number between 0 and 1 (exclusive)");
    ds->rank_draws = (long)top_number(&m, "rank_draws", 1000, 0, 0, 1000000,
                                      0, 1, "an integer from 0 to 1000000");
    ds->seed = (unsigned long)top_number(&m, "seed", 1, 0, 0, 4294967295.0, 0,
                                         1, "an integer from 0 to 4294967295");

    /* indicators */
    const cJSON *inds = cJSON_GetObjectItemCaseSensitive(root, "indicators");
    if (!inds) {
        note_status(&m, sc_diag_addf(diags, SC_SEV_ERROR, "manifest", path, 1,
                                     1, "missing required key 'indicators' "
                                        "(a non-empty array)"));
    } else if (!cJSON_IsArray(inds) || cJSON_GetArraySize(inds) == 0) {
        sc_jstep p[1] = {{"indicators", 0}};
        report_at(&m, &m.manifest, p, 1, 0, SC_SEV_ERROR,
                  "bad value for 'indicators': expected a non-empty array of "
                  "indicator entries");
    } else {
        size_t n = (size_t)cJSON_GetArraySize(inds);
        if (n > 65000) {
            sc_jstep p[1] = {{"indicators", 0}};
            report_at(&m, &m.manifest, p, 1, 0, SC_SEV_ERROR,
                      "too many indicators (%lu); at most 65000 are "
                      "supported",
                      (unsigned long)n);
            result = SC_ERR_DATA;
            goto done;
        }
        ds->inds = calloc(n, sizeof *ds->inds);
        m.catalog = calloc(n, sizeof *m.catalog);
        if (!ds->inds || !m.catalog) {
            m.fatal = SC_ERR_NOMEM;
            goto done;
        }
        m.ncatalog = n;
        size_t i = 0;
        cJSON_ArrayForEach(it, inds) {
            sc_indicator *ind = &ds->inds[ds->ninds];
            if (read_indicator(&m, i, it, ind))
                ds->ninds++;
            else
                sc_indicator_clear(ind);
            if (m.fatal)
                goto done;
            i++;
        }
    }
    for (size_t k = 0; k < ds->ninds; k++)
        ds->inds[k].info.trend_years = ds->inds[k].trend_years
                                           ? ds->inds[k].trend_years
                                           : ds->trend_years;

    /* domains: given order, or order of first appearance */
    const cJSON *doms = cJSON_GetObjectItemCaseSensitive(root, "domains");
    if (doms) {
        int good = cJSON_IsArray(doms);
        cJSON_ArrayForEach(it, doms) {
            if (!cJSON_IsString(it) || !it->valuestring[0])
                good = 0;
        }
        if (!good) {
            sc_jstep p[1] = {{"domains", 0}};
            report_at(&m, &m.manifest, p, 1, 0, SC_SEV_ERROR,
                      "bad value for 'domains': expected an array of domain "
                      "names (display order)");
            doms = NULL;
        } else {
            size_t k = 0;
            cJSON_ArrayForEach(it, doms) {
                sc_jstep p[2] = {{"domains", 0}, {NULL, k++}};
                check_text(&m, &m.manifest, p, 2, "domain",
                           it->valuestring);
            }
        }
    }
    size_t cap = (doms ? (size_t)cJSON_GetArraySize(doms) : 0) + ds->ninds;
    ds->domains = calloc(cap + 1, sizeof *ds->domains);
    if (!ds->domains) {
        m.fatal = SC_ERR_NOMEM;
        goto done;
    }
    if (doms) {
        ds->domains_given = 1;
        cJSON_ArrayForEach(it, doms) {
            int dup = 0;
            for (size_t k = 0; k < ds->ndomains; k++)
                dup |= strcmp(ds->domains[k], it->valuestring) == 0;
            if (dup)
                continue;
            if (!(ds->domains[ds->ndomains] = sc_strdup(it->valuestring))) {
                m.fatal = SC_ERR_NOMEM;
                goto done;
            }
            ds->ndomains++;
        }
    }
    for (size_t i = 0; i < ds->ninds; i++) {
        const char *d = ds->inds[i].domain;
        if (!d[0])
            continue;
        size_t k = 0;
        while (k < ds->ndomains && strcmp(ds->domains[k], d) != 0)
            k++;
        if (k < ds->ndomains)
            continue;
        if (doms) {
            /* locate the indicator's domain where it was written */
            sc_jstep p[3] = {{"indicators", 0}, {NULL, 0}, {"domain", 0}};
            size_t idx = 0;
            cJSON_ArrayForEach(it, inds) {
                const cJSON *id = cJSON_GetObjectItemCaseSensitive(it, "id");
                const cJSON *use = cJSON_GetObjectItemCaseSensitive(it, "use");
                const char *s = cJSON_IsString(id) ? id->valuestring
                                : cJSON_IsString(use) ? use->valuestring : "";
                if (strcmp(s, ds->inds[i].id) == 0)
                    break;
                idx++;
            }
            p[1].index = idx;
            const jdoc *doc = &m.manifest;
            size_t depth = 3;
            if (sc_json_find(doc->text, doc->len, p, 3, 0) < 0 &&
                idx < m.ncatalog && m.catalog[idx].root) {
                doc = &m.catalog[idx];
                p[0] = (sc_jstep){"domain", 0};
                depth = 1;
            }
            report_at(&m, doc, p, depth, 0, SC_SEV_ERROR,
                      "indicator '%s': domain '%s' is not in the manifest's "
                      "domains",
                      ds->inds[i].id, d);
        } else {
            if (!(ds->domains[ds->ndomains] = sc_strdup(d))) {
                m.fatal = SC_ERR_NOMEM;
                goto done;
            }
            ds->ndomains++;
        }
    }
done:
    for (size_t i = 0; i < m.ncatalog; i++)
        jdoc_free(&m.catalog[i]);
    free(m.catalog);
    jdoc_free(&m.manifest);
    if (m.fatal)
        return m.fatal;
    return result;
}
