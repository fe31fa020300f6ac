#!/usr/bin/env python3
"""Prints the expected texts of Tests/LanguageTests/NullByteTests.swift: each source is written to t.py and
run by real `python3` (3.11); its stderr, with the absolute path shortened to t.py, is the golden."""
import json, os, subprocess, tempfile
os.chdir(tempfile.mkdtemp())
cases = ["a\x00b", "x = 1\na\x00b\n", "print(1)\n\x00\n", "\"abc\x00\"\n", "# comment \x00\n", ")\n\x00\n",
         "s = \"\"\"abc\n\x00\"\"\"\n", "x = (1,\n\x00)\n", "if x:\n    y\x00 = 1\n", "x = 1 + \\\n\x00\n"]
def swift(s):
    return json.dumps(s).replace("\\u0000", "\\u{0}")
for src in cases:
    with open("t.py", "w") as f: f.write(src)
    err = subprocess.run(["python3", "t.py"], capture_output=True, text=True).stderr
    err = err.replace(os.path.abspath("t.py"), "t.py").rstrip("\n")
    print("        (%s,\n         %s)," % (swift(src), swift(err)))
