"""Runs a Wirebench scenario on Locust, on one machine or many:

    locust -f integrations/locust/locustfile.py --scenario scenario.json --host HOST:PORT
    locust -f integrations/locust/locustfile.py --scenario scenario.json --host HOST:PORT --master
    locust -f integrations/locust/locustfile.py --worker --master-host MASTER

The scenario is the file `wirebench-cli run` takes. The master (or a
single process) reads it and hands its text to the workers, which need
this file and the package next to it, not the scenario. To write your own
users instead, subclass wirebench_locust.wirebenchuser.WirebenchUser.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from locust import events  # noqa: E402
from locust.runners import MasterRunner, WorkerRunner  # noqa: E402

from wirebench_locust.locustversion import ensure_version  # noqa: E402
from wirebench_locust.scenario import ScenarioError, parse_scenario  # noqa: E402
from wirebench_locust.scenariouser import ScenarioUser  # noqa: E402
from wirebench_locust.workertally import WorkerTally  # noqa: E402

ensure_version()  # before any runner starts: see locustversion.py

_scenarios = {}  # scenario text -> Scenario, parsed once per process


@events.init_command_line_parser.add_listener
def _add_options(parser):
    # Not in the web UI's form: the scenario is read once, when Locust starts, and checked then.
    parser.add_argument("--scenario", env_var="WIREBENCH_SCENARIO", default="", include_in_web_ui=False,
                        help="the Wirebench scenario (JSON) every user runs; read by the master")
    # The scenario's text, filled by the master: Locust hands custom options to its workers.
    parser.add_argument("--wirebench-scenario-text", default="", include_in_web_ui=False, help=argparse.SUPPRESS)


@events.init.add_listener
def _read_scenario(environment, **_kwargs):
    options = environment.parsed_options
    if isinstance(environment.runner, WorkerRunner):
        return
    if not options.scenario:
        _refuse("give the scenario to run: --scenario FILE (a file wirebench-cli run takes)")
    try:
        with open(options.scenario, encoding="utf-8") as file:
            text = file.read()
        _scenario_of(text, options.scenario)
    except (OSError, UnicodeDecodeError) as error:
        _refuse(f"cannot read the scenario: {error}")
    except ScenarioError as error:
        _refuse(str(error))
    options.wirebench_scenario_text = text
    if isinstance(environment.runner, MasterRunner):
        WorkerTally(environment.events, options.csv_prefix)


def _refuse(problem):
    """Ends Locust before it starts, as wirebench-cli ends on a bad file: exit 2, the problem on stderr."""
    print(f"locustfile: {problem}", file=sys.stderr)
    sys.exit(2)


def _scenario_of(text, file_name):
    if text not in _scenarios:
        _scenarios[text] = parse_scenario(text, file_name)
    return _scenarios[text]


class Scenario(ScenarioUser):
    def scenario(self):
        options = self.environment.parsed_options
        return _scenario_of(options.wirebench_scenario_text, options.scenario or "scenario")
