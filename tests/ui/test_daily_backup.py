"""The desk's daily backup on an SQLite site: one copy per business day, the newest N kept,
a failure told in words; a PostgreSQL site leaves it to its server."""

from __future__ import annotations

from datetime import timedelta

from counter_app.services import backup
from counter_app.ui.desk.daily_backup import DailyBackup
from counter_app.ui.i18n import set_language
from counter_app.ui.worker import Worker


def _copies(folder):
    return sorted(p.name for p in folder.iterdir() if backup.SCHEDULED_RE.match(p.name)) if folder.is_dir() else []


def test_the_desk_backs_up_once_a_day_and_keeps_the_newest(qtbot, svc, demo, clock, tmp_path, backend):
    folder = tmp_path / "backups"
    worker = Worker()
    daily = DailyBackup(svc, worker, folder, keep=2, interval_ms=60_000)
    if backend != "sqlite":
        assert daily.start() is False and not daily.timer.isActive()
        return
    with qtbot.waitSignal(daily.done, timeout=30_000) as first:
        assert daily.start() is True
    assert daily.timer.isActive()
    assert len(_copies(folder)) == 1 and first.args[0].created is not None
    assert "Backed up today" in daily.describe(first.args[0]) or "Đã sao lưu" in daily.describe(first.args[0])
    backup.verify(first.args[0].created.path)  # a real, verifiable copy

    with qtbot.waitSignal(daily.done, timeout=30_000) as again:
        daily.run_now()
    assert again.args[0].created is None and len(_copies(folder)) == 1  # same day: nothing new
    assert daily.describe(again.args[0]) == ""

    for _ in range(2):
        clock.set(clock() + timedelta(days=1))
        with qtbot.waitSignal(daily.done, timeout=30_000):
            daily.run_now()
    copies = _copies(folder)
    assert len(copies) == 2, copies  # keep=2: the oldest went
    daily.stop()


def test_a_failed_daily_backup_is_told_to_the_officer(qtbot, svc, demo, tmp_path, backend):
    set_language("vi")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backup folder should be")
    daily = DailyBackup(svc, Worker(), blocker, keep=3)
    if backend != "sqlite":  # PostgreSQL sites back up their server (pg_dump), not each desk
        assert daily.start() is False
        return
    with qtbot.waitSignal(daily.failed, timeout=30_000) as failed:
        daily.run_now()
    message = failed.args[0]
    assert "Sao lưu hằng ngày không thành công" in message and str(blocker) in message
    assert blocker.read_text().startswith("a file")  # nothing was lost
