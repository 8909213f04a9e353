"""A Perl-syntax pattern rewritten into Python's dialect, piece by piece (see perlregex for what changes).

Each piece keeps the offset in the pattern it came from, so an error Python's
re reports in the rewritten text can be told at PCRE2's offset.
"""

import re

PCRE_FLAGS = "imnsxUJ"
PYTHON_FLAGS = "imsx"
_ASCII_CLASSES = {"d": "0-9", "w": "A-Za-z0-9_", "s": "\\t\\n\\x0b\\x0c\\r "}
_SPACES = {"h": "\\t \\xa0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000",
           "v": "\\n\\x0b\\x0c\\r\\x85\\u2028\\u2029"}
_POSIX = {"alpha": "A-Za-z", "digit": "0-9", "alnum": "A-Za-z0-9", "upper": "A-Z", "lower": "a-z",
          "space": "\\t\\n\\x0b\\x0c\\r ", "blank": " \\t", "xdigit": "0-9A-Fa-f", "word": "A-Za-z0-9_",
          "punct": "!-/:-@\\[-`{-~", "cntrl": "\\x00-\\x1f\\x7f", "print": " -~", "graph": "!-~",
          "ascii": "\\x00-\\x7f"}
_NOT_SUPPORTED = "is not supported by Python's re, which runs the expression here"


class RegexError(ValueError):
    """A pattern PCRE2 would refuse, or one Python's re cannot run: `message` in PCRE2's words, and the offset."""

    def __init__(self, message, offset):
        super().__init__(f"{message} at offset {offset}")
        self.message = message
        self.offset = offset


def _literal(char):
    return re.escape(char)


class PerlTranslator:
    """Rewrites one pattern: translate() gives (Python text, offset in the pattern) pieces."""

    def __init__(self, pattern):
        self.p = pattern
        self.i = 0
        self.out = []  # (python text, offset in the pattern)
        self.extra_closers = [0]  # per open group: ")" owed for a (?i) in its middle
        self.captures = 0

    def fail(self, message, offset=None):
        raise RegexError(message, self.i if offset is None else offset)

    def unsupported(self, what):
        self.fail(f"{what} {_NOT_SUPPORTED}")

    def emit(self, text, start):
        self.out.append((text, start))

    def translate(self):
        while self.i < len(self.p):
            start, c = self.i, self.p[self.i]
            if c == "\\":
                self.emit(self.escape(in_class=False), start)
            elif c == "[":
                self.emit(self.char_class(), start)
            elif c == "(":
                self.emit(self.open_group(), start)
            elif c == ")":
                owed = self.extra_closers.pop() if len(self.extra_closers) > 1 else 0
                self.emit(")" * owed + ")", start)
                self.i += 1
            else:
                self.emit(c, start)
                self.i += 1
        self.emit(")" * self.extra_closers[0], len(self.p))
        return self.out

    def braced(self, opening="{", closing="}"):
        """The text between opening at self.i and closing; self.i moves past it."""
        end = self.p.find(closing, self.i + 1)
        if self.p[self.i:self.i + 1] != opening or end < 0:
            return None
        text, self.i = self.p[self.i + 1:end], end + 1
        return text

    def code_point(self, digits, base):
        try:
            value = int(digits, base)
        except ValueError:
            self.fail("non-hex character in \\x{} (closing brace missing?)" if base == 16
                      else "non-octal character in \\o{} (closing brace missing?)")
        if value > 0x10FFFF:
            self.fail("character code point value in \\x{} or \\o{} is too large")
        return chr(value)

    def escape(self, in_class):
        self.i += 1
        if self.i >= len(self.p):
            self.fail("\\ at end of pattern")
        c = self.p[self.i]
        self.i += 1
        if c in "dws":
            return _ASCII_CLASSES[c] if in_class else f"[{_ASCII_CLASSES[c]}]"
        if c in "DWS" and not in_class:
            return f"[^{_ASCII_CLASSES[c.lower()]}]"
        if c in "hv":
            return _SPACES[c] if in_class else f"[{_SPACES[c]}]"
        if c in "HV" and not in_class:
            return f"[^{_SPACES[c.lower()]}]"
        if c == "x":
            if self.p[self.i:self.i + 1] == "{":
                return _literal(self.code_point(self.braced(), 16))
            digits = re.match(r"[0-9a-fA-F]{0,2}", self.p[self.i:]).group()
            self.i += len(digits)
            return _literal(chr(int(digits or "0", 16)))
        if c == "o" and self.p[self.i:self.i + 1] == "{":
            return _literal(self.code_point(self.braced(), 8))
        if c == "c":
            if self.i >= len(self.p):
                self.fail("\\c at end of pattern")
            self.i += 1
            return _literal(chr(ord(self.p[self.i - 1].upper()) ^ 0x40))
        if c == "e":
            return "\\x1b"
        if c == "Q":
            end = self.p.find("\\E", self.i)
            end = len(self.p) if end < 0 else end
            text, self.i = self.p[self.i:end], min(len(self.p), end + 2)
            return "".join(_literal(char) for char in text)
        if c == "E":
            return ""
        if c in "FLlUu" or (c == "N" and self.p[self.i:self.i + 1] == "{"):
            self.fail("PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, or \\u")
        if c in "pPXCK":
            self.unsupported(f"\\{c}")
        if in_class:
            return "\\" + c
        return self.escape_outside_class(c)

    def escape_outside_class(self, c):
        if c == "R":
            return "(?:\\r\\n|[\\n\\x0b\\x0c\\r\\x85\\u2028\\u2029])"
        if c == "N":
            return "[^\\n]"
        if c == "z":
            return "\\Z"
        if c == "Z":
            return "(?=\\n?\\Z)"
        if c == "G":
            return "\\A"  # one match from the start: \G is where it starts
        if c == "k":
            for opening, closing in (("<", ">"), ("{", "}"), ("'", "'")):
                name = self.braced(opening, closing)
                if name is not None:
                    return f"(?P={name})"
            self.fail("\\k is not followed by a braced, angle-bracketed, or quoted name")
        if c == "g":
            if self.p[self.i:self.i + 1] in ("<", "'"):
                self.unsupported("a subroutine call \\g<...>")
            reference = self.braced()
            if reference is None:
                reference = re.match(r"-?[0-9]*", self.p[self.i:]).group()
                self.i += len(reference)
            if re.fullmatch(r"-[0-9]+", reference):
                reference = str(self.captures + 1 + int(reference))
            if re.fullmatch(r"[0-9]+", reference) and int(reference) > 0:
                return f"(?:\\{reference})"
            if re.fullmatch(r"\w+", reference) and not reference.isdigit():
                return f"(?P={reference})"
            self.fail("reference to non-existent subpattern")
        return "\\" + c

    def char_class(self):
        self.i += 1
        out = ["["]
        if self.p[self.i:self.i + 1] == "^":
            out.append("^")
            self.i += 1
        if self.p[self.i:self.i + 1] == "]":
            out.append("\\]")
            self.i += 1
        while self.i < len(self.p) and self.p[self.i] != "]":
            c = self.p[self.i]
            if c == "\\":
                out.append(self.escape(in_class=True))
                continue
            if c == "[" and self.p[self.i:self.i + 2] == "[:":
                end = self.p.find(":]", self.i + 2)
                name = self.p[self.i + 2:end] if end > 0 else ""
                if name in _POSIX:
                    out.append(_POSIX[name])
                    self.i = end + 2
                    continue
                if end > 0 and re.fullmatch(r"\^?[a-z]+", name):
                    if name[1:] in _POSIX:
                        self.unsupported("a negated POSIX class [:^...:]")
                    self.fail("unknown POSIX class name")
            # Python warns of "[" "&&" "||" "~~" "--" in a set: escaped, they are plain characters.
            out.append("\\" + c if c in "[&|~" or (c == "-" and out[-1] == "-") else c)
            self.i += 1
        if self.i >= len(self.p):
            self.fail("missing terminating ] for character class", len(self.p))
        self.i += 1
        return "".join(out) + "]"

    def open_group(self):
        rest = self.p[self.i:]
        if rest.startswith("(*"):
            self.unsupported("a verb or option (*...)")
        if not rest.startswith("(?"):
            self.captures += 1
            self.extra_closers.append(0)
            self.i += 1
            return "("
        name = re.match(r"\(\?(?:<|'|P<)([A-Za-z_]\w*)[>']", rest)
        if name and not rest.startswith(("(?<=", "(?<!")):
            self.captures += 1
            self.extra_closers.append(0)
            self.i += len(name.group())
            return f"(?P<{name.group(1)}>"
        if rest.startswith("(?#"):  # a comment, to its first ")"
            end = self.p.find(")", self.i)
            if end < 0:
                self.fail("missing ) after (?# comment", len(self.p))
            self.i = end + 1
            return ""
        if re.match(r"\(\?(?:R|[+-]?[0-9]|&|P>|\||C)", rest):
            self.unsupported(f'"{rest[:3]}" (recursion, a subroutine call, a branch reset or a callout)')
        flags = re.match(r"\(\?([A-Za-z]*)(?:-([A-Za-z]*))?([:)])", rest)
        if flags:
            return self.flag_group(flags)
        self.extra_closers.append(0)  # (?: (?= (?! (?<= (?<! (?> (?( (?#: Python reads them alike
        self.i += 2
        return "(?"

    def flag_group(self, match):
        on, off, end = match.group(1), match.group(2) or "", match.group(3)
        for flag in on + off:
            if flag not in PCRE_FLAGS:
                self.fail("unrecognized character after (? or (?-", self.i + 2)
            if flag not in PYTHON_FLAGS:
                self.unsupported(f"the option (?{flag})")
        self.i += len(match.group())
        spec = on + ("-" + off if off else "")
        if end == ":":
            self.extra_closers.append(0)
            return f"(?{spec}:"
        if self.i == len(match.group()) and on and not off:
            return f"(?{on})"  # at the very start: the whole pattern, in both dialects
        # In the middle, PCRE's (?i) holds to the end of its group: Python scopes it.
        self.extra_closers[-1] += 1
        return f"(?{spec}:"
