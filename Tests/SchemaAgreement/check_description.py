#!/usr/bin/env python3
"""Checks `hyper list --json` against schemas/commands-description.schema.json.

For every manifest in Tests/Fixtures/valid, for the example program's
project (Examples/seed, with handlers and commands defined in code), and for
the Django-style project (Examples/django, with the newer arg keys):
- the description from a full load (`--no-index`) validates against the schema;
- the description read back from the index (the second call, a hit) is the
  same document, byte for byte.

Usage: check_description.py HYPER_BINARY EXAMPLE_BINARY
Prints one line per case and a closing `N passed, N failed` line.
"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schemas" / "commands-description.schema.json").read_text())


def run(binary, arguments, cwd, index_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith("HYPER_")}
    env.update(HYPER_INDEX_DIR=index_dir, HYPER_INDEX_DEBUG="1", NO_COLOR="1")
    return subprocess.run([binary, *arguments], cwd=cwd, env=env, capture_output=True, text=True)


def check(name, binary, arguments, cwd):
    with tempfile.TemporaryDirectory() as index_dir:
        full = run(binary, ["--no-index", *arguments, "list", "--json"], cwd, index_dir)
        if full.returncode != 0:
            return f"exit {full.returncode}: {full.stderr.strip()}"
        try:
            document = json.loads(full.stdout)
            jsonschema.validate(document, SCHEMA)
        except (ValueError, jsonschema.ValidationError) as error:
            return f"invalid: {str(error).splitlines()[0]}"
        first = run(binary, [*arguments, "list", "--json"], cwd, index_dir)
        second = run(binary, [*arguments, "list", "--json"], cwd, index_dir)
        if f"{pathlib.Path(binary).name}: index: hit" not in second.stderr:
            return f"the second call did not use the index: {second.stderr.strip()}"
        for label, result in (("writing", first), ("from the index", second)):
            if result.stdout != full.stdout:
                return f"{label} differs from a full load"
        if not document["commands"] and name != "empty-commands.yaml":
            return "no commands described"
    return None


def main():
    hyper, example = sys.argv[1], sys.argv[2]
    cases = [(p.name, hyper, ["--manifests", str(p)], str(p.parent))
             for p in sorted((ROOT / "Tests" / "Fixtures" / "valid").glob("*.yaml"))]
    cases.append(("Examples/seed", example, [], str(ROOT / "Examples" / "seed")))
    cases.append(("Examples/django", hyper, [], str(ROOT / "Examples" / "django")))
    passed = failed = 0
    for name, binary, arguments, cwd in cases:
        problem = check(name, binary, arguments, cwd)
        if problem:
            failed += 1
            print(f"FAIL {name}: {problem}")
        else:
            passed += 1
            print(f"ok   {name}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
