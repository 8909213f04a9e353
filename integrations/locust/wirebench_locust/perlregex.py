"""Perl-syntax regular expressions, as QRegularExpression (PCRE2) reads them, run by Python's re.

The pattern is rewritten into Python's dialect where the two differ:
  \\d \\w \\s (and \\D \\W \\S outside a class) match ASCII only, as PCRE2 does without UCP
  \\h \\H \\v \\V \\R \\N \\e \\cX \\x{...} \\o{...} \\Q...\\E, POSIX classes [[:alpha:]]
  \\Z matches before a final newline (PCRE's), \\z at the very end, \\G at the start
  (?<name>...) (?'name'...) \\k<name> \\g{N} \\g{-N}, and (?i) in the middle of a pattern
Left as they are, with Python's meaning: \\b \\B (Unicode word characters), \\D \\W \\S
inside a class. Refused with a message saying so, though PCRE2 takes them: \\p{..} \\P{..}
\\X \\K \\C, recursion and subroutines ((?R) (?1) (?&name) \\g<name>), (?|...), verbs
(*...), callouts, and the options n U J. Errors use PCRE2's words; an offset may differ.
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
    def __init__(self, message, offset):
        super().__init__(f"{message} at offset {offset}")
        self.message = message
        self.offset = offset


def _literal(char):
    return re.escape(char)


class _Translator:
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


# Python's words for a mistake, PCRE2's for the same, and where PCRE2 says it is.
_ERRORS = (
    ("missing ), unterminated subpattern", "missing closing parenthesis", "end"),
    ("unbalanced parenthesis", "unmatched closing parenthesis", 0),
    ("nothing to repeat", "quantifier does not follow a repeatable item", 0),
    ("multiple repeat", "quantifier does not follow a repeatable item", 0),
    ("bad character range", "range out of order in character class", "range"),
    ("invalid group reference", "reference to non-existent subpattern", 0),
    ("unknown group name", "reference to non-existent subpattern", 0),
    ("bad escape", "unrecognized character follows \\", 1),
    ("look-behind requires fixed-width pattern", "lookbehind assertion is not fixed length", 0),
    ("min repeat greater than max repeat", "numbers out of order in {} quantifier", 0),
    ("redefinition of group name", "two named subpatterns have the same name (PCRE2_DUPNAMES not set)", 0),
    ("missing >, unterminated name", "syntax error in subpattern name (missing terminator?)", 0),
    ("missing group name", "syntax error in subpattern name (missing terminator?)", 0),
    ("bad character in group name", "syntax error in subpattern name (missing terminator?)", 0),
    ("unknown extension", "unrecognized character after (? or (?-", 1),
    ("missing -, : or )", "unrecognized character after (? or (?-", 0),
    ("unknown flag", "unrecognized character after (? or (?-", 0),
)


def _pcre_error(error, pieces, pattern):
    offset, position = 0, error.pos or 0
    for text, start in pieces:  # the translated position back to the pattern's
        if position < len(text):
            offset = start
            break
        position -= len(text)
    else:
        offset = len(pattern)
    for python_words, pcre_words, where in _ERRORS:
        if error.msg.startswith(python_words):
            if where == "end":
                return RegexError(pcre_words, len(pattern))
            if where == "range":
                return RegexError(pcre_words, offset + len(error.msg.split()[-1]) - 1)
            return RegexError(pcre_words, offset + where)
    return RegexError(error.msg, offset)


def compile_perl(pattern):
    """pattern, a Perl-syntax regular expression, compiled by re; RegexError if PCRE2 would refuse it
    (or it needs what Python's re lacks)."""
    pieces = _Translator(pattern).translate()
    try:
        return re.compile("".join(text for text, _ in pieces))
    except re.error as error:
        raise _pcre_error(error, pieces, pattern) from None
    except (OverflowError, RecursionError):
        raise RegexError("regular expression is too large", 0) from None
