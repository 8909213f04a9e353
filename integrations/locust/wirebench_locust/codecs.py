"""A codec by name with parameters on top, as Wirebench's files and CLI name one.

The same names, defaults, checks, order of checks and messages as the C++
CodecParameters::fromJson() (engine/codecparameters.cpp), which reads the
"codec" of a scenario's client and of a recording's header:

    "line"                                    a name: envelope, length, line, raw, python-comms
    {"codec": "line", "delimiter": "\\r\\n", "payload": "json"}

    codec          envelope (default), length, line, raw or python-comms
    length-bytes   length-offset  length-adjust  strip  byte-order   (length)
    payload        binary, text or json                             (length, line)
    delimiter      with escapes like \\r\\n                           (line)
    max-frame      bytes                                            (envelope, length, line)

Values are strings or numbers; each parameter a codec does not have is an
error. A refusal is a CodecConfigError whose `parameter` names the key at
fault ("codec" for the codec's name or a combination that does not hold).
"""

from .codec import PAYLOAD_TYPES
from .envelope import EnvelopeCodec
from .errors import CodecConfigError
from .escapes import EscapeError, unescape
from .jsonvalue import qt_number
from .length import LengthCodec
from .line import LineCodec
from .qtinteger import to_long_long
from .raw import RawCodec

NAMES = ("codec", "length-bytes", "length-offset", "length-adjust", "strip", "byte-order", "payload",
         "delimiter", "max-frame")
_KINDS_OF = {"length-bytes": ("length",), "length-offset": ("length",), "length-adjust": ("length",),
             "strip": ("length",), "byte-order": ("length",), "payload": ("length", "line"),
             "delimiter": ("line",), "max-frame": ("envelope", "length", "line")}
_PRESETS = {
    "envelope": {"kind": "envelope"},
    "length": {"kind": "length"},
    "line": {"kind": "line"},
    "raw": {"kind": "raw"},
    "python-comms": {"kind": "length", "strip": 4, "order": "little", "payload": "json"},
}


def python_comms():
    """The framing of the "Python Comms" library: a 4-byte little-endian length, then JSON."""
    return codec_from_json("python-comms")


def codec_from_json(value):
    """The codec that `value` (a name, or an object of parameters) asks for; CodecConfigError if none."""
    if isinstance(value, str):
        values = {"codec": value}
    elif isinstance(value, dict):
        # A QJsonObject walks its keys in sorted order: problems are found in that order.
        values = {key: _parameter_text(key, value[key]) for key in sorted(value)}
    else:
        raise CodecConfigError('"codec" is a codec\'s name ("line") or an object: '
                               '{"codec": "line", "delimiter": "\\\\r\\\\n"}', parameter="")
    return _codec_from_values(values)


def _parameter_text(key, value):
    """A value as the C++ side turns it into text: numbers as QString::number() writes them."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CodecConfigError(f'"{key}" must be a string or a number', parameter=key)
    number = qt_number(value)  # as the scenario's QJsonValue holds it: 4.0 is the integer 4
    return str(number) if isinstance(number, int) else "%g" % number


def _codec_from_values(values):
    codec_name = values.get("codec", "envelope")
    preset = _PRESETS.get(codec_name)
    if preset is None:
        raise CodecConfigError(f'unknown codec "{codec_name}" (envelope, length, line, raw or python-comms)')
    config = dict(preset)
    kind = config.pop("kind")
    for name in values:
        if name not in NAMES:
            raise CodecConfigError(f'unknown codec parameter "{name}": there are {", ".join(NAMES)}', name)
    for name in NAMES:
        if name in values and name in _KINDS_OF and kind not in _KINDS_OF[name]:
            raise CodecConfigError(f'"{name}" does not apply to the codec "{codec_name}"', name)

    for name, field, low, high in (("length-bytes", "length", 1, 8), ("length-offset", "offset", 0, 65535),
                                   ("length-adjust", "adjust", -0x7FFFFFFF, 0x7FFFFFFF),
                                   ("strip", "strip", 0, 65535 + 8)):
        if name in values:
            config[field] = _integer(values, name, low, high)
    if "byte-order" in values:
        if values["byte-order"] not in ("big", "little"):
            raise CodecConfigError(f'"byte-order" must be big or little, not "{values["byte-order"]}"', "byte-order")
        config["order"] = values["byte-order"]
    if "payload" in values:
        if values["payload"] not in PAYLOAD_TYPES:
            raise CodecConfigError(f'"payload" must be binary, text or json, not "{values["payload"]}"', "payload")
        config["payload"] = values["payload"]
    if "delimiter" in values:
        try:
            config["delimiter"] = unescape(values["delimiter"])
        except EscapeError as why:
            raise CodecConfigError(f'"delimiter": {why}', "delimiter") from None
    if "max-frame" in values:
        # A line's limit is its own parameter, counted without the delimiter.
        if kind == "line":
            config["max_line_length"] = _integer(values, "max-frame", 1, 0x7FFFFFFF)
        else:
            config["max_frame_size"] = _integer(values, "max-frame", 1, 0xFFFFFFFF)

    # The constructors make CodecConfig::validate()'s checks, with its words.
    return {"envelope": EnvelopeCodec, "length": LengthCodec, "line": LineCodec, "raw": RawCodec}[kind](**config)


def _integer(values, name, low, high):
    text = values[name]
    number = to_long_long(text)
    if number is None or not low <= number <= high:
        raise CodecConfigError(f'"{name}" must be an integer from {low} to {high}, not "{text}"', name)
    return number
