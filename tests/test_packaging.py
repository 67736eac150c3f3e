"""A built wheel carries the templates and finds them without the source tree."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_templates_and_uses_them(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(dist)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("brief-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(site)
    for name in ("briefing.md.j2", "briefing.html.j2"):
        assert f"briefing/templates/{name}" in names
    found = subprocess.run(
        [
            sys.executable,
            "-c",
            "from briefing.render import default_templates_dir as d; print(d())",
        ],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site)},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert Path(found) == site / "briefing" / "templates"
