"""The production stack as docker-compose.yml and the Dockerfile declare it: read from the files,
since no Docker engine runs in CI."""

import re

import yaml

from tests.helpers import ROOT

APP_SERVICES = ("migrate", "web", "worker", "beat")


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def image_environment() -> dict:
    """The ENV lines of the Dockerfile, as the image's processes see them."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    environment = {}
    for line in text.splitlines():
        if line.startswith("ENV "):
            environment.update(re.findall(r"(\w+)=(\S+)", line))
    return environment


def mounts(service: dict) -> dict:
    """Container path → named volume, for the service's named-volume mounts."""
    return dict(reversed(volume.split(":")[:2]) for volume in service.get("volumes", []))


def test_it_keeps_public_and_private_media_on_named_volumes_shared_by_web_and_worker():
    stack = compose()
    environment = image_environment()
    for setting in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"):
        path = environment[setting]
        volumes = {name: mounts(stack["services"][name]).get(path) for name in APP_SERVICES}
        assert all(volumes.values()), f"{setting}={path} is not a volume in {volumes}"
        assert len(set(volumes.values())) == 1, f"{setting} differs between services: {volumes}"
        assert volumes["web"] in stack["volumes"]


def test_it_lets_the_app_user_write_both_media_folders():
    dockerfile = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    environment = image_environment()
    chown = re.search(r"chown portal:portal ([^&\n]+)", dockerfile).group(1).split()
    assert environment["MEDIA_ROOT"] in chown
    assert environment["PRIVATE_MEDIA_ROOT"] in chown
