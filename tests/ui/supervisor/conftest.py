"""Fixtures of the supervisor console's tests: the busy demo centre (tests/ui/supervisor/scenario.py),
built once per session and copied for each test, its frozen clock, the supervisor signed in,
and the console window."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest

from tests.conftest import FrozenClock
from tests.ui.supervisor import scenario


@pytest.fixture(scope="session")
def centre(tmp_path_factory) -> scenario.Centre:
    """The busy month, built once (it takes some seconds)."""
    return scenario.build(tmp_path_factory.mktemp("supervisor-centre"))


@pytest.fixture
def centre_clock() -> FrozenClock:
    return FrozenClock(scenario.NOW.astimezone(UTC))


@pytest.fixture
def centre_svc(centre, tmp_path, centre_clock):
    from counter_app.services.context import Services

    services = Services(centre.copy_to(tmp_path), archive_dir=tmp_path / "archive", clock=centre_clock)
    yield services
    services.close()


@pytest.fixture
def boss(centre, centre_svc):
    """giamsat, the centre's supervisor, signed in."""
    from counter_app.services import accounts

    return accounts.authenticate(centre_svc, "giamsat", centre.passwords["giamsat"], None)


class SaveAnswer:
    """Stands in for QFileDialog.getSaveFileName: answers with a file in a folder of the test."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.asked: list[tuple[str, str, str]] = []
        self.answer: str | None = None  # a file name in ``folder``; None: the suggested name; "": cancel

    def __call__(self, parent, caption: str, suggested: str, filters: str) -> tuple[str, str]:
        self.asked.append((caption, suggested, filters))
        if self.answer == "":
            return "", ""
        return str(self.folder / (self.answer or Path(suggested).name)), filters


@pytest.fixture
def save_answer(tmp_path) -> SaveAnswer:
    folder = tmp_path / "exports"
    folder.mkdir()
    return SaveAnswer(folder)


@pytest.fixture
def console(qtbot, centre_svc, boss, worker, save_answer, preview_spy, ui_language):
    """The console of giamsat on the busy centre, shown, its live view read."""
    from counter_app.ui.supervisor.app import build_supervisor_window

    window = build_supervisor_window(centre_svc, boss, worker=worker, save_file_name=save_answer,
                                     preview_opener=preview_spy)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.now_view.snapshot is not None, timeout=10_000)
    qtbot.waitUntil(lambda: worker.idle, timeout=10_000)
    yield window
    window.close()
    qtbot.waitUntil(lambda: worker.idle, timeout=10_000)
