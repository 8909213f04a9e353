"""Makes integrations/locust, and tests/e2e's wbcli, importable for the tests here.

Each test file imports this first: `python3 tests/locust/test_x.py` from the repo
root puts this folder on sys.path, and this puts the package's folder there.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "integrations", "locust"))
sys.path.append(os.path.join(ROOT, "tests", "e2e"))  # wbcli: wirebench-cli processes with bounded waits
