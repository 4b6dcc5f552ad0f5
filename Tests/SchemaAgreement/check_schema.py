#!/usr/bin/env python3
"""Checks that schemas/commands.schema.json and hyper's loader agree.

Every manifest in Tests/Fixtures/valid must pass both. Every manifest listed
in Tests/SchemaAgreement/STRUCTURAL (structurally invalid: wrong keys, kinds,
names, types, bindings) must fail both. The rest of Tests/Fixtures/invalid
breaks rules a schema cannot state (YAML-level refusals, leading zeros,
cross-file checks); for those only the loader is checked, and must fail.

Manifests are read the way an editor's yaml-language-server reads them: YAML
1.2's core schema (`010` is 10, `no` is text), not PyYAML's YAML 1.1 default.

Usage: check_schema.py HYPER_BINARY
Prints one line per fixture and a closing `N passed, N failed` line.
"""
import json
import pathlib
import re
import subprocess
import sys

import jsonschema
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "Tests" / "Fixtures"


class Core12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 core schema resolution."""


Core12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", list("~nN") + [""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+.0123456789")),
]:
    Core12Loader.add_implicit_resolver(tag, re.compile(pattern), first)


def construct_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def construct_float(loader, node):
    text = loader.construct_scalar(node).lower()
    if text.endswith("inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if text.endswith("nan"):
        return float("nan")
    return float(text)


def construct_bool(loader, node):
    return loader.construct_scalar(node).lower() == "true"


Core12Loader.add_constructor("tag:yaml.org,2002:int", construct_int)
Core12Loader.add_constructor("tag:yaml.org,2002:float", construct_float)
Core12Loader.add_constructor("tag:yaml.org,2002:bool", construct_bool)


def schema_accepts(validator, path):
    document = yaml.load(path.read_bytes(), Loader=Core12Loader)
    errors = list(validator.iter_errors(document))
    return not errors, (errors[0].message if errors else "")


def loader_accepts(hyper, path):
    run = subprocess.run([hyper, "validate", "--format", "json", str(path)], capture_output=True, text=True, cwd=ROOT)
    diagnostics = json.loads(run.stdout)
    errors = [d for d in diagnostics if d["severity"] == "error"]
    return run.returncode == 0 and not errors, (errors[0]["message"] if errors else "")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    hyper = sys.argv[1]
    schema = json.loads((ROOT / "schemas" / "commands.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    structural = [line.strip() for line in (ROOT / "Tests" / "SchemaAgreement" / "STRUCTURAL").read_text().splitlines()
                  if line.strip() and not line.startswith("#")]
    passed = failed = 0

    def check(ok, label, detail):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"ok    {label}")
        else:
            failed += 1
            print(f"FAIL  {label}: {detail}")

    for path in sorted((FIXTURES / "valid").glob("*.y*ml")):
        schema_ok, schema_why = schema_accepts(validator, path)
        loader_ok, loader_why = loader_accepts(hyper, path)
        check(schema_ok and loader_ok, f"valid/{path.name}: both accept",
              f"schema: {schema_why or 'accepts'}; loader: {loader_why or 'accepts'}")

    for name in structural:
        path = FIXTURES / "invalid" / name
        if not path.exists():
            check(False, f"invalid/{name}", "listed in STRUCTURAL but missing")
            continue
        schema_ok, _ = schema_accepts(validator, path)
        loader_ok, _ = loader_accepts(hyper, path)
        check(not schema_ok and not loader_ok, f"invalid/{name}: both reject",
              f"schema {'accepts' if schema_ok else 'rejects'}, loader {'accepts' if loader_ok else 'rejects'}")

    for path in sorted((FIXTURES / "invalid").glob("*.yaml")):
        if path.name in structural:
            continue
        loader_ok, _ = loader_accepts(hyper, path)
        check(not loader_ok, f"invalid/{path.name}: loader rejects", "loader accepts")

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
