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

from .perltranslator import PerlTranslator, RegexError

__all__ = ["compile_perl", "RegexError"]


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
    pieces = PerlTranslator(pattern).translate()
    try:
        return re.compile("".join(text for text, _ in pieces))
    except re.error as error:
        raise _pcre_error(error, pieces, pattern) from None
    except (OverflowError, RecursionError):
        raise RegexError("regular expression is too large", 0) from None
