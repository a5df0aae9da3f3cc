#!/usr/bin/env python3
"""The man page and the shell completions say what `--help` says (they are generated from the
same CLI11 definition, and this test keeps it so), and bash completion works.

    reference_test.py BUCKETLINT SOURCE_DIR

Checks:
  * every subcommand, option name and option/positional description printed by
    `bucketlint [SUB] --help` appears in bucketlint(1) as groff renders it;
  * the exit codes and environment variables of the --help footer are in the man page, every
    variable the sources read with getenv() is documented, and every key the config parser
    accepts (`key == "..."` in analyzer/load/config_file.cpp) is in the man page's FILES section;
  * groff reports no warning for the page;
  * bash's completion function completes subcommands, options, option values and rule IDs.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

BIN, SRC = sys.argv[1], sys.argv[2]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def run(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True, check=True).stdout


def norm(text):
    return " ".join(text.split())


man_roff = run("--help-man")
if shutil.which("groff") is None:
    print("reference_test: groff is missing (Debian package groff-base)", file=sys.stderr)
    sys.exit(1)
rendered = subprocess.run(
    ["groff", "-man", "-Tascii", "-ww", "-P-cbou", "-rLL=2000n"], input=man_roff,
    capture_output=True, text=True, check=True)
if rendered.stderr.strip():
    fail("groff warnings: " + rendered.stderr.strip())
man = norm(rendered.stdout)


def section(name):
    m = re.search(r"\n" + name + r"\n(.*?)(\n[A-Z][A-Z ]+\n|\Z)", rendered.stdout, re.S)
    return norm(m.group(1)) if m else ""


def help_entries(text):
    """(names, description) of every option and positional line of a CLI11 --help."""
    entries = []
    lines = text.splitlines()
    in_list = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line in ("Options:", "Positionals:", "Subcommands:"):
            in_list = line
        elif not line.strip():
            in_list = False
        elif in_list and line.startswith("  ") and not line.startswith("   "):
            head, _, desc = line.strip().partition("  ")
            if not desc.strip() and i + 1 < len(lines) and lines[i + 1].startswith("    "):
                i += 1
                desc = lines[i]
            names = [n for n in re.split(r"[ ,]", head) if n.startswith("-")]
            entries.append((in_list, head.split()[0], names, desc.strip()))
        i += 1
    return entries


top = run("--help")
subcommands = [e[1] for e in help_entries(top) if e[0] == "Subcommands:"]
if len(subcommands) < 5:
    fail(f"--help lists too few subcommands: {subcommands}")
for sub in [None, *subcommands]:
    text = run("--help") if sub is None else run(sub, "--help")
    where = "bucketlint --help" if sub is None else f"bucketlint {sub} --help"
    if sub is not None and f"bucketlint {sub}" not in man:
        fail(f"man page has no section for subcommand '{sub}'")
    for kind, first, names, desc in help_entries(text):
        for name in names:
            if not re.search(r"(^|[ ,\[|])" + re.escape(name) + r"([ ,\]]|$)", man):
                fail(f"{where}: option {name} is not in the man page")
        if desc and norm(desc) not in man:
            fail(f"{where}: description of {first!r} is not in the man page: {desc!r}")

# Footer: exit codes and environment.
footer = top[top.index("Exit codes:"):]
exit_section, env_section = section("EXIT STATUS"), section("ENVIRONMENT")
for m in re.finditer(r"^  (\d)  (.*)$", footer, re.M):
    if f"{m.group(1)} {norm(m.group(2))}" not in exit_section:
        fail(f"exit code {m.group(1)} of --help is not in EXIT STATUS")
getenv = set()
for root, _, files in os.walk(os.path.join(SRC, "analyzer")):
    for f in files:
        if f.endswith((".cpp", ".h")):
            with open(os.path.join(root, f), encoding="utf-8") as fh:
                getenv.update(re.findall(r'getenv\("([A-Z_0-9]+)"\)', fh.read()))
if not getenv:
    fail("found no getenv() in analyzer/ (the scan is broken)")
for var in sorted(getenv):
    if var not in env_section:
        fail(f"environment variable {var} is read but not in ENVIRONMENT")
    if var not in footer:
        fail(f"environment variable {var} is read but not in the --help footer")

# Config keys.
files_section = section("FILES")
with open(os.path.join(SRC, "analyzer/load/config_file.cpp"), encoding="utf-8") as fh:
    keys = set(re.findall(r'key == "([a-z_]+)"', fh.read()))
if len(keys) < 10:
    fail(f"found too few config keys in config_file.cpp: {sorted(keys)}")
for key in sorted(keys):
    if not re.search(r"(^|[ .\]])" + key + r"([ .\[]|$)", files_section):
        fail(f"config key '{key}' is accepted by the parser but not in the man page's FILES")

# Rule IDs.
rule_ids = [line.split()[0] for line in run("rules").splitlines()[1:]]
for rid in rule_ids:
    if rid not in section("RULES"):
        fail(f"rule {rid} is not in the man page's RULES")

# bash completion.
script = run("--completion", "bash")
bash_completion = "/usr/share/bash-completion/bash_completion"
with tempfile.TemporaryDirectory() as tmp:
    for name in ("policy.json", "policies"):
        path = os.path.join(tmp, name)
        if name.endswith(".json"):
            open(path, "w").close()
        else:
            os.mkdir(path)
    comp = os.path.join(tmp, "bucketlint.bash")
    with open(comp, "w") as fh:
        fh.write(script)

    def complete(line, with_bash_completion):
        words = line.split(" ")
        prelude = f"source {bash_completion}\n" if with_bash_completion else ""
        words_q = " ".join("'" + w + "'" for w in words)
        code = (f"{prelude}source '{comp}'\nCOMP_WORDS=({words_q})\n"
                f"COMP_CWORD={len(words) - 1}\nCOMP_LINE='{line}'\nCOMP_POINT={len(line)}\n"
                "_bucketlint bucketlint\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
        out = subprocess.run(["bash", "-c", code], capture_output=True, text=True, cwd=tmp)
        if out.returncode != 0:
            fail(f"bash completion of {line!r} failed: {out.stderr}")
        return sorted(w for w in out.stdout.split("\n") if w)

    # The rule IDs come from the registry (`bucketlint rules`), so a new rule needs no edit here.
    rule_ids = [line.split()[0] for line in run("rules").splitlines()[1:] if line.strip()]
    ow00 = [i for i in rule_ids if i.startswith("OW00")]
    cf00 = [i for i in rule_ids if i.startswith("CF00")]
    cases = [
        ("bucketlint expl", ["explain"]),
        ("bucketlint explain OW00", ow00),
        ("bucketlint explain cf00", cf00),
        ("bucketlint check --fo", ["--format"]),
        ("bucketlint check --format s", ["sarif"]),
        ("bucketlint --fail-on w", ["warning"]),
        ("bucketlint policy.json --kind trust", ["trust-policy"]),
        ("bucketlint model --ki", ["--kind"]),
        ("bucketlint simulate --format ", ["json", "text"]),
        ("bucketlint check pol", ["policies", "policy.json"]),
        ("bucketlint docs --out pol", ["policies"]),
    ]
    modes = [False] + ([True] if os.path.exists(bash_completion) else [])
    if len(modes) == 1:
        print("note: bash-completion is not installed; tested without _init_completion")
    for with_bc in modes:
        for line, expected in cases:
            got = complete(line, with_bc)
            got = [g.rstrip("/") for g in got]
            if got != expected:
                fail(f"bash completion of {line!r} (bash-completion: {with_bc}): "
                     f"{got} != {expected}")

    # zsh and fish: the scripts parse, when those shells are installed.
    for shell, args in (("zsh", ["zsh", "-n"]), ("fish", ["fish", "--no-execute"])):
        path = os.path.join(tmp, "completion." + shell)
        with open(path, "w") as fh:
            fh.write(run("--completion", shell))
        if shutil.which(args[0]) is None:
            print(f"note: {shell} is not installed; its completion script was not parsed")
            continue
        out = subprocess.run([*args, path], capture_output=True, text=True)
        if out.returncode != 0:
            fail(f"{shell} rejects its completion script: {out.stderr}")
        if shell == "fish":  # fish reports bad conditions only when completing
            out = subprocess.run(
                ["fish", "-c", f"source {path}; complete -C 'bucketlint explain OW00'; "
                 "complete -C 'bucketlint --fail-on w'"], capture_output=True, text=True)
            got = [line.split("\t")[0] for line in out.stdout.splitlines()]
            if out.stderr or got != ow00 + ["warning"]:
                fail(f"fish completion: {got} {out.stderr}")

if subprocess.run([BIN, "--completion", "tcsh"], capture_output=True).returncode != 2:
    fail("--completion with an unknown shell must exit 2")

if failures:
    print(f"{len(failures)} failures")
    sys.exit(1)
print("reference: man page and completions match --help")
