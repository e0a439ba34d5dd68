#!/usr/bin/env python3
"""Every relative link in the repository's Markdown resolves: the file or directory exists, and a
#fragment names a heading of the target page (GitHub's anchor rules).

    scripts/check-links.py [--selftest]

Checks the Markdown files git tracks (and new ones it does not ignore); exits 1 and lists each
broken link as file:line. External links (scheme:) are not fetched: CI has no network for them.
"""
import os
import re
import subprocess
import sys
import tempfile

LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)|!\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")


def anchor(heading):
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"`([^`]*)`", r"\1", heading)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def markdown_lines(path):
    """(line number, line) outside fenced code blocks."""
    inside = False
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if FENCE.match(line):
                inside = not inside
                continue
            if not inside:
                yield number, line


def anchors(path):
    seen = {}
    result = set()
    for _, line in markdown_lines(path):
        match = HEADING.match(line)
        if match:
            base = anchor(match.group(1))
            count = seen.get(base, 0)
            seen[base] = count + 1
            result.add(base if count == 0 else f"{base}-{count}")
    for match in re.finditer(r'<a\s+(?:name|id)="([^"]+)"', open(path, encoding="utf-8").read()):
        result.add(match.group(1))
    return result


def broken_links(root, files):
    problems = []
    cache = {}
    for file in files:
        here = os.path.dirname(os.path.join(root, file))
        for number, line in markdown_lines(os.path.join(root, file)):
            for match in LINK.finditer(re.sub(r"`[^`]*`", "", line)):
                target = match.group(1) or match.group(2)
                if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("//"):
                    continue
                path, _, fragment = target.partition("#")
                resolved = os.path.normpath(os.path.join(here, path)) if path else os.path.join(root, file)
                if not os.path.realpath(resolved).startswith(os.path.realpath(root)):
                    problems.append(f"{file}:{number}: {target} leaves the repository")
                elif not os.path.exists(resolved):
                    problems.append(f"{file}:{number}: {target} does not exist")
                elif fragment and resolved.endswith(".md"):
                    if resolved not in cache:
                        cache[resolved] = anchors(resolved)
                    if fragment not in cache[resolved]:
                        problems.append(f"{file}:{number}: {target} names no heading of {os.path.relpath(resolved, root)}")
    return problems


def markdown_files(root):
    out = subprocess.run(
        ["git", "-C", root, "ls-files", "--cached", "--others", "--exclude-standard", "*.md"],
        check=True, capture_output=True, text=True).stdout
    return [f for f in out.splitlines() if f and "node_modules/" not in f and os.path.exists(os.path.join(root, f))]


def selftest():
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "docs"))
        with open(os.path.join(root, "docs", "a.md"), "w") as f:
            f.write("# Title\n## Threat model\n[ok](../b.md#the-part) [ok2](#threat-model) [bad](missing.md)\n"
                    "[bad2](../b.md#nothing) [out](../../x.md) [web](https://example.org)\n"
                    "```\n[in code](nowhere.md)\n```\n`[quoted](nowhere.md)`\n")
        with open(os.path.join(root, "b.md"), "w") as f:
            f.write("## The `part`\n")
        found = broken_links(root, ["docs/a.md", "b.md"])
        expected = ["docs/a.md:3: missing.md does not exist",
                    "docs/a.md:4: ../b.md#nothing names no heading of b.md",
                    "docs/a.md:4: ../../x.md leaves the repository"]
        if found != expected:
            print("selftest failed:\n  got      %s\n  expected %s" % (found, expected))
            return 1
    print("check-links selftest: ok")
    return 0


def main():
    if sys.argv[1:] == ["--selftest"]:
        return selftest()
    root = subprocess.run(["git", "rev-parse", "--show-toplevel"], check=True,
                          capture_output=True, text=True).stdout.strip()
    files = markdown_files(root)
    problems = broken_links(root, files)
    for problem in problems:
        print(problem)
    print(f"links: {len(files)} Markdown files checked, {len(problems)} broken link(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
