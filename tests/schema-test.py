#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Validate real scorecard JSON output against engine/schema/scorecard.schema.json.

Usage: schema-test.py SCHEMA SCORECARD_JSON [SPLIT_DIR]

- checks the schema itself (Draft202012Validator.check_schema);
- validates SCORECARD_JSON, and every *.json in SPLIT_DIR (--split output):
  each split file must hold exactly one geography, the same head (every
  top-level key but `geographies`) as the full file, be named
  <geo_id>.json, and equal the full file's entry for that geography;
- checks what JSON Schema cannot (SPEC §5.1): keys in the normative order
  (the order of the schema's `properties`), geographies sorted by geo_id,
  each geography's domains and indicators in the head's order, subgroups
  by name; strict JSON (no NaN/Infinity, no duplicate keys, UTF-8, no BOM);
- negative self-check: five corrupted copies of the document must each be
  rejected at the corrupted place, proving the schema can fail.

Every error is printed with its JSON path. Exit 0 when everything is valid,
1 on any error, 2 on a usage error, 77 (skipped) without python3-jsonschema.
Keys the schema does not declare are allowed (SPEC §5.1: "a key may be
added") but are listed as warnings so the schema can be kept in step.
"""
import copy
import json
import os
import sys

try:
    import jsonschema
    from jsonschema import Draft202012Validator
except ImportError as e:  # includes jsonschema < 4 (no Draft202012Validator)
    print("schema-test: SKIP: python3-jsonschema with draft 2020-12 support "
          "is not available (%s)" % e)
    sys.exit(77)

MAX_PRINTED = int(os.environ.get("SCHEMA_TEST_MAX_ERRORS", "200"))


def jpath(parts):
    """A JSONPath-style rendering of a path (deque or list of keys/indexes)."""
    out = "$"
    for p in parts:
        if isinstance(p, int):
            out += "[%d]" % p
        elif p.isidentifier():
            out += "." + p
        else:
            out += "[" + json.dumps(p) + "]"
    return out


class Report:
    def __init__(self):
        self.errors = 0
        self.printed = 0
        self.warnings = set()

    def error(self, where, path, message):
        self.errors += 1
        if self.printed < MAX_PRINTED:
            print("%s: %s: %s" % (where, path, message))
            self.printed += 1
        elif self.printed == MAX_PRINTED:
            print("... more errors not shown (SCHEMA_TEST_MAX_ERRORS=%d)"
                  % MAX_PRINTED)
            self.printed += 1

    def warn(self, text):
        if text not in self.warnings:
            self.warnings.add(text)
            print("warning: " + text)


def load_json(path, rep):
    """Strict load: UTF-8 without BOM, no NaN/Infinity, no duplicate keys."""
    def no_constant(name):
        raise ValueError("non-JSON number %s (SPEC §5.1: null instead)" % name)

    def no_dupes(pairs):
        d = {}
        for k, v in pairs:
            if k in d:
                raise ValueError("duplicate key %r" % k)
            d[k] = v
        return d

    try:
        with open(path, "rb") as f:
            raw = f.read()
        if raw.startswith(b"\xef\xbb\xbf"):
            raise ValueError("starts with a UTF-8 byte order mark")
        text = raw.decode("utf-8")
        return json.loads(text, parse_constant=no_constant,
                          object_pairs_hook=no_dupes)
    except (OSError, ValueError) as e:  # JSONDecodeError, UnicodeDecodeError
        rep.error(path, "$", "not valid JSON: %s" % e)
        return None


# ------------------------------------------------------------ schema walk

class SchemaWalker:
    """Follows the instance through the schema's properties/items/$ref/allOf
    to check key order and list undeclared keys. Keys valued `true` in an
    object's own `properties` are placeholders whose schema is in an allOf
    member (latest_fields)."""

    def __init__(self, schema):
        self.schema = schema

    def resolve(self, s):
        seen = 0
        while isinstance(s, dict) and "$ref" in s:
            ref = s["$ref"]
            if not ref.startswith("#/"):
                raise ValueError("unsupported $ref %s" % ref)
            t = self.schema
            for part in ref[2:].split("/"):
                t = t[part]
            s = t
            seen += 1
            if seen > 50:
                raise ValueError("$ref loop at %s" % ref)
        return s

    def props(self, s):
        own = s.get("properties", {})
        merged = dict(own)
        order = list(own)
        for sub in s.get("allOf", []):
            sub = self.resolve(sub)
            for k, v in sub.get("properties", {}).items():
                if merged.get(k) is True or k not in merged:
                    if k not in merged:
                        order.append(k)
                    merged[k] = v
        return order, merged

    def walk(self, inst, s, path, where, rep):
        s = self.resolve(s)
        if not isinstance(s, dict):
            return
        if isinstance(inst, dict):
            order, merged = self.props(s)
            if not order:
                return
            got = [k for k in inst if k in merged]
            want = [k for k in order if k in inst]
            if got != want:
                rep.error(where, jpath(path),
                          "keys out of the normative order (SPEC §5.1): "
                          "got %s, expected %s" % (got, want))
            for k, v in inst.items():
                if k not in merged:
                    rep.warn("%s: key %r is not declared in the schema "
                             "(allowed, but add it to the schema)"
                             % (generic_path(path + [k]), k))
                    continue
                sub = merged[k]
                if sub is True:
                    continue
                self.walk(v, sub, path + [k], where, rep)
        elif isinstance(inst, list):
            items = s.get("items")
            if isinstance(items, dict):
                for i, v in enumerate(inst):
                    self.walk(v, items, path + [i], where, rep)


def generic_path(parts):
    """'$.geographies[3].indicators[0]' -> '$.geographies[*].indicators[*]'"""
    return jpath(["*" if isinstance(p, int) else p for p in parts]).replace(
        '["*"]', "[*]")


# ---------------------------------------------------------------- checks

def validate(doc, validator, walker, where, rep):
    for e in sorted(validator.iter_errors(doc),
                    key=lambda e: [str(p) for p in e.absolute_path]):
        rep.error(where, jpath(e.absolute_path),
                  "%s [schema: %s]" % (e.message,
                                       "/".join(str(p) for p in
                                                e.absolute_schema_path)))
    walker.walk(doc, walker.schema, [], where, rep)


def head_of(doc):
    return {k: v for k, v in doc.items() if k != "geographies"}


def check_order(doc, where, rep):
    """Array orders SPEC §5.1 fixes, for well-formed documents."""
    try:
        geos = doc["geographies"]
        ids = [g["geo_id"] for g in geos]
        if ids != sorted(ids) or len(set(ids)) != len(ids):
            rep.error(where, "$.geographies",
                      "geographies not sorted by geo_id / not unique")
        head_inds = [i["id"] for i in doc["indicators"]]
        head_doms = doc["domains"]
        for gi, g in enumerate(geos):
            gp = ["geographies", gi]
            got = [i["id"] for i in g["indicators"]]
            if got != head_inds:
                rep.error(where, jpath(gp + ["indicators"]),
                          "indicators %s, expected one per indicator in "
                          "manifest order %s" % (got, head_inds))
            doms = [d["domain"] for d in g["domains"]]
            if doms != head_doms:
                rep.error(where, jpath(gp + ["domains"]),
                          "domains %s, expected %s" % (doms, head_doms))
            for ii, ind in enumerate(g["indicators"]):
                names = [s["subgroup"] for s in ind["subgroups"]]
                if names != sorted(names) or len(set(names)) != len(names) \
                        or "All" in names:
                    rep.error(where, jpath(gp + ["indicators", ii, "subgroups"]),
                              "subgroups %s: expected unique names other "
                              "than All, sorted" % names)
    except (KeyError, TypeError, AttributeError):
        pass  # malformed: the schema errors already say what is wrong


# ------------------------------------------------------- negative checks

def corruptions(doc):
    """(name, expected error path, mutate) for the negative self-check."""
    ind = ["geographies", 0, "indicators", 0]

    def at(d, path):
        for p in path:
            d = d[p]
        return d

    def set_(path, value):
        def f(d):
            at(d, path[:-1])[path[-1]] = value
        return f

    def delete(path):
        def f(d):
            del at(d, path[:-1])[path[-1]]
        return f

    return [
        ("a string where a number belongs", ind + ["value"],
         set_(ind + ["value"], "12.5")),
        ("an unknown trend status", ind + ["trend", "status"],
         set_(ind + ["trend", "status"], "skyrocketing")),
        ("a geography indicator without the required key 'score'", ind,
         delete(ind + ["score"])),
        ("rank_range with 3 items", ind + ["rank_range"],
         set_(ind + ["rank_range"], [1, 2, 3])),
        ("schema_version \"2.0\"", ["schema_version"],
         set_(["schema_version"], "2.0")),
        # SPEC §3.10.7 (schema 1.1)
        ("schema_version \"1.0\" (1.1 adds the §3.10 keys)", ["schema_version"],
         set_(["schema_version"], "1.0")),
        ("a geography indicator without 'national_rank'", ind,
         delete(ind + ["national_rank"])),
        ("an unknown vs_national", ind + ["vs_national"],
         set_(ind + ["vs_national"], "higher")),
        ("an indicator definition without 'state_benchmarks'", ["indicators", 0],
         delete(["indicators", 0, "state_benchmarks"])),
        ("a geography without 'state'", ["geographies", 0],
         delete(["geographies", 0, "state"])),
        ("an unknown level", ["geographies", 0, "level"],
         set_(["geographies", 0, "level"], "region")),
    ]


def negative_checks(doc, validator, rep):
    ok = True
    for name, path, mutate in corruptions(doc):
        bad = copy.deepcopy(doc)
        try:
            mutate(bad)
        except (KeyError, IndexError, TypeError) as e:
            rep.error("negative-check", jpath(path),
                      "cannot apply corruption '%s': %r" % (name, e))
            ok = False
            continue
        hit = None
        for e in validator.iter_errors(bad):
            if list(e.absolute_path)[:len(path)] == path:
                hit = e
                break
        if hit is None:
            rep.error("negative-check", jpath(path),
                      "corruption '%s' was ACCEPTED by the schema" % name)
            ok = False
        else:
            print("negative-check: rejected %s at %s (%s)"
                  % (name, jpath(hit.absolute_path), hit.validator))
    return ok


# ------------------------------------------------------------------ main

def main(argv):
    if len(argv) not in (3, 4):
        print("usage: schema-test.py SCHEMA SCORECARD_JSON [SPLIT_DIR]",
              file=sys.stderr)
        return 2
    schema_path, doc_path = argv[1], argv[2]
    split_dir = argv[3] if len(argv) == 4 else None
    rep = Report()

    schema = load_json(schema_path, rep)
    if schema is None:
        return 1
    try:
        Draft202012Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        rep.error(schema_path, jpath(e.absolute_path),
                  "invalid draft 2020-12 schema: %s" % e.message)
        return 1
    validator = Draft202012Validator(schema)
    walker = SchemaWalker(schema)

    doc = load_json(doc_path, rep)
    if doc is None:
        return 1
    validate(doc, validator, walker, doc_path, rep)
    check_order(doc, doc_path, rep)
    full_ok = rep.errors == 0
    print("%s: %s (%d geographies)" % (doc_path, "valid" if full_ok else
                                       "INVALID", len(doc.get("geographies")
                                                      or [])
                                       if isinstance(doc, dict) else 0))

    if split_dir is not None:
        names = sorted(n for n in os.listdir(split_dir) if n.endswith(".json"))
        if not names:
            rep.error(split_dir, "-", "no *.json files in the split directory")
        full_geos = {}
        if isinstance(doc, dict) and isinstance(doc.get("geographies"), list):
            full_geos = {g.get("geo_id"): g for g in doc["geographies"]
                         if isinstance(g, dict)}
        valid = 0
        seen = set()
        for n in names:
            p = os.path.join(split_dir, n)
            before = rep.errors
            sdoc = load_json(p, rep)
            if sdoc is None:
                continue
            validate(sdoc, validator, walker, p, rep)
            check_order(sdoc, p, rep)
            geos = sdoc.get("geographies") if isinstance(sdoc, dict) else None
            if not isinstance(geos, list) or len(geos) != 1:
                rep.error(p, "$.geographies",
                          "a split file holds exactly one geography, found %s"
                          % (len(geos) if isinstance(geos, list) else geos))
            else:
                g = geos[0]
                gid = g.get("geo_id") if isinstance(g, dict) else None
                seen.add(gid)
                if n != "%s.json" % gid:
                    rep.error(p, "$.geographies[0].geo_id",
                              "file is named %s but holds geo_id %r"
                              % (n, gid))
                if gid not in full_geos:
                    rep.error(p, "$.geographies[0].geo_id",
                              "geo_id %r is not in %s" % (gid, doc_path))
                elif g != full_geos[gid]:
                    rep.error(p, "$.geographies[0]",
                              "differs from %s's entry for %r"
                              % (doc_path, gid))
            if isinstance(sdoc, dict) and isinstance(doc, dict):
                h, fh = head_of(sdoc), head_of(doc)
                if h != fh or list(h) != list(fh):
                    diff = sorted(k for k in set(h) | set(fh)
                                  if h.get(k) != fh.get(k))
                    rep.error(p, "$", "head differs from %s's (keys %s)"
                              % (doc_path, diff or "in order"))
            if rep.errors == before:
                valid += 1
        missing = sorted(k for k in full_geos if k not in seen)
        if missing:
            rep.error(split_dir, "-", "no split file for geo_id %s"
                      % ", ".join(map(str, missing)))
        print("%s: %d of %d split files valid" % (split_dir, valid,
                                                  len(names)))

    # The negative self-check runs even when the document is invalid: it
    # then only proves the corrupted places are rejected.
    neg_ok = negative_checks(doc, validator, rep)
    print("negative-check: %s" % ("all %d corruptions rejected"
                                  % len(corruptions(doc)) if neg_ok
                                  else "FAILED"))

    if rep.warnings:
        print("%d warning(s)" % len(rep.warnings))
    if rep.errors:
        print("schema-test: FAIL (%d error(s))" % rep.errors)
        return 1
    print("schema-test: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
