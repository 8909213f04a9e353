"""A JSON file a user wrote, read so that what is wrong in it can be told by line.

Port of JsonSource: "scenario.json:12: unknown match key "txt"". Python's json
module keeps no positions and words its errors its own way, so the text is
read as Qt's QJsonDocument parser reads it (qtjsonreader: the same leniencies
and error words), noting where each value starts by JSON Pointer. A member's
line is its key's, as JsonSource has it.
"""

from .qtjsonreader import QtJsonError, QtJsonReader


class JsonSourceError(ValueError):
    """The file cannot be read or is not JSON; the text is "NAME:LINE: what" or "NAME: cannot read: why"."""


class JsonSource:
    """A parsed JSON document with the line of every value; `document` is its root."""

    def __init__(self, text, name):
        """Parses text (bytes, or str as UTF-8), named name in errors; raises JsonSourceError."""
        data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else bytes(text)
        self.name = name
        self._data = data
        reader = QtJsonReader(data, note_offsets=True)
        try:
            self.document = reader.read()
        except QtJsonError as error:
            raise JsonSourceError(f"{name}:{self._line(error.offset)}: {error.reason}") from None
        self._offsets = reader.offsets

    @classmethod
    def load(cls, file_name):
        try:
            with open(file_name, "rb") as file:
                text = file.read()
        except OSError as error:
            raise JsonSourceError(f"{file_name}: cannot read: {error.strerror or error}") from None
        return cls(text, str(file_name))

    def _line(self, offset):
        return self._data.count(b"\n", 0, max(0, offset)) + 1

    def line_of(self, path):
        """The line (from 1) where the value at path starts, or its nearest enclosing value's."""
        while True:
            if path in self._offsets:
                return self._line(self._offsets[path])
            if not path:
                return 1
            path = path[:path.rfind("/")]

    def describe(self, problem):
        """ "NAME:LINE: message" for problem, its path taken from the document's root."""
        return f"{self.name}:{self.line_of(problem.path)}: {problem.message}"
