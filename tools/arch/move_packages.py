#!/usr/bin/env python3
"""Moves core types to the packages that show the architecture (issue 15), and rewrites every reference.

Re-runnable: a move whose source file is gone and whose target exists is skipped, so the script can be
run again on a tree that other branches changed meanwhile (new files that use a moved type get their
imports). It touches, in every module (main and test, bench included) and in README.md and docs/*.md:
  * the moved file (git mv, package line, imports of the types it used from its old package);
  * its test beside it (<Name>Test.java in the old test package of any module), moved the same way;
  * fully qualified names and imports of moved types (com.fourrunr.campaign.X -> new package);
  * files left in the old package that used a moved type by simple name (an import is added);
  * wildcard imports of the old package (the new package's wildcard is added when a moved name is used).

Usage: python3 tools/arch/move_packages.py [--dry-run]   (from the repository root)
"""
import os
import re
import subprocess
import sys

ROOT_PKG = "com.fourrunr.campaign"

# (type in the old package, new package, make the top-level type public).
# Types go public only when they move into an `internal` package that the engine in the root package uses.
MOVES = [
    # SPI: what an implementer of the store port needs.
    ("com.fourrunr.campaign.CampaignStore", "com.fourrunr.campaign.spi", False),
    ("com.fourrunr.campaign.StoreChanges", "com.fourrunr.campaign.spi", False),
    ("com.fourrunr.campaign.MessageClaim", "com.fourrunr.campaign.spi", False),
    ("com.fourrunr.campaign.ConcurrentUpdateException", "com.fourrunr.campaign.spi", False),
    ("com.fourrunr.campaign.StoredReply", "com.fourrunr.campaign.spi", False),
    ("com.fourrunr.campaign.Suppression", "com.fourrunr.campaign.spi", False),
    ("com.fourrunr.campaign.SendLog", "com.fourrunr.campaign.spi", False),
    ("com.fourrunr.campaign.InMemorySendLog", "com.fourrunr.campaign.spi", False),
    ("com.fourrunr.campaign.ReplyIntakeState", "com.fourrunr.campaign.spi", False),
    # API: the schedule policy is a value of CampaignConfig (the schedule package keeps the implementation;
    # leaving the policy there made the API package and the schedule package depend on each other).
    ("com.fourrunr.campaign.schedule.SchedulePolicy", "com.fourrunr.campaign", False),
    ("com.fourrunr.campaign.schedule.IntervalUnit", "com.fourrunr.campaign", False),
    # Internal: the LinkedIn fallback joins the channel feature, used by the engine only.
    ("com.fourrunr.campaign.LinkedInFallback", "com.fourrunr.campaign.channel.internal", True),
]

JAVA_ROOT = re.compile(r"^(?P<module>[^/]+)/src/(?P<scope>main|test)/java/(?P<rel>.+)\.java$")
IMPORT = re.compile(r"^import (static )?([\w.]+)(\.\*)?;\s*$")
PACKAGE = re.compile(r"^package ([\w.]+);", re.M)


def sh(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def tracked_files():
    return [f for f in sh("git", "ls-files").splitlines() if os.path.exists(f)]


def split(fqn):
    pkg, _, name = fqn.rpartition(".")
    return pkg, name


def code_only(text):
    """Text without comments and string literals, for deciding whether a simple name is used."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    text = re.sub(r'"""(.*?)"""', '""', text, flags=re.S)
    text = re.sub(r'"(\\.|[^"\\\n])*"', '""', text)
    return text


def uses(text, name):
    """Whether a simple name is used in code, or in a Javadoc tag that needs it imported ({@link}, @see,
    @throws). Plain prose in comments does not count, so no unused import is added."""
    body = "\n".join(l for l in text.splitlines() if not l.startswith(("import ", "package ")))
    if re.search(r"(?<![\w.])" + re.escape(name) + r"\b", code_only(body)):
        return True
    tag = r"(\{@link(?:plain)?\s+|@see\s+|@throws\s+|@exception\s+)"
    return re.search(tag + re.escape(name) + r"\b", body) is not None


def add_imports(text, fqns):
    """Adds imports (skipping present ones) and sorts the non-static import block."""
    lines = text.split("\n")
    present = {m.group(2) + (m.group(3) or "") for l in lines for m in [IMPORT.match(l)] if m}
    new = sorted(f for f in set(fqns) if f not in present)
    if not new:
        return text
    idx = [i for i, l in enumerate(lines) if l.startswith("import ") and not l.startswith("import static ")]
    if idx:
        first, last = idx[0], idx[-1]
        block = lines[first:last + 1]
        if all(l.startswith("import ") and not l.startswith("import static ") for l in block):
            block = sorted(set(block + ["import %s;" % f for f in new]), key=lambda l: l.rstrip(";"))
            return "\n".join(lines[:first] + block + lines[last + 1:])
        return "\n".join(lines[:last + 1] + ["import %s;" % f for f in new] + lines[last + 1:])
    statics = [i for i, l in enumerate(lines) if l.startswith("import static ")]
    if statics:
        at = statics[-1] + 1
        return "\n".join(lines[:at] + [""] + ["import %s;" % f for f in new] + lines[at:])
    pk = next((i for i, l in enumerate(lines) if l.startswith("package ")), None)
    if pk is None:  # a docs block: imports go first
        return "\n".join(["import %s;" % f for f in new] + lines)
    return "\n".join(lines[:pk + 1] + [""] + ["import %s;" % f for f in new] + lines[pk + 1:])


def sort_imports(text):
    lines = text.split("\n")
    idx = [i for i, l in enumerate(lines) if l.startswith("import ") and not l.startswith("import static ")]
    if not idx:
        return text
    first, last = idx[0], idx[-1]
    block = lines[first:last + 1]
    if not all(l.startswith("import ") and not l.startswith("import static ") for l in block):
        return text
    block = sorted(set(block), key=lambda l: l.rstrip(";"))
    return "\n".join(lines[:first] + block + lines[last + 1:])


def public_types(files, pkg):
    """Top-level public types declared in pkg (main sources of any module)."""
    names = set()
    rel = pkg.replace(".", "/")
    for f in files:
        m = JAVA_ROOT.match(f)
        if m and m.group("scope") == "main" and os.path.dirname(m.group("rel")) == rel:
            src = open(f, encoding="utf-8").read()
            if re.search(r"^public\s+(?:\w+\s+)*(class|interface|record|enum|@interface)\s+"
                         + re.escape(os.path.basename(m.group("rel"))) + r"\b", src, re.M):
                names.add(os.path.basename(m.group("rel")))
    return names


def main():
    dry = "--dry-run" in sys.argv
    files = tracked_files()
    moved = {}  # simple name -> (old fqn, new fqn)
    moved_paths = {}  # new path -> (old pkg, new pkg)
    for old, new_pkg, make_public in MOVES:
        old_pkg, name = split(old)
        moved[name] = (old, new_pkg + "." + name)
        for f in files:
            m = JAVA_ROOT.match(f)
            if not m:
                continue
            rel = m.group("rel")
            is_type = rel == old.replace(".", "/")
            is_test = m.group("scope") == "test" and rel == old.replace(".", "/") + "Test"
            if not (is_type or is_test):
                continue
            target = "%s/src/%s/java/%s/%s.java" % (m.group("module"), m.group("scope"),
                                                   new_pkg.replace(".", "/"), os.path.basename(rel))
            if os.path.exists(target):
                print("skip (already moved): %s" % target)
                continue
            print("move %s -> %s" % (f, target))
            if dry:
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            sh("git", "mv", f, target)
            src = open(target, encoding="utf-8").read()
            src = PACKAGE.sub("package %s;" % new_pkg, src, count=1)
            if make_public and is_type:
                src = re.sub(r"^((?:final |abstract |sealed )*)(class|interface|record|enum) " + name + r"\b",
                             r"public \1\2 " + name, src, count=1, flags=re.M)
            open(target, "w", encoding="utf-8").write(src)
            moved_paths[target] = (old_pkg, new_pkg)
    if dry:
        return
    files = tracked_files()
    old_pkgs = {split(o)[0] for o, _, _ in MOVES}
    remaining = {p: public_types(files, p) - set(moved) for p in old_pkgs}
    for f in files:
        is_md = f.endswith(".md") and (f == "README.md" or f.startswith("docs/"))
        if not (f.endswith(".java") or is_md):
            continue
        src = open(f, encoding="utf-8").read()
        out = src
        # Fully qualified names and single-type imports.
        for name, (old, new) in moved.items():
            out = re.sub(re.escape(old) + r"\b", new, out)
        if f.endswith(".java"):
            out = fix_java(out, moved, remaining, moved_paths.get(f))
        else:
            out = re.sub(r"(?ms)^(```java\n)(.*?)(^```)",
                         lambda m: m.group(1) + fix_java(m.group(2), moved, remaining, None) + m.group(3), out)
        if out != src:
            print("rewrite %s" % f)
            open(f, "w", encoding="utf-8").write(out)


def fix_java(src, moved, remaining, moved_from):
    pm = PACKAGE.search(src)
    pkg = pm.group(1) if pm else ""
    wildcards = {m.group(2) for l in src.split("\n") for m in [IMPORT.match(l)] if m and m.group(3)}
    need = []
    for name, (old, new) in moved.items():
        old_pkg, new_pkg = split(old)[0], split(new)[0]
        if new_pkg == pkg:
            continue
        in_old = pkg == old_pkg or (moved_from is not None and moved_from[0] == old_pkg)
        if in_old and uses(src, name):
            need.append(new)
        elif old_pkg in wildcards and uses(src, name):
            need.append(new_pkg + ".*")
    if moved_from is not None:
        old_pkg = moved_from[0]
        for name in remaining.get(old_pkg, ()):
            if uses(src, name):
                need.append(old_pkg + "." + name)
    out = add_imports(src, need) if need else src
    # Same-package imports left by a rewrite are harmless but noisy: drop them.
    if pkg:
        out = re.sub(r"(?m)^import " + re.escape(pkg) + r"\.[A-Z]\w*;\n", "", out)
    return sort_imports(out) if out != src else out


if __name__ == "__main__":
    main()
