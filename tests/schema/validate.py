#!/usr/bin/python3
"""Validates a classification plan against schemas/plan.schema.json, then checks the rules
of docs/plan-format.md that a JSON Schema cannot express.

usage: validate.py SCHEMA FILE [--expect-invalid[=schema|rules]] [--strict] [--codes LIST]

FILE is YAML (.yaml, .yml) or JSON (.json). Every error is printed on its own line as
FILE:LINE:COL: JSON-PATH: message (LINE:COL only for YAML). The rules checked after the
schema passes:

  - a top-level code has one component; a child's code is its parent's code plus one;
  - codes are unique;
  - every leaf ends up with retention, disposition and access after inheritance;
  - document type ids are unique; aliases do not collide across types (compared folded:
    accents, case and punctuation ignored, as the application matches them);
  - every hints.types id exists in document_types;
  - hints.regexes compile and use only what ECMAScript engines (std::regex) accept,
    with no non-ASCII character inside a bracket expression (a byte-oriented engine would
    match a single byte of it).

--strict adds the content checks for a plan we ship: every leaf has a description, a
title_en, 4 to 12 keywords and at least one type; every document type has a label_en.
--codes LIST checks that the plan has exactly the codes listed in LIST (one per line, '#'
starts a comment): the codes a plan version ships with are frozen.

Exit status: 0 valid; 1 invalid; 2 usage or I/O error. With --expect-invalid the meaning of
0 and 1 is swapped: 0 when the file is invalid (=schema: rejected by the schema itself;
=rules: valid for the schema but breaking a rule above), 1 otherwise.
"""

import json
import re
import sys
import unicodedata

import yaml
from jsonschema import Draft202012Validator


# ---------------------------------------------------------------------------------------
# Loading

class PlanLoader(yaml.SafeLoader):
    """Safe YAML loader that keeps dates as strings (as yaml-cpp does) and rejects
    duplicate keys (which PyYAML would silently overwrite)."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark,
                    f"duplicate key {key!r} (first at line {seen[key].line + 1})",
                    key_node.start_mark)
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)


PlanLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
PlanLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                           PlanLoader.construct_mapping)


class LoadError(Exception):
    pass


def _no_duplicate_pairs(pairs):
    out = {}
    for key, value in pairs:
        if key in out:
            raise LoadError(f"duplicate key {key!r}")
        out[key] = value
    return out


def load(path):
    """Returns (document, composed YAML node or None)."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise OSError(f"cannot open file '{path}': {e.strerror}") from e
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise LoadError(f"not valid UTF-8 at byte {e.start}") from e
    text = text.removeprefix("\ufeff")
    if path.endswith((".yaml", ".yml")):
        try:
            root = yaml.compose(text, Loader=PlanLoader)
            doc = yaml.load(text, Loader=PlanLoader)
        except yaml.YAMLError as e:
            raise LoadError(str(e).replace("\n", " ")) from e
        return doc, root
    if path.endswith(".json"):
        try:
            return json.loads(text, object_pairs_hook=_no_duplicate_pairs), None
        except json.JSONDecodeError as e:
            raise LoadError(f"{e.lineno}:{e.colno}: {e.msg}") from e
    raise OSError(f"cannot tell the format of '{path}': expected .yaml, .yml or .json")


# ---------------------------------------------------------------------------------------
# Reporting

def json_path(parts):
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def position(root, parts):
    """Line:column of the deepest YAML node reached along parts, or ''."""
    if root is None:
        return ""
    node = root
    for p in parts:
        nxt = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == p:
                    nxt = v
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(p, int) and p < len(node.value):
            nxt = node.value[p]
        if nxt is None:
            break
        node = nxt
    return f"{node.start_mark.line + 1}:{node.start_mark.column + 1}:"


class Report:
    def __init__(self, path, root):
        self.path, self.root = path, root
        self.schema_errors = 0
        self.rule_errors = 0
        self.warnings = 0

    def _print(self, kind, parts, message):
        pos = position(self.root, parts)
        print(f"{self.path}:{pos} {kind}: {json_path(parts)}: {message}")

    def schema(self, parts, message):
        self.schema_errors += 1
        self._print("schema error", parts, message)

    def rule(self, parts, message):
        self.rule_errors += 1
        self._print("rule error", parts, message)

    def warn(self, parts, message):
        self.warnings += 1
        self._print("warning", parts, message)


# ---------------------------------------------------------------------------------------
# Rules beyond the schema

_COMBINING = re.compile(r"[\u0300-\u036f]")
_LIGATURES = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"}


def fold(s):
    """Same idea as ububiko::fold(): case-folded, accents stripped, ligatures expanded,
    an apostrophe after a letter becomes a space."""
    s = "".join(_LIGATURES.get(c, c) for c in s)
    s = _COMBINING.sub("", unicodedata.normalize("NFD", s)).casefold()
    return re.sub(r"(?<=\w)['’]", " ", s)


def slug(s):
    """Same idea as ububiko::slugify(): fold, then runs of non-alphanumerics become '-'."""
    return re.sub(r"[^0-9a-z]+", "-", fold(s)).strip("-")


def regex_problems(rx):
    """Why rx is not a portable ECMAScript regex (empty list when it is)."""
    problems = []
    try:
        re.compile(rx)
    except re.error as e:
        problems.append(f"does not compile: {e}")
        return problems
    i, in_class, n = 0, False, len(rx)
    while i < n:
        c = rx[i]
        if c == "\\":
            nxt = rx[i + 1] if i + 1 < n else ""
            if not in_class and nxt in ("A", "Z", "z", "G", "h", "R", "p", "P", "K", "Q", "E"):
                problems.append(f"'\\{nxt}' is not ECMAScript")
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
            elif ord(c) > 127:
                problems.append(
                    f"non-ASCII character {c!r} inside a bracket expression: a byte-oriented "
                    "engine matches a single byte of it; use an alternation such as (?:é|e)")
        elif c == "[":
            in_class = True
            if rx[i + 1:i + 2] == "^":
                i += 1
            if rx[i + 1:i + 2] == "]":  # a literal ']' first in the class
                i += 1
        elif c == "(" and rx[i + 1:i + 2] == "?":
            rest = rx[i + 2:]
            if not (rest.startswith(":") or rest.startswith("=") or rest.startswith("!")):
                problems.append(f"group '(?{rest[:2]}' is not ECMAScript (inline flags, "
                                "lookbehind, named and atomic groups are not portable)")
        elif c in "*+?}" and rx[i + 1:i + 2] == "+":
            problems.append("possessive quantifiers are not ECMAScript")
        i += 1
    return problems


def check_rules(doc, rep, codes_file):
    types = doc["document_types"]
    type_ids = {}
    for i, t in enumerate(types):
        if t["id"] in type_ids:
            rep.rule(["document_types", i, "id"],
                     f"document type '{t['id']}' already defined at document_types[{type_ids[t['id']]}]")
        else:
            type_ids[t["id"]] = i

    # Every name a type answers to, folded, must lead to one type only.
    names = {}
    for i, t in enumerate(types):
        own = [("id", t["id"], ["document_types", i, "id"]),
               ("label", t["label"], ["document_types", i, "label"])]
        own += [("alias", a, ["document_types", i, "aliases", j])
                for j, a in enumerate(t.get("aliases", []))]
        seen_here = {}
        for kind, name, where in own:
            key = slug(name)
            if not key:
                rep.rule(where, f"{kind} '{name}' is empty once folded")
                continue
            other = names.get(key)
            if other is not None and other[0] != t["id"]:
                rep.rule(where, f"{kind} '{name}' collides with {other[1]} '{other[2]}' "
                                f"of type '{other[0]}' (both fold to '{key}')")
            elif key in seen_here and kind == "alias":
                rep.warn(where, f"alias '{name}' is redundant with {seen_here[key]} of the same type")
            names.setdefault(key, (t["id"], kind, name))
            seen_here.setdefault(key, f"{kind} '{name}'")

    seen_codes = {}
    leaves = []

    def walk(node, parts, parent_code, inherited):
        code = node["code"]
        where = parts + ["code"]
        comps = code.split(".")
        if parent_code is None:
            if len(comps) != 1:
                rep.rule(where, f"top-level code '{code}' must have one component")
        elif comps[:-1] != parent_code.split("."):
            rep.rule(where, f"code '{code}' does not extend its parent's code '{parent_code}' "
                            "by one component")
        if code in seen_codes:
            rep.rule(where, f"duplicate code '{code}' (first at {json_path(seen_codes[code])})")
        else:
            seen_codes[code] = where

        eff = dict(inherited)
        for key in ("retention", "disposition", "access", "required"):
            if key in node:
                eff[key] = node[key]

        hints = node.get("hints", {})
        for j, tid in enumerate(hints.get("types", [])):
            if tid not in type_ids:
                rep.rule(parts + ["hints", "types", j], f"unknown document type '{tid}'")
        for j, rx in enumerate(hints.get("regexes", [])):
            for problem in regex_problems(rx):
                rep.rule(parts + ["hints", "regexes", j], f"regex {rx!r}: {problem}")

        children = node.get("children", [])
        if not children:
            missing = [k for k in ("retention", "disposition", "access") if k not in eff]
            if missing:
                rep.rule(parts, f"leaf '{code}' has no {', '.join(missing)} "
                                "(neither its own nor inherited)")
            leaves.append((node, parts))
        for j, child in enumerate(children):
            walk(child, parts + ["children", j], code, eff)

    base = {"required": doc["plan"]["required"]} if "required" in doc["plan"] else {}
    for i, node in enumerate(doc["nodes"]):
        walk(node, ["nodes", i], None, base)

    if codes_file is not None:
        with open(codes_file, encoding="utf-8") as f:
            expected = [line.split("#", 1)[0].strip() for line in f]
        expected = {c for c in expected if c}
        for c in sorted(expected - seen_codes.keys(), key=code_key):
            rep.rule([], f"code '{c}' listed in {codes_file} is missing from the plan")
        for c in sorted(seen_codes.keys() - expected, key=code_key):
            rep.rule(seen_codes[c], f"code '{c}' is not listed in {codes_file}")
    return leaves


def code_key(code):
    return [int(c) for c in code.split(".")]


def check_strict(doc, leaves, rep):
    for i, t in enumerate(doc["document_types"]):
        if "label_en" not in t:
            rep.rule(["document_types", i], f"document type '{t['id']}' has no label_en")
    for node, parts in leaves:
        code = node["code"]
        if not node.get("description", "").strip():
            rep.rule(parts, f"leaf '{code}' has no description")
        if "title_en" not in node:
            rep.rule(parts, f"leaf '{code}' has no title_en")
        hints = node.get("hints", {})
        k = len(hints.get("keywords", []))
        if not 4 <= k <= 12:
            rep.rule(parts + ["hints"], f"leaf '{code}' has {k} keywords (4 to 12 expected)")
        if not hints.get("types"):
            rep.rule(parts + ["hints"], f"leaf '{code}' names no document type")


# ---------------------------------------------------------------------------------------

def main(argv):
    args, expect, strict, codes_file = [], None, False, None
    it = iter(argv[1:])
    for a in it:
        if a == "--expect-invalid":
            expect = "any"
        elif a.startswith("--expect-invalid="):
            expect = a.split("=", 1)[1]
            if expect not in ("schema", "rules"):
                print(f"unknown --expect-invalid kind '{expect}'", file=sys.stderr)
                return 2
        elif a == "--strict":
            strict = True
        elif a == "--codes":
            codes_file = next(it, None)
            if codes_file is None:
                print("--codes needs a file", file=sys.stderr)
                return 2
        elif a.startswith("--"):
            print(f"unknown option '{a}'", file=sys.stderr)
            return 2
        else:
            args.append(a)
    if len(args) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    schema_path, path = args

    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        Draft202012Validator.check_schema(schema)
    except Exception as e:  # the schema itself is broken: not a verdict on FILE
        print(f"{schema_path}: invalid schema: {e}", file=sys.stderr)
        return 2

    syntax_error = False
    try:
        doc, root = load(path)
    except OSError as e:
        print(e, file=sys.stderr)
        return 2
    except LoadError as e:
        print(f"{path}: syntax error: {e}")
        doc, root, syntax_error = None, None, True

    rep = Report(path, root)
    leaves = []
    if not syntax_error:
        validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        errors = sorted(validator.iter_errors(doc), key=lambda e: [f"{p:09d}" if isinstance(p, int) else p for p in e.absolute_path])
        for e in errors:
            rep.schema(list(e.absolute_path), e.message)
        if rep.schema_errors == 0:
            leaves = check_rules(doc, rep, codes_file)
            if strict:
                check_strict(doc, leaves, rep)

    invalid = syntax_error or rep.schema_errors or rep.rule_errors
    summary = (f"{path}: {'syntax error, ' if syntax_error else ''}"
               f"{rep.schema_errors} schema error(s), {rep.rule_errors} rule error(s), "
               f"{rep.warnings} warning(s)")
    if not invalid and doc is not None:
        summary += f"; {count_nodes(doc['nodes'])} codes, {len(leaves)} leaves, " \
                   f"{len(doc['document_types'])} document types"
    print(summary)

    if expect is None:
        return 1 if invalid else 0
    if expect == "any":
        ok = bool(invalid)
    elif expect == "schema":
        ok = rep.schema_errors > 0
    else:
        ok = rep.schema_errors == 0 and rep.rule_errors > 0
    print(f"expected invalid ({expect}): {'yes' if ok else 'NO'}")
    return 0 if ok else 1


def count_nodes(nodes):
    return sum(1 + count_nodes(n.get("children", [])) for n in nodes)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
