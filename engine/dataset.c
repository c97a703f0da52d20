/* SPDX-License-Identifier: MIT */
/*
 * Public entry points for datasets: sc_dataset_load() runs the loading
 * pipeline (manifest -> geographies -> observations -> validation) over
 * one sc_dataset, and the accessors read it back.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <scorecard/dataset.h>
#include <scorecard/options.h>

#include "internal.h"

SC_API void
sc_options_init(sc_options *opt)
{
    if (!opt)
        return;
    memset(opt, 0, sizeof *opt);
    opt->catalog_dir = NULL;
    opt->max_errors = 100;
}

SC_API void
sc_dataset_free(sc_dataset *ds)
{
    if (!ds)
        return;
    free(ds->dir);
    free(ds->manifest_path);
    free(ds->catalog_dir);
    free(ds->title);
    free(ds->scope);
    for (size_t i = 0; i < ds->ndomains; i++)
        free(ds->domains[i]);
    free(ds->domains);
    for (size_t i = 0; i < ds->ninds; i++)
        sc_indicator_clear(&ds->inds[i]);
    free(ds->inds);
    free(ds->geo_path);
    for (size_t i = 0; i < ds->ngeos; i++) {
        free(ds->geos[i].name);
        free(ds->geos[i].parent);
    }
    free(ds->geos);
    sc_strtab_free(&ds->geo_ids);
    sc_strtab_free(&ds->subgroups);
    sc_strtab_free(&ds->labels);
    free(ds->obs);
    free(ds->src);
    free(ds);
}

/* Split path into dataset directory and manifest path. */
static sc_status
resolve_paths(sc_dataset *ds, const char *path, sc_diagnostics *diags)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        int err = errno;
        sc_diag_addf(diags, SC_SEV_ERROR, "unreadable-file", path, 0, 0,
                     "cannot open dataset '%s': %s", path, strerror(err));
        return SC_ERR_IO;
    }
    if (S_ISDIR(sb.st_mode)) {
        ds->dir = sc_strdup(path);
        ds->manifest_path = sc_path_join(path, "scorecard.json");
    } else {
        const char *slash = strrchr(path, '/');
        ds->dir = slash ? sc_strndup(path, (size_t)(slash - path) + 1)
                        : sc_strdup("");
        ds->manifest_path = sc_strdup(path);
    }
    if (!ds->dir || !ds->manifest_path)
        return SC_ERR_NOMEM;
    if (!ds->allow_outside) {
        char *dir = realpath(ds->dir[0] ? ds->dir : ".", NULL);
        char *man = realpath(ds->manifest_path, NULL);
        int out = dir && man &&
                  !(strncmp(man, dir, strlen(dir)) == 0 &&
                    man[strlen(dir)] == '/');
        free(dir);
        free(man);
        if (out) {
            sc_diag_addf(diags, SC_SEV_ERROR, "unreadable-file",
                         ds->manifest_path, 0, 0,
                         "the manifest '%s' is a link to a file outside the "
                         "dataset directory; refused (pass "
                         "--allow-outside-paths if you trust it)",
                         ds->manifest_path);
            return SC_ERR_IO;
        }
    }
    return SC_OK;
}

SC_API sc_status
sc_dataset_load(const char *path, const sc_options *opt,
                sc_diagnostics *diags, sc_dataset **out)
{
    if (out)
        *out = NULL;
    if (!path || !diags || !out)
        return SC_ERR_INVALID_ARG;
    sc_options defaults;
    if (!opt) {
        sc_options_init(&defaults);
        opt = &defaults;
    }
    sc_stats_init();
    size_t errors_before = sc_diagnostics_total(diags, SC_SEV_ERROR);
    sc_dataset *ds = calloc(1, sizeof *ds);
    if (!ds)
        return SC_ERR_NOMEM;
    ds->trend_years = 10;
    ds->alpha = 0.05;
    ds->rank_draws = 1000;
    ds->seed = 1;
    ds->allow_outside = opt->allow_outside_paths;
    sc_status st = resolve_paths(ds, path, diags);
    if (st != SC_OK)
        goto fail;
    ds->catalog_dir = sc_strdup(opt->catalog_dir ? opt->catalog_dir
                                                 : SC_INSTALL_DATADIR
                                                   "/indicators");
    ds->allow_outside = opt->allow_outside_paths;
    size_t all;
    if (!ds->catalog_dir ||
        sc_strtab_intern(&ds->subgroups, "All", 3, &all) != SC_OK) {
        st = SC_ERR_NOMEM;
        goto fail;
    }
    st = sc_manifest_load(ds, ds->manifest_path, opt, diags);
    if (st != SC_OK)
        goto fail;
    st = sc_geo_load(ds, diags);
    if (st != SC_OK)
        goto fail;
    for (size_t i = 0; i < ds->ninds; i++) {
        st = sc_load_observations(ds, i, diags);
        if (st != SC_OK)
            goto fail;
    }
    st = sc_geo_finish(ds);
    if (st != SC_OK)
        goto fail;
    st = sc_validate_dataset(ds, diags);
    if (st != SC_OK)
        goto fail;
    if (sc_diagnostics_total(diags, SC_SEV_ERROR) > errors_before) {
        st = SC_ERR_DATA;
        goto fail;
    }
    *out = ds;
    return SC_OK;
fail:
    sc_dataset_free(ds);
    return st;
}

/* ------------------------------------------------------------- accessors */

SC_API const char *
sc_dataset_title(const sc_dataset *ds)
{
    return ds ? ds->title : NULL;
}

SC_API const char *
sc_dataset_manifest_path(const sc_dataset *ds)
{
    return ds ? ds->manifest_path : NULL;
}

SC_API int
sc_dataset_goal_year(const sc_dataset *ds)
{
    return ds ? ds->goal_year : 0;
}

SC_API int
sc_dataset_trend_years(const sc_dataset *ds)
{
    return ds ? ds->trend_years : 0;
}

SC_API double
sc_dataset_alpha(const sc_dataset *ds)
{
    return ds ? ds->alpha : NAN;
}

SC_API long
sc_dataset_rank_draws(const sc_dataset *ds)
{
    return ds ? ds->rank_draws : 0;
}

SC_API unsigned long
sc_dataset_seed(const sc_dataset *ds)
{
    return ds ? ds->seed : 0;
}

SC_API const char *
sc_dataset_scope(const sc_dataset *ds)
{
    return ds ? ds->scope : NULL;
}

SC_API size_t
sc_dataset_domain_count(const sc_dataset *ds)
{
    return ds ? ds->ndomains : 0;
}

SC_API const char *
sc_dataset_domain(const sc_dataset *ds, size_t i)
{
    return ds && i < ds->ndomains ? ds->domains[i] : NULL;
}

SC_API size_t
sc_dataset_indicator_count(const sc_dataset *ds)
{
    return ds ? ds->ninds : 0;
}

SC_API const sc_indicator_info *
sc_dataset_indicator(const sc_dataset *ds, size_t i)
{
    return ds && i < ds->ninds ? &ds->inds[i].info : NULL;
}

SC_API size_t
sc_dataset_geography_count(const sc_dataset *ds)
{
    return ds ? ds->ngeos : 0;
}

SC_API const sc_geography_info *
sc_dataset_geography(const sc_dataset *ds, size_t i)
{
    return ds && i < ds->ngeos ? &ds->geos[i].info : NULL;
}

SC_API sc_status
sc_dataset_find_geography(const sc_dataset *ds, const char *geo_id,
                          size_t *index)
{
    if (!ds || !geo_id || !index)
        return SC_ERR_INVALID_ARG;
    long i = sc_strtab_find(&ds->geo_ids, geo_id, strlen(geo_id));
    if (i < 0)
        return SC_ERR_INVALID_ARG;
    *index = (size_t)i;
    return SC_OK;
}

SC_API size_t
sc_dataset_observation_count(const sc_dataset *ds)
{
    return ds ? ds->nobs : 0;
}

SC_API sc_status
sc_dataset_observation(const sc_dataset *ds, size_t i, sc_observation *out)
{
    if (!ds || !out || i >= ds->nobs)
        return SC_ERR_INVALID_ARG;
    const sc_obs *o = &ds->obs[i];
    out->geography = o->geo;
    out->indicator = o->ind;
    out->subgroup = ds->subgroups.strs[o->subgroup];
    out->year = o->year;
    out->year_label = o->label ? ds->labels.strs[o->label - 1] : NULL;
    out->value = o->value;
    out->moe = o->moe;
    out->numerator = o->num;
    out->denominator = o->den;
    out->reason = (sc_reason)o->reason;
    out->unstable = o->unstable;
    return SC_OK;
}
