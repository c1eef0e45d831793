#!/usr/bin/python3
"""Validates JSON documents against a JSON Schema 2020-12.

usage: validate_json.py SCHEMA [--jsonl] FILE...

With --jsonl every line of each FILE is one document (journal.jsonl). Prints each error as
FILE[:LINE]: JSON-PATH: message; exit 0 when all are valid, 1 otherwise, 2 on usage error.
"""

import json
import sys

from jsonschema import Draft202012Validator


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    files = argv[2:]
    jsonl = False
    if files and files[0] == "--jsonl":
        jsonl = True
        files = files[1:]
    if not files:
        print("no file given", file=sys.stderr)
        return 2
    errors = 0
    documents = 0
    for name in files:
        with open(name, encoding="utf-8") as f:
            text = f.read()
        items = [(i + 1, line) for i, line in enumerate(text.splitlines())] if jsonl else [(0, text)]
        for line_no, chunk in items:
            place = f"{name}:{line_no}" if jsonl else name
            try:
                doc = json.loads(chunk)
            except json.JSONDecodeError as e:
                print(f"{place}: not JSON: {e}")
                errors += 1
                continue
            documents += 1
            for err in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
                path = "$" + "".join(f"[{p!r}]" if isinstance(p, int) else f".{p}" for p in err.absolute_path)
                print(f"{place}: {path}: {err.message}")
                errors += 1
    print(f"{documents} document(s), {errors} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
