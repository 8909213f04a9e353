"""Text measured and cut as QString does it, in UTF-16 code units, so limits and positions match the C++ side."""


def utf16_length(text):
    """The length Qt gives a string: a character above U+FFFF counts 2."""
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def utf16_left(text, units):
    """The first `units` UTF-16 code units of text, as QString::left() cuts it."""
    if utf16_length(text) <= units:
        return text
    cut = text.encode("utf-16-le", "surrogatepass")[:units * 2]
    return cut.decode("utf-16-le", "replace")  # a pair cut in half becomes U+FFFD
