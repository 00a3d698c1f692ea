"""`pytest --shuffle=SEED`: run the test files in a random order, and each file's tests in a
random order, so that a test relying on what an earlier one left behind fails. The seed is
printed; the same seed gives the same order."""

import random

import pytest


def pytest_addoption(parser):
    parser.addoption(
        "--shuffle",
        metavar="SEED",
        type=int,
        default=None,
        help="run test files, and the tests in each, in an order shuffled with this seed",
    )


def pytest_report_header(config):
    seed = config.getoption("shuffle")
    return None if seed is None else f"shuffled with --shuffle={seed}"


# Before pytest-django's hook, which then puts the database tests in its stable order of kinds
# (plain, then transactional), keeping this order within each kind.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    seed = config.getoption("shuffle")
    if seed is None:
        return
    rng = random.Random(seed)
    by_file: dict[str, list] = {}
    for item in items:
        by_file.setdefault(item.nodeid.split("::")[0], []).append(item)
    files = list(by_file.values())
    rng.shuffle(files)
    for tests in files:
        rng.shuffle(tests)
    items[:] = [item for tests in files for item in tests]
