#!/usr/bin/python3
"""Every object a golden case changes still validates against its CRD.

The CRDs come from the rendered installs in testdata/upstream/rendered (the
schemas cass-operator v1.26.0 - v1.32.0 and k8ssandra-operator v1.32.5 ship).
For each golden case the output (.expected/output.yaml, or the binary's stdout
for a plain-files case) is paired with the input object by kind, namespace and
name. An object whose input validates must validate after the run, and one the
run left unchanged is not counted. An input that is itself invalid (a partial
test fixture) is reported, not failed.

usage: crd_schema.py BINARY ROOT
"""
import glob
import os
import subprocess
import sys

import jsonschema
import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def structural(schema):
    """Kubernetes' OpenAPI v3 dialect as JSON Schema draft 7."""
    if isinstance(schema, list):
        return [structural(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: structural(v) for k, v in schema.items() if not k.startswith("x-kubernetes-") and k != "nullable"}
    if schema.get("x-kubernetes-int-or-string"):
        out.pop("type", None)
        out["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    if schema.get("nullable") and "type" in out:
        out["type"] = [out["type"], "null"]
    return out


def load_crds(root):
    schemas = {}  # (group, version, kind) -> validator
    for path in sorted(glob.glob(os.path.join(root, "testdata/upstream/rendered/*.yaml"))):
        with open(path) as f:
            for doc in yaml.load_all(f, Loader=LOADER):
                if not doc or doc.get("kind") != "CustomResourceDefinition":
                    continue
                spec = doc["spec"]
                for v in spec.get("versions", []):
                    s = (v.get("schema") or {}).get("openAPIV3Schema")
                    if s:
                        key = (spec["group"], v["name"], spec["names"]["kind"])
                        schemas[key] = jsonschema.Draft7Validator(structural(s))
    return schemas


def key_of(obj):
    md = obj.get("metadata") or {}
    return (obj.get("apiVersion"), obj.get("kind"), md.get("namespace", ""), md.get("name"))


def objects_of_list(text):
    doc = yaml.load(text, Loader=LOADER)
    return [i for i in (doc or {}).get("items") or [] if isinstance(i, dict)]


def objects_of_stream(text):
    return [d for d in yaml.load_all(text, Loader=LOADER) if isinstance(d, dict)]


def case_objects(binary, case_dir):
    """(input objects, output objects) of one golden case, or None."""
    exp = os.path.join(case_dir, ".expected")
    if os.path.exists(os.path.join(case_dir, "input.yaml")):
        out_path = os.path.join(exp, "output.yaml")
        if not os.path.exists(out_path):
            return None
        with open(os.path.join(case_dir, "input.yaml")) as f:
            before = objects_of_list(f.read())
        with open(out_path) as f:
            after = objects_of_list(f.read())
        return before, after
    with open(os.path.join(case_dir, "cmd")) as f:
        args = f.read().split()
    files, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a in ("--config", "--results"):
            skip = True
        elif not a.startswith("--"):
            files.append(a)
    before = []
    for name in files:
        with open(os.path.join(case_dir, name)) as f:
            before += objects_of_stream(f.read())
    run = subprocess.run([binary] + args, cwd=case_dir, capture_output=True, text=True)
    if run.returncode != 0:
        return None
    return before, objects_of_stream(run.stdout)


def errors(validator, obj):
    return sorted(e.message[:160] + " at " + "/".join(str(p) for p in e.absolute_path)
                  for e in validator.iter_errors(obj))


def main():
    binary, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    schemas = load_crds(root)
    checked = failed = invalid_inputs = 0
    for case_dir in sorted(glob.glob(os.path.join(root, "testdata/*/"))):
        name = os.path.basename(os.path.normpath(case_dir))
        if name.startswith("inventory") or not os.path.isdir(os.path.join(case_dir, ".expected")):
            continue
        try:
            pair = case_objects(binary, case_dir)
        except (yaml.YAMLError, UnicodeDecodeError, ValueError):
            pair = None  # a hostile or malformed input: nothing to validate
        if pair is None:
            continue
        before = {key_of(o): o for o in pair[0]}
        for obj in pair[1]:
            api = str(obj.get("apiVersion", ""))
            if "/" not in api:
                continue
            group, version = api.rsplit("/", 1)
            validator = schemas.get((group, version, obj.get("kind")))
            src = before.get(key_of(obj))
            if validator is None or src is None or src == obj:
                continue
            if errors(validator, src):
                invalid_inputs += 1
                continue
            checked += 1
            found = errors(validator, obj)
            if found:
                failed += 1
                print("FAIL %s %s/%s: %s" % (name, obj.get("kind"), key_of(obj)[3], "; ".join(found[:3])))
    print("crd_schema: %d changed objects validated, %d failed, %d skipped (their input does not validate)"
          % (checked, failed, invalid_inputs))
    sys.exit(1 if failed or checked == 0 else 0)


if __name__ == "__main__":
    main()
