"""tests/e2e's CliTestCase for the tests here that run wirebench-cli, with the binary required.

They compare the Python side with a built wirebench-cli, so WIREBENCH_CLI must
name one: against whatever `wirebench-cli` is on PATH they would prove nothing.
"""

import os

import locustpath  # noqa: F401

import wbcli


class CliTestCase(wbcli.CliTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cli = os.environ.get("WIREBENCH_CLI")
        if not cli:
            raise AssertionError("WIREBENCH_CLI is not set: point it at a built wirebench-cli, "
                                 "e.g. WIREBENCH_CLI=build/app/cli/wirebench-cli")
        if not os.access(cli, os.X_OK):
            raise AssertionError(f"WIREBENCH_CLI={cli} is not an executable file")

    def write_text(self, name, text):
        """Writes text to the file name in this test's own folder; returns its path."""
        path = self.path(name)
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)
        return path
