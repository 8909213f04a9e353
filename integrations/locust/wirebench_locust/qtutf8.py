"""Text to UTF-8 as Qt writes it, for bytes that must match the C++ side's."""


def encode_utf8(text):
    """`text` in UTF-8; a lone surrogate becomes "?" as QString::toUtf8() makes it.

    Python's strict encoder refuses lone surrogates, and a str built from
    escapes may hold a high and a low one side by side, which Qt reads as
    the pair they are.
    """
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _encode_with_surrogates(text)


def _encode_with_surrogates(text):
    chars = []
    index = 0
    while index < len(text):
        code = ord(text[index])
        following = ord(text[index + 1]) if index + 1 < len(text) else 0
        if 0xD800 <= code <= 0xDBFF and 0xDC00 <= following <= 0xDFFF:
            chars.append(chr(0x10000 + ((code - 0xD800) << 10) + (following - 0xDC00)))
            index += 2
            continue
        chars.append("?" if 0xD800 <= code <= 0xDFFF else text[index])
        index += 1
    return "".join(chars).encode("utf-8")
