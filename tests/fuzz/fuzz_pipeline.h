/* SPDX-License-Identifier: MIT */
/*
 * The whole-dataset pipeline shared by fuzz_manifest.c and fuzz_dataset.c:
 * sc_dataset_load -> (read everything back) -> sc_compute -> (read every
 * figure back) -> optionally sc_write_json / sc_write_csv -> free.
 *
 * Oracles (abort = reported as a crash, see FZ_CHECK), all from the public
 * headers' documentation:
 *   - sc_dataset_load returns SC_OK or SC_ERR_DATA here (the manifest is a
 *     readable file), gives a dataset exactly on SC_OK, and SC_ERR_DATA
 *     exactly when errors were reported;
 *   - sc_compute of a loaded dataset returns SC_OK or SC_ERR_INTERNAL
 *     (memory cannot run out under the fuzzer's rss limit);
 *   - every accessor in range returns SC_OK / non-NULL, out of range
 *     SC_ERR_INVALID_ARG / NULL;
 *   - sc_write_json / sc_write_csv into the writable work directory
 *     succeed; the JSON parses (cJSON), is valid UTF-8 and has no raw
 *     control character inside a string; the CSV reads back with
 *     sc_csv_read without a single diagnostic.
 */
#ifndef SC_FUZZ_PIPELINE_H
#define SC_FUZZ_PIPELINE_H

#include <cjson/cJSON.h>
#include <math.h>

#include "fuzz_common.h"

#include "csvfile.h"
#include "internal.h"

/* A small catalog definition, written as indicators/demo.json. */
static const char FZ_DEMO_JSON[] =
    "{\n"
    "  \"id\": \"demo\",\n"
    "  \"name\": \"Demo indicator\",\n"
    "  \"domain\": \"Health\",\n"
    "  \"direction\": \"lower_is_better\",\n"
    "  \"target\": 5,\n"
    "  \"unit\": \"percent\",\n"
    "  \"decimals\": 2,\n"
    "  \"min_denominator\": 10,\n"
    "  \"weight\": 2,\n"
    "  \"max_rse\": 0.5,\n"
    "  \"description\": \"A definition written by the fuzz harness.\",\n"
    "  \"source\": \"fuzz\",\n"
    "  \"url\": \"https://example.org/demo\"\n"
    "}\n";

/* Lower rank_draws of a fuzzer-made manifest (see FZ_MAX_RANK_DRAWS). */
static void
fz_cap_rank_draws(sc_dataset *ds)
{
    if (ds->rank_draws > FZ_MAX_RANK_DRAWS)
        ds->rank_draws = FZ_MAX_RANK_DRAWS;
}

static size_t
fz_len(const char *s)
{
    return s ? strlen(s) : 0;
}

/* Read every accessor of a loaded dataset. */
static void
fz_touch_dataset(const sc_dataset *ds)
{
    size_t sum = 0;
    FZ_CHECK(sc_dataset_title(ds) != NULL, "NULL title");
    FZ_CHECK(sc_dataset_manifest_path(ds) != NULL, "NULL manifest path");
    sum += fz_len(sc_dataset_title(ds)) + fz_len(sc_dataset_manifest_path(ds));
    sum += fz_len(sc_dataset_scope(ds));
    sum += (size_t)sc_dataset_goal_year(ds) +
           (size_t)sc_dataset_trend_years(ds) +
           (size_t)sc_dataset_rank_draws(ds) + sc_dataset_seed(ds);
    fz_sink += (size_t)(sc_dataset_alpha(ds) * 1000);

    size_t nd = sc_dataset_domain_count(ds);
    for (size_t i = 0; i < nd; i++) {
        FZ_CHECK(sc_dataset_domain(ds, i) != NULL, "domain %zu NULL", i);
        sum += strlen(sc_dataset_domain(ds, i));
    }
    FZ_CHECK(sc_dataset_domain(ds, nd) == NULL, "domain past the end");

    size_t ni = sc_dataset_indicator_count(ds);
    for (size_t i = 0; i < ni; i++) {
        const sc_indicator_info *in = sc_dataset_indicator(ds, i);
        FZ_CHECK(in != NULL, "indicator %zu NULL", i);
        FZ_CHECK(in->id && in->name && in->domain && in->unit &&
                     in->description && in->source && in->url && in->file,
                 "indicator %zu has a NULL string", i);
        sum += strlen(in->id) + strlen(in->name) + strlen(in->domain) +
               strlen(in->unit) + strlen(in->description) +
               strlen(in->source) + strlen(in->url) + strlen(in->file);
        FZ_CHECK(in->decimals >= 0 && in->decimals <= 4,
                 "indicator %zu has decimals %d", i, in->decimals);
    }
    FZ_CHECK(sc_dataset_indicator(ds, ni) == NULL, "indicator past the end");

    size_t ng = sc_dataset_geography_count(ds);
    for (size_t i = 0; i < ng; i++) {
        const sc_geography_info *g = sc_dataset_geography(ds, i);
        FZ_CHECK(g != NULL, "geography %zu NULL", i);
        FZ_CHECK(g->geo_id && g->name && g->parent,
                 "geography %zu has a NULL string", i);
        sum += strlen(g->geo_id) + strlen(g->name) + strlen(g->parent);
        size_t back = SIZE_MAX;
        FZ_CHECK(sc_dataset_find_geography(ds, g->geo_id, &back) == SC_OK &&
                     back == i,
                 "find_geography('%s') does not give %zu back", g->geo_id, i);
    }
    FZ_CHECK(sc_dataset_geography(ds, ng) == NULL, "geography past the end");

    size_t no = sc_dataset_observation_count(ds);
    for (size_t i = 0; i < no; i++) {
        sc_observation o;
        FZ_CHECK(sc_dataset_observation(ds, i, &o) == SC_OK,
                 "observation %zu", i);
        FZ_CHECK(o.geography < ng && o.indicator < ni,
                 "observation %zu points at geography %zu / indicator %zu",
                 i, o.geography, o.indicator);
        FZ_CHECK(o.subgroup != NULL, "observation %zu NULL subgroup", i);
        sum += strlen(o.subgroup) + fz_len(o.year_label);
    }
    sc_observation o;
    FZ_CHECK(sc_dataset_observation(ds, no, &o) == SC_ERR_INVALID_ARG,
             "observation past the end");
    fz_sink += sum;
}

static void
fz_touch_score(const sc_score_result *s)
{
    fz_sink += (size_t)s->rank + (size_t)s->of + (size_t)s->quartile +
               s->scored + s->total + (isnan(s->score) ? 1 : 0);
}

/* Read every figure of computed results. */
static void
fz_touch_results(const sc_dataset *ds, const sc_results *r)
{
    size_t ng = sc_dataset_geography_count(ds);
    size_t ni = sc_dataset_indicator_count(ds);
    size_t nd = sc_dataset_domain_count(ds);
    size_t sum = 0;
    for (size_t g = 0; g < ng; g++) {
        for (size_t i = 0; i < ni; i++) {
            sc_indicator_result x;
            FZ_CHECK(sc_results_indicator(r, g, i, &x) == SC_OK,
                     "sc_results_indicator(%zu, %zu)", g, i);
            sum += fz_len(x.vs_benchmark) + fz_len(x.status) +
                   fz_len(x.projection) + fz_len(x.pace);
            sum += (size_t)x.rank + (size_t)x.rank_low + (size_t)x.rank_high;
        }
        for (size_t k = 0; k < nd; k++) {
            sc_score_result s;
            FZ_CHECK(sc_results_domain(r, g, k, &s) == SC_OK,
                     "sc_results_domain(%zu, %zu)", g, k);
            fz_touch_score(&s);
        }
        sc_score_result s;
        FZ_CHECK(sc_results_overall(r, g, &s) == SC_OK,
                 "sc_results_overall(%zu)", g);
        fz_touch_score(&s);
    }
    sc_indicator_result x;
    sc_score_result s;
    FZ_CHECK(sc_results_indicator(r, ng, 0, &x) == SC_ERR_INVALID_ARG,
             "sc_results_indicator past the end");
    FZ_CHECK(sc_results_domain(r, 0, nd, &s) == SC_ERR_INVALID_ARG,
             "sc_results_domain past the end");
    FZ_CHECK(sc_results_overall(r, ng, &s) == SC_ERR_INVALID_ARG,
             "sc_results_overall past the end");
    fz_sink += sum;
}

static sc_status
fz_count_rec(void *ctx, const sc_csv_rec *rec)
{
    (void)rec;
    (*(size_t *)ctx)++;
    return SC_OK;
}

static void
fz_dump_diags(const sc_diagnostics *d)
{
    char buf[1024];
    for (size_t i = 0; i < sc_diagnostics_count(d); i++) {
        sc_diag_format(sc_diagnostics_get(d, i), buf, sizeof buf);
        fprintf(stderr, "  [%s] %s\n", sc_diagnostics_get(d, i)->code, buf);
    }
}

/* Write the JSON and CSV outputs into dir and check them. */
static void
fz_write_outputs(const char *dir, const sc_results *r)
{
    char *json = fz_path(dir, "out.json");
    char *csv = fz_path(dir, "out.csv");
    sc_diagnostics *d = sc_diagnostics_new(0);
    if (!d)
        FZ_DIE("out of memory");

    sc_status st = sc_write_json(r, json, d);
    if (st != SC_OK)
        fz_dump_diags(d);
    FZ_CHECK(st == SC_OK, "sc_write_json returned %s", sc_status_name(st));
    size_t n = 0;
    char *text = fz_slurp(json, &n);
    FZ_CHECK(text != NULL, "sc_write_json left no file");
    cJSON *root = cJSON_ParseWithLength(text, n);
    if (!root) {
        const char *e = cJSON_GetErrorPtr();
        fprintf(stderr, "invalid JSON near byte %ld: %.80s\n",
                e ? (long)(e - text) : -1L, e ? e : "");
    }
    FZ_CHECK(root != NULL, "sc_write_json wrote invalid JSON (%zu bytes)", n);
    cJSON_Delete(root);
    /* cJSON is lenient: also check what RFC 8259 requires of the text */
    size_t ok = sc_utf8_valid_prefix(text, n);
    FZ_CHECK(ok == n, "sc_write_json wrote invalid UTF-8 at byte %zu", ok);
    int in_str = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (in_str && ch == '\\') {
            i++;
        } else if (ch == '"') {
            in_str = !in_str;
        } else {
            FZ_CHECK(!in_str || ch >= 0x20,
                     "sc_write_json wrote a raw control byte 0x%02X in a "
                     "string at byte %zu", ch, i);
        }
    }
    free(text);

    st = sc_write_csv(r, csv, d);
    if (st != SC_OK)
        fz_dump_diags(d);
    FZ_CHECK(st == SC_OK, "sc_write_csv returned %s", sc_status_name(st));
    sc_diagnostics *d2 = sc_diagnostics_new(0);
    if (!d2)
        FZ_DIE("out of memory");
    size_t recs = 0;
    st = sc_csv_read(csv, NULL, d2, NULL, fz_count_rec, &recs);
    if (sc_diagnostics_count(d2))
        fz_dump_diags(d2);
    FZ_CHECK(st == SC_OK && sc_diagnostics_count(d2) == 0 && recs >= 1,
             "sc_write_csv output does not read back cleanly (%s, %zu "
             "diagnostics, %zu records)",
             sc_status_name(st), sc_diagnostics_count(d2), recs);
    sc_diagnostics_free(d2);

    FZ_CHECK(sc_diagnostics_count(d) == 0, "writing reported diagnostics");
    unlink(json);
    unlink(csv);
    sc_diagnostics_free(d);
    free(json);
    free(csv);
}

/* Load dir with catalog, compute, optionally write; free everything. */
static void
fz_pipeline(const char *dir, const char *catalog, int write_outputs)
{
    sc_options opt;
    sc_options_init(&opt);
    opt.catalog_dir = catalog;
    sc_diagnostics *d = sc_diagnostics_new(0);
    if (!d)
        FZ_DIE("out of memory");
    sc_dataset *ds = NULL;
    sc_status st = sc_dataset_load(dir, &opt, d, &ds);
    size_t errors = sc_diagnostics_total(d, SC_SEV_ERROR);
    FZ_CHECK(st == SC_OK || st == SC_ERR_DATA,
             "sc_dataset_load returned %s", sc_status_name(st));
    FZ_CHECK((st == SC_OK) == (ds != NULL),
             "sc_dataset_load returned %s with dataset %p",
             sc_status_name(st), (void *)ds);
    FZ_CHECK((st == SC_ERR_DATA) == (errors > 0),
             "sc_dataset_load returned %s with %zu errors",
             sc_status_name(st), errors);
    fz_sink += fz_touch_diags(d);
    int verbose = getenv("FZ_VERBOSE") != NULL;
    if (verbose) {
        fprintf(stderr, "sc_dataset_load: %s, %zu errors, %zu warnings\n",
                sc_status_name(st), errors,
                sc_diagnostics_total(d, SC_SEV_WARNING));
        fz_dump_diags(d);
    }
    if (ds) {
        fz_touch_dataset(ds);
        fz_cap_rank_draws(ds);
        sc_results *r = NULL;
        st = sc_compute(ds, &r);
        FZ_CHECK(st == SC_OK || st == SC_ERR_INTERNAL,
                 "sc_compute returned %s", sc_status_name(st));
        FZ_CHECK((st == SC_OK) == (r != NULL),
                 "sc_compute returned %s with results %p",
                 sc_status_name(st), (void *)r);
        if (verbose)
            fprintf(stderr, "sc_compute: %s (%zu geographies, %zu "
                            "indicators, %zu observations)\n",
                    sc_status_name(st), sc_dataset_geography_count(ds),
                    sc_dataset_indicator_count(ds),
                    sc_dataset_observation_count(ds));
        if (r) {
            fz_touch_results(ds, r);
            if (write_outputs)
                fz_write_outputs(dir, r);
            sc_results_free(r);
        }
        sc_dataset_free(ds);
    }
    sc_diagnostics_free(d);
}

#endif /* SC_FUZZ_PIPELINE_H */
