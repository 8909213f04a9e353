#!/usr/bin/env python3
"""wirebench-cli.1 against the real wirebench-cli (stdlib only).

Every option a command's help prints must be a term (a .TP tag) in an OPTIONS
subsection whose title names that command, with the same value name; every
such term must still be an option of one of those commands; the commands and
the exit codes of the general help must be documented; and the page must
render with no warning from groff (-ww) or mandoc (-Tlint). CTest passes the
binary in WIREBENCH_CLI and the page in WIREBENCH_MANPAGE.
"""

import os
import re
import shutil
import subprocess
import unittest

CLI = os.environ.get("WIREBENCH_CLI", "wirebench-cli")
MANPAGE = os.environ.get("WIREBENCH_MANPAGE", "wirebench-cli.1")
TIMEOUT = 30  # seconds, for every process

# "  --listen HOST:PORT   address to ..." in a command's help.
HELP_OPTION = re.compile(r"^  (--[a-z0-9-]+)(?: (\S+))?  ")
# A term of the rendered page: "--listen HOST:PORT" (or "--ignore POINTER,...", "--speed N|max") at
# the start of an indented line.
PAGE_TERM = re.compile(r"^ {7}(--[a-z0-9-]+)(?: ([A-Z][A-Z:_\[\]]*(?:\|[a-z]+)?(?:,\.\.\.)?))?(?=[ ,]|$)")
SECTION = re.compile(r"^([A-Z][A-Z ]+)$")
SUBSECTION = re.compile(r"^ {3}(\S.*)$")


def run(*args):
    result = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT)
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result


def help_text(*args):
    return run(CLI, *args).stdout


def help_options(text):
    """{"--listen": "HOST:PORT", "--echo": None, ...} of the help's Options: block."""
    options = {}
    in_options = False
    for line in text.splitlines():
        if line == "Options:":
            in_options = True
        elif in_options and (match := HELP_OPTION.match(line)):
            options[match.group(1)] = match.group(2)
    return options


def tool(name):
    path = shutil.which(name)
    if not path:
        raise AssertionError(f"{name} is missing: scripts/install-deps installs it")
    return path


def render():
    """The page as plain text, 78 columns, with no bold or underline."""
    result = subprocess.run([tool("groff"), "-man", "-Tascii", "-P-c", "-P-b", "-P-u", MANPAGE],
                            capture_output=True, text=True, timeout=TIMEOUT, check=True)
    return re.sub(r".\x08", "", result.stdout)


def section_lines(text, name):
    """The lines of section @p name of the rendered page."""
    lines = text.splitlines()
    start = lines.index(name) + 1
    end = next((i for i in range(start, len(lines)) if SECTION.match(lines[i])), len(lines))
    return lines[start:end]


def page_layout(text):
    """{section: {subsection: {term: value name}}}; terms outside a subsection under ""."""
    layout = {}
    section = subsection = None
    for line in text.splitlines():
        if match := SECTION.match(line):
            section, subsection = match.group(1), ""
            layout[section] = {"": {}}
        elif section and (match := SUBSECTION.match(line)):
            subsection = match.group(1)
            layout[section][subsection] = {}
        elif section and (match := PAGE_TERM.match(line)):
            layout[section][subsection][match.group(1)] = match.group(2)
    return layout


class ManPageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.general = help_text("--help")
        commands = re.search(r"^Commands:\n((?:  .*\n)+)", cls.general, re.M)
        cls.commands = [line.split()[0] for line in commands.group(1).splitlines()]
        cls.text = render()
        cls.layout = page_layout(cls.text)
        with open(MANPAGE, encoding="utf-8") as page:
            cls.source = page.read()

    def subsections_for(self, command):
        """The OPTIONS subsections whose title names @p command."""
        return {title: terms for title, terms in self.layout["OPTIONS"].items()
                if re.search(rf"\b{command}\b", title)}

    def test_the_help_lists_the_commands_the_page_expects(self):
        self.assertEqual(self.commands, ["serve", "send", "run", "scenario", "proxy", "replay", "diff", "bench", "demo",
                                         "help"])

    def test_every_command_is_a_term_of_COMMANDS(self):
        documented = set()
        for line in section_lines(self.text, "COMMANDS"):
            if re.match(r"^ {7}\S", line):
                documented.add(line.split()[0])
        self.assertEqual(documented, set(self.commands))

    def test_every_general_option_is_documented(self):
        general = self.layout["OPTIONS"]["General options"]
        for option, value in help_options(self.general).items():
            with self.subTest(option=option):
                self.assertIn(option, general)
                self.assertEqual(general[option], value)

    def test_every_option_of_every_command_is_documented_under_it(self):
        for command in self.commands:
            if command == "help":
                continue
            options = help_options(help_text("help", command))
            sections = self.subsections_for(command)
            for option, value in options.items():
                with self.subTest(command=command, option=option):
                    if option == "--help":  # every command's; described once, in General options
                        self.assertIn(option, self.layout["OPTIONS"]["General options"])
                        continue
                    found = {title: terms[option] for title, terms in sections.items() if option in terms}
                    self.assertTrue(found, f"{command} {option} is in no OPTIONS subsection naming "
                                           f"{command} (there are: {list(sections)})")
                    for title, documented in found.items():
                        self.assertEqual(documented, value, f"value name of {option} under \"{title}\"")

    def test_every_documented_option_exists(self):
        options = {command: help_options(help_text("help", command))
                   for command in self.commands if command != "help"}
        for title, terms in self.layout["OPTIONS"].items():
            named = [command for command in options if re.search(rf"\b{command}\b", title)]
            for term in terms:
                if title in ("", "General options"):
                    continue
                with self.subTest(subsection=title, term=term):
                    self.assertTrue(named, f"\"{title}\" names no command")
                    self.assertTrue(any(term in options[command] for command in named),
                                    f"{term} is not an option of {named}")

    def test_every_exit_code_is_documented(self):
        codes = re.search(r"^Exit codes: (.*)$", self.general, re.M).group(1)
        expected = set(re.findall(r"(\d+) [a-z]", codes))
        documented = {line.split()[0] for line in section_lines(self.text, "EXIT STATUS")
                      if re.match(r"^ {7}\d+ ", line)}
        self.assertEqual(expected, documented)
        self.assertEqual(expected, {"0", "1", "2", "3"})

    def test_groff_renders_it_without_warnings(self):
        result = subprocess.run([tool("groff"), "-man", "-Tutf8", "-ww", "-z", MANPAGE],
                                capture_output=True, text=True, timeout=TIMEOUT)
        self.assertEqual((result.returncode, result.stderr), (0, ""))

    def test_mandoc_lint_finds_nothing(self):
        result = subprocess.run([tool("mandoc"), "-Tlint", "-W", "style", MANPAGE],
                                capture_output=True, text=True, timeout=TIMEOUT)
        self.assertEqual((result.returncode, result.stdout + result.stderr), (0, ""))

    def test_man_finds_its_name_and_title(self):
        self.assertRegex(self.source, r"(?m)^\.TH WIREBENCH-CLI 1 ")
        self.assertRegex(self.source, r"(?m)^\.SH NAME\nwirebench-cli \\- ")


if __name__ == "__main__":
    unittest.main(verbosity=2)
