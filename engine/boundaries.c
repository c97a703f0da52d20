/* SPDX-License-Identifier: MIT */
/*
 * Load stage: the boundary file for maps (boundaries.h). It is read with
 * cJSON and checked whole before use: every shape needs a name, a bbox of
 * four integers and path data (or, for a point, none), so that an emitter
 * never meets a half-formed shape.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "boundaries.h"
#include "util.h"

#define MAX_BOUNDARY_BYTES (64L * 1024 * 1024)

struct sc_boundaries {
    cJSON *root;        /* owns every string the shapes point to */
    sc_shape *counties; /* sorted by id */
    size_t ncounties;
    sc_shape *states;   /* sorted by id */
    size_t nstates;
    double width, height, unit;
    char *source;
};

static int
cmp_shape(const void *a, const void *b)
{
    return strcmp(((const sc_shape *)a)->id, ((const sc_shape *)b)->id);
}

/* The file's text, or NULL with *why set (errno text, or a reason). */
static char *
slurp(const char *path, size_t *len, const char **why)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *why = strerror(errno);
        return NULL;
    }
    struct stat sb;
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        fclose(f);
        *why = "not a regular file";
        return NULL;
    }
    if (sb.st_size > MAX_BOUNDARY_BYTES) {
        fclose(f);
        *why = "larger than the 64 MiB limit for a boundary file";
        return NULL;
    }
    sc_buf b = {0};
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (sc_buf_append(&b, chunk, got) != SC_OK) {
            fclose(f);
            sc_buf_free(&b);
            *why = NULL; /* out of memory */
            return NULL;
        }
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        sc_buf_free(&b);
        *why = "read error";
        return NULL;
    }
    *len = b.len;
    return b.data ? b.data : sc_strdup("");
}

/* Read one collection ("counties" or "states") into *out. Returns 0, or
 * -1 with *what naming the first bad entry's problem. */
static int
read_shapes(const cJSON *coll, size_t idlen, sc_shape **out, size_t *n,
            const char **bad_id, const char **what)
{
    *out = NULL;
    *n = 0;
    if (!cJSON_IsObject(coll)) {
        *what = "expected an object of shapes by FIPS code";
        return -1;
    }
    size_t cap = (size_t)cJSON_GetArraySize(coll);
    *out = calloc(cap ? cap : 1, sizeof **out);
    if (!*out) {
        *what = NULL;
        return -1;
    }
    const cJSON *it;
    cJSON_ArrayForEach(it, coll) {
        *bad_id = it->string;
        const char *id = it->string;
        int digits = strlen(id) == idlen;
        for (size_t k = 0; digits && k < idlen; k++)
            digits = id[k] >= '0' && id[k] <= '9';
        if (!digits) {
            *what = idlen == 5 ? "a county's id must be a 5-digit FIPS code"
                               : "a state's id must be a 2-digit FIPS code";
            return -1;
        }
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(it, "name");
        const cJSON *bbox = cJSON_GetObjectItemCaseSensitive(it, "bbox");
        const cJSON *d = cJSON_GetObjectItemCaseSensitive(it, "d");
        if (!cJSON_IsString(name)) {
            *what = "missing \"name\" (a string)";
            return -1;
        }
        if (!cJSON_IsArray(bbox) || cJSON_GetArraySize(bbox) != 4) {
            *what = "\"bbox\" must be 4 integers [x0, y0, x1, y1]";
            return -1;
        }
        sc_shape *s = &(*out)[(*n)++];
        for (int k = 0; k < 4; k++) {
            const cJSON *v = cJSON_GetArrayItem(bbox, k);
            if (!cJSON_IsNumber(v) || v->valuedouble != (long)v->valuedouble ||
                v->valuedouble < -1e9 || v->valuedouble > 1e9) {
                *what = "\"bbox\" must be 4 integers [x0, y0, x1, y1]";
                return -1;
            }
            s->bbox[k] = (long)v->valuedouble;
        }
        if (s->bbox[0] > s->bbox[2] || s->bbox[1] > s->bbox[3]) {
            *what = "\"bbox\" has x0 > x1 or y0 > y1";
            return -1;
        }
        if (d && !cJSON_IsString(d)) {
            *what = "\"d\" must be SVG path data (a string)";
            return -1;
        }
        /* path data goes into the page verbatim: only its own alphabet */
        if (d) {
            for (const char *p = d->valuestring; *p; p++)
                if (!strchr("0123456789 -.,MmLlHhVvZz", *p)) {
                    *what = "\"d\" holds a character that is not SVG path "
                            "data (digits, signs, spaces and M L H V Z)";
                    return -1;
                }
        }
        s->id = id;
        s->name = name->valuestring;
        s->d = d ? d->valuestring : NULL;
    }
    qsort(*out, *n, sizeof **out, cmp_shape);
    for (size_t k = 1; k < *n; k++)
        if (strcmp((*out)[k - 1].id, (*out)[k].id) == 0) {
            *bad_id = (*out)[k].id;
            *what = "listed twice";
            return -1;
        }
    return 0;
}

sc_status
sc_boundaries_load(const char *path, sc_diagnostics *diags,
                   sc_boundaries **out)
{
    *out = NULL;
    size_t len = 0;
    const char *why = NULL;
    char *text = slurp(path, &len, &why);
    if (!text) {
        if (!why)
            return SC_ERR_NOMEM;
        sc_status st = sc_diag_addf(diags, SC_SEV_ERROR, "boundaries", path,
                                    0, 0,
                                    "cannot read the boundary file '%s': %s "
                                    "(it is installed with scorecard; "
                                    "engine/boundaries/ in the source tree)",
                                    path, why);
        return st == SC_ERR_NOMEM ? st : SC_ERR_IO;
    }
    sc_boundaries *b = calloc(1, sizeof *b);
    if (!b) {
        free(text);
        return SC_ERR_NOMEM;
    }
    b->root = cJSON_ParseWithLength(text, len);
    free(text);
    const char *what = NULL, *bad_id = NULL;
    const cJSON *r = b->root;
    if (!r) {
        what = "not valid JSON";
        goto bad;
    }
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(r, "format");
    const cJSON *ver = cJSON_GetObjectItemCaseSensitive(r, "version");
    if (!cJSON_IsString(fmt) ||
        strcmp(fmt->valuestring, "scorecard-boundaries") != 0 ||
        !cJSON_IsNumber(ver) || ver->valuedouble != 1) {
        what = "not a scorecard-boundaries version 1 file";
        goto bad;
    }
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(r, "width");
    const cJSON *h = cJSON_GetObjectItemCaseSensitive(r, "height");
    const cJSON *u = cJSON_GetObjectItemCaseSensitive(r, "unit");
    if (!cJSON_IsNumber(w) || !cJSON_IsNumber(h) || !cJSON_IsNumber(u) ||
        !(w->valuedouble > 0) || !(h->valuedouble > 0) ||
        !(u->valuedouble > 0)) {
        what = "\"width\", \"height\" and \"unit\" must be numbers > 0";
        goto bad;
    }
    b->width = w->valuedouble;
    b->height = h->valuedouble;
    b->unit = u->valuedouble;
    const cJSON *src = cJSON_GetObjectItemCaseSensitive(r, "source");
    const cJSON *pkg = cJSON_GetObjectItemCaseSensitive(src, "package");
    const cJSON *lic = cJSON_GetObjectItemCaseSensitive(src, "licence");
    if (!cJSON_IsString(pkg) || !cJSON_IsString(lic)) {
        what = "\"source\" must give \"package\" and \"licence\"";
        goto bad;
    }
    b->source = sc_asprintf("%s; %s", pkg->valuestring, lic->valuestring);
    if (!b->source) {
        sc_boundaries_free(b);
        return SC_ERR_NOMEM;
    }
    if (read_shapes(cJSON_GetObjectItemCaseSensitive(r, "counties"), 5,
                    &b->counties, &b->ncounties, &bad_id, &what) ||
        read_shapes(cJSON_GetObjectItemCaseSensitive(r, "states"), 2,
                    &b->states, &b->nstates, &bad_id, &what)) {
        if (!what) {
            sc_boundaries_free(b);
            return SC_ERR_NOMEM;
        }
        goto bad;
    }
    *out = b;
    return SC_OK;
bad: {
    sc_status st =
        bad_id ? sc_diag_addf(diags, SC_SEV_ERROR, "boundaries", path, 0, 0,
                           "boundary file '%s': shape '%s': %s; regenerate "
                           "it with engine/boundaries/convert_us_atlas.py",
                           path, bad_id, what)
            : sc_diag_addf(diags, SC_SEV_ERROR, "boundaries", path, 0, 0,
                           "boundary file '%s': %s; regenerate it with "
                           "engine/boundaries/convert_us_atlas.py",
                           path, what);
    sc_boundaries_free(b);
    return st == SC_ERR_NOMEM ? st : SC_ERR_DATA;
}
}

void
sc_boundaries_free(sc_boundaries *b)
{
    if (!b)
        return;
    cJSON_Delete(b->root);
    free(b->counties);
    free(b->states);
    free(b->source);
    free(b);
}

static const sc_shape *
find(const sc_shape *v, size_t n, const char *id)
{
    if (!id)
        return NULL;
    sc_shape key = {.id = id};
    return n ? bsearch(&key, v, n, sizeof *v, cmp_shape) : NULL;
}

const sc_shape *
sc_boundaries_county(const sc_boundaries *b, const char *id)
{
    return b ? find(b->counties, b->ncounties, id) : NULL;
}

const sc_shape *
sc_boundaries_state(const sc_boundaries *b, const char *id)
{
    return b ? find(b->states, b->nstates, id) : NULL;
}

void
sc_boundaries_plane(const sc_boundaries *b, double *width, double *height,
                    double *unit)
{
    *width = b->width;
    *height = b->height;
    *unit = b->unit;
}

const char *
sc_boundaries_source(const sc_boundaries *b)
{
    return b->source;
}
