"""One step of a scenario, read and checked: port of ScenarioStep.

    {"as": CLIENT, "send": REPLY}
    {"as": CLIENT, "expect": MATCH, "timeout_ms": N, "skip_others": true}
    {"as": CLIENT, "expect_closed": true, "timeout_ms": N, "skip_others": true}
    {"sleep_ms": N}
    {"repeat": N, "steps": [STEP, ...]}

REPLY is a ReplyTemplate ({{seq}} counts the client's sends), MATCH a Matcher.
"as" may be left out when there is one client.
"""

from dataclasses import dataclass, field
from typing import List, Optional

from .jsonvalue import compact, is_number
from .matcher import Matcher
from .problem import JsonProblem
from .qtutf16 import utf16_left, utf16_length
from .template import ReplyTemplate

MAX_MSECS = 3600 * 1000  # the longest "timeout_ms", "sleep_ms": an hour
MAX_REPEAT = 1000000  # the most passes of a "repeat"

# The key of each action, and the keys that may sit beside it.
ACTION_KEYS = {"send": "send", "expect": "expect", "expect_closed": "expect_closed", "sleep_ms": "sleep",
               "repeat": "repeat"}
_COMPANIONS = {"send": ("as",), "expect": ("as", "timeout_ms", "skip_others"),
               "expect_closed": ("as", "timeout_ms", "skip_others"), "sleep": (), "repeat": ("steps",)}
_ONE_OF = 'one of "send", "expect", "expect_closed", "sleep_ms" or "repeat"'


@dataclass
class StepContext:
    """What a step may refer to: the scenario's clients, and its defaults."""

    clients: List[str]
    named_clients: bool = True  # False for the one client at a scenario's top: summaries leave its name out
    default_timeout_ms: int = 0


@dataclass
class ScenarioStep:
    action: str = "sleep"  # "send", "expect", "expect_closed", "sleep" or "repeat"
    path: str = ""  # where the step is in the file: "steps[3].steps[1]"
    summary: str = ""  # what it does, in words: `expect alice channel "login"`
    client: int = -1  # send, expect, expect_closed: index into the scenario's clients
    reply: Optional[ReplyTemplate] = None  # send
    matcher: Optional[Matcher] = None  # expect
    skip_others: bool = False  # expect, expect_closed: messages that do not match are passed over
    timeout_ms: int = 0  # expect, expect_closed
    sleep_ms: int = 0
    repeat_count: int = 0
    steps: List["ScenarioStep"] = field(default_factory=list)  # repeat: what is repeated


def parse_msecs(value, key, minimum):
    """value, at key, as ms from minimum to MAX_MSECS; raises JsonProblem."""
    if not is_number(value) or not minimum <= value <= MAX_MSECS or value != int(value):
        raise JsonProblem(JsonProblem.key(key), f'"{key}" must be an integer from {minimum} to {MAX_MSECS} (ms)')
    return int(value)


def parse_steps(value, path, context):
    """Every step of the array value, at path ("steps"); a JsonProblem's path is relative to value."""
    if not isinstance(value, list):
        raise JsonProblem("", '"steps" is an array of steps: [{"send": {...}}, {"expect": {...}}, ...]')
    steps = []
    for index, item in enumerate(value):
        try:
            steps.append(parse_step(item, f"{path}[{index}]", context))
        except JsonProblem as problem:
            raise problem.under(JsonProblem.index(index)) from None
    return steps


def parse_step(value, path, context):
    """The step value at path ("steps[3]"); raises JsonProblem (its path relative to value)."""
    if not isinstance(value, dict):
        raise JsonProblem("", f"a step is an object with {_ONE_OF}")
    actions = []
    for key in sorted(value):
        if key in ACTION_KEYS:
            actions.append(key)
        elif key not in _COMPANIONS["expect"] and key != "steps":
            raise JsonProblem(JsonProblem.key(key), f'unknown step key "{key}": a step has {_ONE_OF}, and "as", '
                                                    '"timeout_ms", "skip_others" or "steps" with them')
    if len(actions) != 1:
        raise JsonProblem("", f"a step needs {_ONE_OF}" if not actions
                          else f"a step does one thing; this one has {', '.join(actions)}")
    action_key = actions[0]
    step = ScenarioStep(action=ACTION_KEYS[action_key], path=path)
    for key in sorted(value):
        if key != action_key and key not in _COMPANIONS[step.action]:
            raise JsonProblem(JsonProblem.key(key), f'"{key}" does not go with "{action_key}"')
    argument = value[action_key]
    if step.action == "send":
        step.client = _parse_client(value, context)
        try:
            step.reply = ReplyTemplate.from_json(argument)
        except JsonProblem as problem:
            raise problem.under(JsonProblem.key(action_key)) from None
    elif step.action in ("expect", "expect_closed"):
        _parse_expectation(step, value, argument, context)
    elif step.action == "sleep":
        step.sleep_ms = parse_msecs(argument, action_key, 0)
    else:
        _parse_repeat(step, value, argument, context)
    step.summary = _summary(step, value, context)
    return step


def _parse_expectation(step, value, argument, context):
    if step.action == "expect":
        try:
            step.matcher = Matcher.from_json(argument)
        except JsonProblem as problem:
            raise problem.under(JsonProblem.key("expect")) from None
    elif argument is not True:
        raise JsonProblem(JsonProblem.key("expect_closed"), '"expect_closed" must be true')
    step.client = _parse_client(value, context)
    step.timeout_ms = context.default_timeout_ms
    if "timeout_ms" in value:
        step.timeout_ms = parse_msecs(value["timeout_ms"], "timeout_ms", 1)
    if "skip_others" in value and not isinstance(value["skip_others"], bool):
        raise JsonProblem(JsonProblem.key("skip_others"), '"skip_others" must be true or false')
    step.skip_others = value.get("skip_others", False)


def _parse_repeat(step, value, argument, context):
    if not is_number(argument) or not 0 <= argument <= MAX_REPEAT or argument != int(argument):
        raise JsonProblem(JsonProblem.key("repeat"), f'"repeat" must be an integer from 0 to {MAX_REPEAT}')
    step.repeat_count = int(argument)
    if "steps" not in value:
        raise JsonProblem("", '"repeat" needs "steps": the steps to repeat')
    try:
        step.steps = parse_steps(value["steps"], step.path + ".steps", context)
    except JsonProblem as problem:
        raise problem.under(JsonProblem.key("steps")) from None
    if not step.steps:
        raise JsonProblem(JsonProblem.key("steps"), '"steps" of a repeat needs at least one step')


def _quoted_names(context):
    return '"' + '", "'.join(context.clients) + '"'


def _parse_client(value, context):
    """The index of the client the step names in "as" (or the only one)."""
    if "as" not in value:
        if len(context.clients) == 1:
            return 0
        raise JsonProblem("", f'which client? This step needs "as": one of {_quoted_names(context)}')
    name = value["as"]
    if not isinstance(name, str):
        raise JsonProblem(JsonProblem.key("as"), '"as" must be a client\'s name, as a string')
    if not context.named_clients:
        raise JsonProblem(JsonProblem.key("as"), '"as" names one of "clients"; this scenario has one client, '
                                                 'its "connect" at the top: leave "as" out')
    if name not in context.clients:
        raise JsonProblem(JsonProblem.key("as"),
                          f'unknown client "{name}" in "as": the clients are {_quoted_names(context)}')
    return context.clients.index(name)


def _elided(text, length):
    return text if utf16_length(text) <= length else utf16_left(text, length - 3) + "..."


def _summary(step, value, context):
    who = f" {context.clients[step.client]}" if step.client >= 0 and context.named_clients else ""
    if step.action == "send":
        return f"send{who} {_elided(compact(value['send']), 100)}"
    if step.action == "expect":
        return f"expect{who} {step.matcher.describe()}" + (", skipping others" if step.skip_others else "")
    if step.action == "expect_closed":
        return f"expect{who} closed, skipping messages" if step.skip_others else f"expect{who} closed"
    if step.action == "sleep":
        return f"sleep {step.sleep_ms} ms"
    return f"repeat {step.repeat_count} times"
