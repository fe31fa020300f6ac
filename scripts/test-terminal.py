#!/usr/bin/env python3
"""Types the slice transcript at a real nnrepl prompt in a tmux terminal and checks the screen shows
exactly what CPython's REPL would show with PyTorch: each prompt, the typed line, and PyTorch's output
(from Tests/Transcripts/slice.md, which real PyTorch generated). Also checks arrow-key history, Ctrl-C
abandoning a line, an error leaving variables intact, the history file, and Ctrl-D exiting.

    test-terminal.py NNREPL_BINARY
Prints `N passed, M failed` and exits 1 on any failure."""
import doctest, os, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SESSION = "nnrepl-terminal-test"
COMPOUND = ("for ", "if ", "while ", "def ", "class ", "with ", "try:")


def tmux(*args):
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def screen():
    text = tmux("capture-pane", "-p", "-J", "-S", "-", "-t", SESSION)
    return text.rstrip("\n") + "\n"


def wait_for(predicate, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        text = screen()
        if predicate(text):
            return text
        time.sleep(0.05)
    return screen()


def type_line(line):
    tmux("send-keys", "-t", SESSION, "-l", line)
    tmux("send-keys", "-t", SESSION, "Enter")


def prompt_count(text):
    return sum(1 for l in text.split("\n") if l.startswith(">>> ") or l == ">>>")


def main():
    binary = os.path.abspath(sys.argv[1])
    examples = doctest.DocTestParser().get_examples(open(os.path.join(ROOT, "Tests/Transcripts/slice.md")).read())
    state = tempfile.mkdtemp(prefix="nnrepl-state-")
    passed = failed = 0

    def check(name, ok, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {name}\n{detail}")

    subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
    tmux("new-session", "-d", "-s", SESSION, "-x", "200", "-y", "50",
         f"env XDG_STATE_HOME={state} TERM=xterm {binary}")
    try:
        banner = wait_for(lambda t: t.rstrip("\n").endswith(">>>"))
        banner_lines = banner.rstrip("\n").count("\n")
        expected = []  # per example: the typed lines as the screen shows them, then the expected output
        for example in examples:
            lines = example.source.rstrip("\n").split("\n")
            before = prompt_count(screen())
            typed = []
            for i, line in enumerate(lines):
                type_line(line)
                typed.append((">>> " if i == 0 else "... ") + line)
            if lines[0].startswith(COMPOUND):
                type_line("")  # the blank line that closes a block at the prompt
                typed.append("... ")
            expected.append((typed, example))
            wait_for(lambda t: prompt_count(t) > before)
        shown = screen().split("\n")[banner_lines:]
        # Walk the screen: typed lines must appear exactly; a plain output exactly; a traceback must end
        # with the exception line PyTorch gives (the stack lines above it name torch's own Python files).
        position = 0
        for typed, example in expected:
            for line in typed:
                ok = position < len(shown) and shown[position] == line
                check(f"typed line shown: {line}", ok, f"screen line {position}: {shown[position] if position < len(shown) else '<end>'!r}")
                position += 1
            if example.exc_msg is None:
                want = example.want.rstrip("\n").split("\n") if example.want else []
                got = shown[position:position + len(want)]
                check(f"output of {example.source.strip()}", got == want, "expected:\n" + "\n".join(want) + "\ngot:\n" + "\n".join(got))
                position += len(want)
            else:
                end = position
                while end < len(shown) and not shown[end].startswith(">>>"):
                    end += 1
                block = shown[position:end]
                check(f"traceback of {example.source.strip()}",
                      block[:1] == ["Traceback (most recent call last):"] or block[:1] == ["  File \"<stdin>\", line 1"],
                      "\n".join(block))
                # CPython's prompt may add ". Did you mean: 'net'?" after what doctest compares.
                check(f"error line of {example.source.strip()}",
                      bool(block) and block[-1].startswith(example.exc_msg.rstrip("\n")), "\n".join(block))
                position = end

        # Arrow-key history: Up recalls the last line.
        before = prompt_count(screen())
        tmux("send-keys", "-t", SESSION, "Up")
        tmux("send-keys", "-t", SESSION, "Enter")
        text = wait_for(lambda t: prompt_count(t) > before)
        check("Up arrow recalls the previous line", text.rstrip().split("\n")[-2].startswith("Linear(in_features=3"), text)

        # Ctrl-C abandons the line being typed.
        before = prompt_count(screen())
        tmux("send-keys", "-t", SESSION, "-l", "this is abandoned")
        tmux("send-keys", "-t", SESSION, "C-c")
        text = wait_for(lambda t: prompt_count(t) > before)
        check("Ctrl-C abandons the line", "KeyboardInterrupt" in text.split("this is abandoned")[-1], text)

        # Variables survive errors.
        before = prompt_count(screen())
        type_line("Y")
        text = wait_for(lambda t: prompt_count(t) > before)
        check("variables intact after errors", "tensor(-0.7828, grad_fn=<SumBackward0>)" in text.split(">>> Y\n")[-1], text)

        # Ctrl-D exits, and the history file holds what was typed.
        tmux("send-keys", "-t", SESSION, "C-d")
        deadline = time.time() + 5
        while time.time() < deadline and subprocess.run(["tmux", "has-session", "-t", SESSION], capture_output=True).returncode == 0:
            time.sleep(0.05)
        alive = subprocess.run(["tmux", "has-session", "-t", SESSION], capture_output=True).returncode == 0
        check("Ctrl-D exits", not alive)
        history = os.path.join(state, "nnrepl", "history")
        check("history file kept", os.path.exists(history) and "net.state_dict()" in open(history, errors="replace").read())

        # `exit` tells how to leave; `exit()` leaves.
        tmux("new-session", "-d", "-s", SESSION, "-x", "200", "-y", "50",
             f"env XDG_STATE_HOME={state} TERM=xterm {binary}; echo exited with $?; sleep 5")
        wait_for(lambda t: t.rstrip("\n").endswith(">>>"))
        # Tab completes names and attributes (with "(" after callables), and indents on an empty word.
        before = prompt_count(screen())
        type_line("import torch; lin = torch.nn.Linear(2, 3)")
        wait_for(lambda t: prompt_count(t) > before)
        before = prompt_count(screen())
        tmux("send-keys", "-t", SESSION, "-l", "lin.named_p")
        tmux("send-keys", "-t", SESSION, "Tab")
        text = wait_for(lambda t: "lin.named_parameters(" in t)
        check("Tab completes an attribute", "lin.named_parameters(" in text, text)
        tmux("send-keys", "-t", SESSION, "-l", ")")
        tmux("send-keys", "-t", SESSION, "Enter")
        text = wait_for(lambda t: prompt_count(t) > before)
        check("the completed line runs", "<generator object Module.named_parameters at 0x" in text, text)
        before = prompt_count(screen())
        tmux("send-keys", "-t", SESSION, "-l", "for n, p in lin.named_parameters():")
        tmux("send-keys", "-t", SESSION, "Enter")
        wait_for(lambda t: t.rstrip("\n").endswith("..."))
        tmux("send-keys", "-t", SESSION, "Tab")
        tmux("send-keys", "-t", SESSION, "-l", "print(n, tuple(p.shape), lin.out_f")
        tmux("send-keys", "-t", SESSION, "Tab")
        tmux("send-keys", "-t", SESSION, "-l", ")")
        tmux("send-keys", "-t", SESSION, "Enter")
        tmux("send-keys", "-t", SESSION, "Enter")
        text = wait_for(lambda t: prompt_count(t) > before and "bias (3,) 3" in t)
        # libedit may pad the completed line with spaces, even onto a row of its own: compare the non-blank
        # lines without trailing spaces.
        stripped = "\n".join(line.rstrip() for line in text.split("\n") if line.strip())
        check("Tab indents a block and completes inside it",
              "...     print(n, tuple(p.shape), lin.out_features)\n...\nweight (3, 2) 3\nbias (3,) 3" in stripped, text)

        before = prompt_count(screen())
        type_line("exit")
        text = wait_for(lambda t: prompt_count(t) > before)
        check("bare exit explains", "Use exit() or Ctrl-D (i.e. EOF) to exit" in text, text)
        type_line("exit(3)")
        text = wait_for(lambda t: "exited with" in t)
        check("exit(3) leaves the prompt with status 3", "exited with 3" in text, text)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
        shutil.rmtree(state, ignore_errors=True)
    print(f"terminal: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
