"""A received message in one short line, for a failure that says what came instead.

Port of MessageBrief: `json #login {"ok":false}`, `text "ping 2"`,
`binary 00 ff 10 (3 bytes)`; long payloads are cut. And the words the C++
runner uses for a frame the codec refused.
"""

from .escapes import escape
from .qtutf16 import utf16_left, utf16_length

PREVIEW_LIMIT = 120  # characters of text, or a third of it in bytes of hex, shown before the cut


def describe(message):
    """message (a Message) in one line, as MessageBrief::describe words it."""
    brief = message.type
    if message.channel:
        brief += " #" + message.channel
    if message.id != 0:
        brief += f" id={message.id}"
    payload = bytes(message.payload)
    if message.type in ("text", "json"):
        # Escaped, so a control byte or a newline cannot break the report's line.
        text = escape(payload)
        if utf16_length(text) > PREVIEW_LIMIT:
            text = utf16_left(text, PREVIEW_LIMIT) + f"... ({len(payload)} bytes)"
        return brief + (f' "{text}"' if message.type == "text" else " " + text)
    shown = PREVIEW_LIMIT // 3
    hex_text = payload[:shown].hex(" ")
    if len(payload) > shown:
        hex_text += " ..."
    if not payload:
        return brief + " (0 bytes)"
    if len(payload) == 1:
        return brief + f" {hex_text} (1 byte)"
    return brief + f" {hex_text} ({len(payload)} bytes)"


def error_text(error):
    """A ProtocolError's message without its code: what netcore's Error::message holds."""
    text = str(error)
    prefix = f"{getattr(error, 'code', '')}: "
    return text[len(prefix):] if text.startswith(prefix) else text


def bad_frame(error):
    """What an expectation got when the codec refused a frame (a FrameError or a StreamError)."""
    return f"a frame the codec refused: {error_text(error)}"
