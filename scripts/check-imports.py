#!/usr/bin/env python3
"""Checks that imports run one way through the crate's layers, and that no files import
each other (directly or round a longer circle).

The layers, bottom up (a file may import from its own layer or a lower one):

    0 diagnostics              (spans, severities, rule ids, line index)
    1 config                   (readers, the model)
    2 plan                     (addresses, nodes, VIP, image)
    3 rules, render, secrets   (the catalogue and checks; patches, merge, machine configs)
    4 the crate root and its siblings (lib.rs, diff, edit, export, hover, examples, schema)
    5 wasm, native, bin        (the facades)

An import is a `use` item or an inline `crate::`/`super::`/`self::` path, outside
comments and string literals. It is resolved to the file that defines the longest
prefix of its path, so `crate::rules::info` is rules/mod.rs (which re-exports it) and
`crate::plan::addresses::Cidr` is plan/addresses.rs. A parent declaring its child
modules (`mod x;`) or calling them by relative path is the module tree, not an import.

Usage: scripts/check-imports.py [SRC_DIR]   (exit 1 with a list of problems)
       scripts/check-imports.py --self-test (the check finds what it must, on a made-up crate)
"""

import os
import re
import sys

LAYERS = {
    "diagnostics": 0,
    "order": 0,
    "config": 1,
    "plan": 2,
    "rules": 3,
    "render": 3,
    "secrets": 3,
    "": 4,  # lib.rs
    "diff": 4,
    "edit": 4,
    "export": 4,
    "hover": 4,
    "examples": 4,
    "schema": 4,
    "spread": 4,
    "fix_check": 4,
    "terraform": 4,
    "wasm": 5,
    "native": 5,
    "bin": 5,
}


def module_of(rel):
    """src-relative file path -> module path as a tuple ('' root is ())."""
    parts = rel[:-3].split(os.sep)
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    if parts and parts[0] == "bin":
        return ("bin",) + tuple(parts[1:])
    return tuple(parts)


def strip_comments_and_strings(text):
    """Blanks out comments, string and char literals, keeping offsets and newlines."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "r" and re.match(r'r#*"', text[i:i + 10]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'r(#*)"', text[i:])
            end = text.find('"' + m.group(1), i + len(m.group(0)))
            end = n if end < 0 else end + 1 + len(m.group(1))
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(re.sub(r"[^\n]", " ", text[i:j + 1]))
            i = j + 1
        elif c == "'" and re.match(r"'(\\.|[^\\'])'|'\\u\{[0-9a-fA-F]+\}'|'\\x[0-9a-fA-F]{2}'", text[i:i + 12]):
            m = re.match(r"'(\\.|[^\\'])'|'\\u\{[0-9a-fA-F]+\}'|'\\x[0-9a-fA-F]{2}'", text[i:i + 12])
            out.append(" " * len(m.group(0)))
            i += len(m.group(0))
        else:
            out.append(c)
            i += 1
    return "".join(out)


def expand_use_tree(tree):
    """`a::{b, c::{d, e as f}}` -> ['a::b', 'a::c::d', 'a::c::e']"""
    tree = re.sub(r"\s+as\s+\w+", "", tree)
    tree = re.sub(r"\s+", "", tree)

    def parse(s, prefix):
        paths, depth, start = [], 0, 0
        items = []
        for k, ch in enumerate(s):
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            elif ch == "," and depth == 0:
                items.append(s[start:k])
                start = k + 1
        items.append(s[start:])
        for item in items:
            if not item:
                continue
            brace = item.find("{")
            if brace >= 0:
                head = item[:brace].rstrip(":")
                inner = item[brace + 1:item.rindex("}")]
                paths += parse(inner, prefix + ([head] if head else []))
            else:
                paths.append("::".join(prefix + [item]))
        return paths

    return parse(tree, [])


USE_RE = re.compile(r"(?:^|[;{}\s])(?:pub(?:\([^)]*\))?\s+)?use\s+([^;]+);", re.S)
INLINE_RE = re.compile(r"(?<![\w:])((?:crate|super|self)(?:::\w+)+)")


def self_test():
    """A made-up crate with one upward import and one circle: both must be found, and
    the same crate without them must pass."""
    import contextlib
    import io
    import tempfile

    good = {
        "lib.rs": "pub mod config;\npub mod diagnostics;\npub mod rules;\n",
        "diagnostics/mod.rs": "mod rule;\npub use rule::Rule;\n",
        "diagnostics/rule.rs": "pub enum Rule { A }\n",
        "config/mod.rs": "mod a;\nmod b;\n// use crate::rules::x; (a comment)\nuse crate::diagnostics::Rule;\n",
        "config/a.rs": "use super::b::B;\nconst S: &str = \"crate::rules::x\";\npub struct A;\n",
        "config/b.rs": "pub struct B;\n",
        "rules/mod.rs": "use crate::config::{self, Thing as Other};\npub fn x() {}\n",
    }
    bad = dict(good)
    bad["config/b.rs"] = "use super::a::A;\npub struct B;\n"
    bad["config/mod.rs"] = good["config/mod.rs"] + "fn f() { crate::rules::x() }\n"
    results = []
    for files in (good, bad):
        with tempfile.TemporaryDirectory() as d:
            for rel, text in files.items():
                os.makedirs(os.path.dirname(os.path.join(d, rel)), exist_ok=True)
                with open(os.path.join(d, rel), "w", encoding="utf-8") as f:
                    f.write(text)
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                code = main([d])
            results.append((code, out.getvalue()))
    (good_code, good_out), (bad_code, bad_out) = results
    ok = (
        good_code == 0
        and bad_code == 1
        and "config/mod.rs: imports `crate::rules::x`" in bad_out
        and "a circle): config/a.rs, config/b.rs" in bad_out
    )
    print("import check self-test:", "passed" if ok else "FAILED\n" + good_out + bad_out)
    return 0 if ok else 1


def main(argv):
    src = argv[0] if argv else os.path.join(os.path.dirname(__file__), "..", "src")
    src = os.path.normpath(src)
    files = {}
    for root, _, names in os.walk(src):
        for name in names:
            if name.endswith(".rs"):
                rel = os.path.relpath(os.path.join(root, name), src)
                files[module_of(rel)] = rel
    problems = []
    edges = {}

    def resolve(base, path):
        segs = path.split("::")
        if segs[0] == "crate":
            mod, segs = [], segs[1:]
        elif segs[0] in ("super", "self"):
            mod = list(base)
            # a file's own module; `super` from a non-mod.rs file is its parent module
            while segs and segs[0] in ("super", "self"):
                if segs[0] == "super":
                    mod = mod[:-1]
                segs = segs[1:]
        else:
            # a bare path in a `use`: a child module of this one, or another crate
            if tuple(base) + (segs[0],) in files:
                mod = list(base)
            elif base == () and (segs[0],) in files:
                mod = []
            else:
                return None
        best = tuple(mod) if tuple(mod) in files else None
        cur = list(mod)
        for s in segs:
            cur.append(s)
            if tuple(cur) in files:
                best = tuple(cur)
        return best

    for mod, rel in sorted(files.items()):
        with open(os.path.join(src, rel), encoding="utf-8") as f:
            text = strip_comments_and_strings(f.read())
        # `#[cfg(test)] mod tests { ... }` may reach anywhere in the crate: tests are
        # not part of the layering.
        m = re.search(r"#\[cfg\(test\)\]\s*mod\s+tests\s*\{", text)
        if m:
            text = text[:m.start()]
        paths = []
        for m in USE_RE.finditer(text):
            paths += expand_use_tree(m.group(1))
        paths += INLINE_RE.findall(text)
        for path in paths:
            path = re.sub(r"::\*$", "", path)
            target = resolve(mod, path)
            if target is None or target == mod:
                continue
            edges.setdefault(mod, set()).add(target)
            src_top = mod[0] if mod else ""
            dst_top = target[0] if target else ""
            if src_top not in LAYERS:
                problems.append(f"{rel}: top-level module `{src_top}` has no layer in scripts/check-imports.py")
                continue
            if dst_top not in LAYERS:
                problems.append(f"{rel}: imports `{path}`, whose module `{dst_top}` has no layer")
                continue
            if LAYERS[dst_top] > LAYERS[src_top]:
                problems.append(
                    f"{rel}: imports `{path}` ({files[target]}, layer {LAYERS[dst_top]}) "
                    f"from layer {LAYERS[src_top]}: imports run from the bottom up"
                )

    # Circles between files (Tarjan's strongly connected components).
    index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(comp)

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            strong(v)
    for comp in sccs:
        names = sorted(files[m] for m in comp)
        problems.append("files import each other (a circle): " + ", ".join(names))

    count = sum(len(v) for v in edges.values())
    if problems:
        for p in sorted(set(problems)):
            print("import check:", p)
        print(f"import check: {len(set(problems))} problem(s) in {len(files)} files")
        return 1
    print(f"import check: {len(files)} files, {count} file-to-file imports, all one way")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(self_test())
    sys.exit(main(sys.argv[1:]))
