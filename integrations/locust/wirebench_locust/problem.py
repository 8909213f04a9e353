"""What is wrong in a JSON document a user wrote, and where (JsonProblem)."""

from . import jsonpointer


class JsonProblem(ValueError):
    """A refused value: `path` is the JSON Pointer of the offending value or key
    ("/steps/2/expect/txt"), relative to what was being read, so the reader of the
    file (JsonSource) can turn it into a line; `message` says what is wrong.
    """

    def __init__(self, path, message):
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message

    def under(self, parent):
        """The same problem one level down: parent is put before the path."""
        return JsonProblem(parent + self.path, self.message)

    @staticmethod
    def key(name):
        return jsonpointer.step(name)

    @staticmethod
    def index(i):
        return f"/{i}"
