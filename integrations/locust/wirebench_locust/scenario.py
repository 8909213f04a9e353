"""A scenario file, read and checked, as `wirebench-cli run` reads it: port of Scenario.

    {"name"?: "...", "timeout_ms"?: N,
     "clients": {"alice": {"connect": "HOST:PORT", "codec"?: CODEC}, ...},
     "steps": [STEP, ...]}

or, with one client, "connect" and "codec" at the top instead of "clients".
CODEC is a codec's name ("line") or an object of the CLI's codec options
({"codec": "line", "delimiter": "\\r\\n"}); STEP is a scenariostep.ScenarioStep.
A file that cannot be run raises ScenarioError "FILE:LINE: what is wrong", the
line found as JsonSource finds it (a key's line for a member).
"""

from dataclasses import dataclass, field
from typing import Any, List

from . import endpoint
from .codecs import codec_from_json
from .errors import CodecConfigError
from .jsonsource import JsonSource, JsonSourceError
from .problem import JsonProblem
from .scenariostep import ScenarioStep, StepContext, parse_msecs, parse_steps

DEFAULT_TIMEOUT_MS = 5000  # what an expectation waits when neither it nor the scenario says
_TOP_KEYS = ("name", "timeout_ms", "clients", "connect", "codec", "steps")


class ScenarioError(ValueError):
    """A scenario that cannot be run; the text is "FILE:LINE: what is wrong"."""


@dataclass
class ScenarioClient:
    name: str  # as steps name it in "as"; "" for the one client at a scenario's top
    host: str
    port: int
    codec: Any = "envelope"  # the "codec" as written, checked: codecs.codec_from_json() takes it


@dataclass
class Scenario:
    name: str = ""
    clients: List[ScenarioClient] = field(default_factory=list)  # in the order of their names
    steps: List[ScenarioStep] = field(default_factory=list)

    @classmethod
    def from_json(cls, obj):
        """The scenario obj (a dict) describes; raises JsonProblem, its path from obj's root."""
        for key in sorted(obj):
            if key not in _TOP_KEYS:
                raise JsonProblem(JsonProblem.key(key), f'unknown key "{key}": a scenario has "clients" (or '
                                                        '"connect" and "codec" for one client), "steps", '
                                                        '"timeout_ms" and "name"')
        scenario = cls()
        if "name" in obj and not isinstance(obj["name"], str):
            raise JsonProblem(JsonProblem.key("name"), '"name" must be a string')
        scenario.name = obj.get("name", "")
        context = StepContext(clients=[], default_timeout_ms=DEFAULT_TIMEOUT_MS)
        if "timeout_ms" in obj:
            context.default_timeout_ms = parse_msecs(obj["timeout_ms"], "timeout_ms", 1)
        if "clients" in obj:
            scenario.clients = _parse_named_clients(obj)
        elif "connect" in obj:
            own = {key: obj[key] for key in ("connect", "codec") if key in obj}
            scenario.clients = [_parse_client("", own)]
            context.named_clients = False
        else:
            raise JsonProblem("", 'a scenario needs "clients": {"alice": {"connect": "HOST:PORT"}, ...} or, '
                                  'for one client, "connect": "HOST:PORT"')
        context.clients = [client.name for client in scenario.clients]
        if "steps" not in obj:
            raise JsonProblem("", 'a scenario needs "steps": [{"send": {...}}, {"expect": {...}}, ...]')
        try:
            scenario.steps = parse_steps(obj["steps"], "steps", context)
        except JsonProblem as problem:
            raise problem.under(JsonProblem.key("steps")) from None
        return scenario


def _parse_named_clients(obj):
    for key in ("connect", "codec"):
        if key in obj:
            raise JsonProblem(JsonProblem.key(key), f'"{key}" at the top is for a scenario of one client; '
                                                    'with "clients", each client has its own')
    named = obj["clients"]
    if not isinstance(named, dict) or not named:
        raise JsonProblem(JsonProblem.key("clients"),
                          '"clients" names each client: {"alice": {"connect": "127.0.0.1:7000"}, ...}')
    clients = []
    for name in sorted(named):
        path = JsonProblem.key("clients") + JsonProblem.key(name)
        if not name:
            raise JsonProblem(path, "a client's name must not be empty")
        if not isinstance(named[name], dict):
            raise JsonProblem(path, 'a client is an object: {"connect": "HOST:PORT", "codec": "envelope"}')
        try:
            clients.append(_parse_client(name, named[name]))
        except JsonProblem as problem:
            raise problem.under(path) from None
    return clients


def _parse_client(name, obj):
    for key in sorted(obj):
        if key not in ("connect", "codec"):
            raise JsonProblem(JsonProblem.key(key),
                              'scenarios connect over plain TCP for now: "tls" is not supported yet' if key == "tls"
                              else f'unknown client key "{key}": a client has "connect" and "codec"')
    if "connect" not in obj:
        raise JsonProblem("", 'a client needs "connect": "HOST:PORT"')
    if not isinstance(obj["connect"], str):
        raise JsonProblem(JsonProblem.key("connect"), '"connect" must be "HOST:PORT", as a string')
    try:
        host, port = endpoint.parse(obj["connect"], "127.0.0.1")
    except ValueError as error:
        raise JsonProblem(JsonProblem.key("connect"), f'"connect": {error}') from None
    if port == 0:
        raise JsonProblem(JsonProblem.key("connect"), '"connect": HOST:PORT needs a port')
    codec = obj.get("codec", "envelope")
    _check_codec(codec)
    return ScenarioClient(name, host, port, codec)


def _check_codec(value):
    """Raises JsonProblem (under "/codec") for a codec the codecs module refuses, in its words."""
    try:
        codec_from_json(value)
    except CodecConfigError as error:
        # The parameter's own line when the object has it (for "codec", the codec as a whole, it may not).
        path = JsonProblem.key(error.parameter) if isinstance(value, dict) and error.parameter in value else ""
        raise JsonProblem(JsonProblem.key("codec") + path, str(error)) from None


def parse_scenario(text, file_name):
    """The scenario in text (bytes or str), named file_name in errors; raises ScenarioError."""
    try:
        source = JsonSource(text, file_name)
    except JsonSourceError as error:
        raise ScenarioError(str(error)) from None
    return _from_source(source)


def load_scenario(path):
    """The scenario in the file at path; raises ScenarioError "FILE:LINE: what is wrong"."""
    try:
        source = JsonSource.load(path)
    except JsonSourceError as error:
        raise ScenarioError(str(error)) from None
    return _from_source(source)


def _from_source(source):
    try:
        if not isinstance(source.document, dict):
            raise JsonProblem("", 'a scenario is an object: {"clients": {...}, "steps": [...]}')
        return Scenario.from_json(source.document)
    except JsonProblem as problem:
        raise ScenarioError(source.describe(problem)) from None
