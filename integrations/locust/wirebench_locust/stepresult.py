"""How one step of a scenario went, and how a whole run went (StepResult, RunResult)."""

from dataclasses import dataclass, field
from typing import List

PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"
CONNECT_FAILED = "connect_failed"  # a run's outcome only: a client could not connect, no step ran


@dataclass
class StepResult:
    path: str  # where the step is in the file: "steps[3].steps[1]"
    summary: str  # what the step does: `expect alice channel "login"`
    iteration: str  # inside repeats, which pass: "repeat 2 of 3, repeat 1 of 2"; "" outside
    action: str  # "send", "expect", "expect_closed", "sleep" or "repeat"
    status: str  # PASSED, FAILED or SKIPPED
    elapsed_ms: float = 0.0  # from the step's start; a repeat's from its first pass
    detail: str = ""  # for a failure: what was expected and what came instead
    size: int = 0  # payload bytes of the message an expect matched, else 0

    def place(self):
        """The path with the pass, as a failure names it: "steps[3].steps[1] (repeat 2 of 3)"."""
        return f"{self.path} ({self.iteration})" if self.iteration else self.path


@dataclass
class RunResult:
    outcome: str  # PASSED, FAILED or CONNECT_FAILED
    failure: str = ""  # "<place>: <detail>", or why a client could not connect; "" when it passed
    elapsed_ms: float = 0.0  # connecting included
    results: List[StepResult] = field(default_factory=list)  # the top-level steps, in order
