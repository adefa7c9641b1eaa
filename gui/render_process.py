"""The editor's side of the render worker: a QProcess that runs one job at a time, with a time limit."""

from __future__ import annotations

import base64
import json
import os
import sys
from itertools import count

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

from engine.paths import ROOT

CRASHED = "توقفت عملية العرض فجأة"
TIMED_OUT = "استغرق العرض أكثر من {0:g} ثانية فأُوقف"
NO_START = "تعذّر تشغيل عملية العرض"

# A worker started before the window is built (see prestart_worker), waiting to be adopted.
_prestarted: list[QProcess] = []


def _new_worker_process(parent: QObject | None) -> QProcess:
    proc = QProcess(parent)
    env = QProcessEnvironment.systemEnvironment()
    env.insert("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), env.value("PYTHONPATH")])))
    proc.setProcessEnvironment(env)
    proc.setWorkingDirectory(str(ROOT))
    proc.setProgram(sys.executable)
    proc.setArguments(["-u", "-m", "gui.render_worker"])
    return proc


def prestart_worker() -> None:
    """Start a render worker now, so it imports and warms while the window is being built.

    The first RenderProcess to start adopts it (its "ready" line waits in the pipe meanwhile).
    """
    if _prestarted:
        return
    proc = _new_worker_process(None)
    proc.start()
    if proc.waitForStarted(10_000):
        _prestarted.append(proc)


class RenderProcess(QObject):
    """Runs `python -m gui.render_worker`; restarts it after a crash, a kill or a time-out."""

    ready = Signal(int)  # worker pid
    started = Signal(int, int)  # job, worker pid
    rendered = Signal(int, bytes, int)  # job, PDF bytes, worker pid
    checked = Signal(int, list)  # job, preflight findings as [1-based page, Arabic line] (before rendered)
    exported = Signal(int, str)  # job, written path
    failed = Signal(int, str)  # job, Arabic one-line reason

    _jobs = count(1)

    def __init__(self, parent: QObject | None = None, *, time_limit: float = 30.0) -> None:
        super().__init__(parent)
        self.time_limit = time_limit
        self.job: int | None = None  # the job in flight
        self.worker_pid = 0
        self.last_cpu = 0.0  # CPU seconds the worker spent on the last job it answered
        self._proc: QProcess | None = None
        self._buffer = b""
        self._stderr_tail = b""
        self._dying: list[QProcess] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timed_out)

    @property
    def busy(self) -> bool:
        """True while a job is in flight."""
        return self.job is not None

    def start(self) -> None:
        """Start the worker ahead of the first job (it imports WeasyPrint once)."""
        if self._proc is not None:
            return
        proc = _prestarted.pop() if _prestarted else None
        if proc is not None and proc.state() == QProcess.ProcessState.NotRunning:
            proc.deleteLater()  # it died before it was needed: start a new one
            proc = None
        adopted = proc is not None
        proc = proc or _new_worker_process(self)
        proc.setParent(self)
        proc.readyReadStandardOutput.connect(lambda: self._read(proc))
        proc.readyReadStandardError.connect(lambda: self._keep_stderr(proc))
        proc.finished.connect(lambda *_: self._ended(proc))
        self._proc, self._buffer = proc, b""
        if adopted:
            QTimer.singleShot(0, lambda: self._read(proc))  # what it said before it was adopted
            return
        proc.start()
        if not proc.waitForStarted(10_000):
            self._proc = None
            proc.deleteLater()

    def submit(self, deal_json: str, out: str | None = None) -> int:
        """Send one job (the caller waits for it to finish before the next); returns its id."""
        assert self.job is None, "one job at a time"
        job = next(self._jobs)
        self.start()
        if self._proc is None:
            QTimer.singleShot(0, lambda: self.failed.emit(job, NO_START))
            return job
        self.job = job
        line = json.dumps({"job": job, "deal": deal_json, "out": out}) + "\n"
        self._proc.write(line.encode("utf-8"))
        self._timer.start(int(self.time_limit * 1000))
        return job

    def kill(self, reason: str = CRASHED) -> None:
        """Stop the worker now; the job in flight fails with the reason."""
        proc, self._proc = self._proc, None
        job, self.job = self.job, None
        self._timer.stop()
        if proc is not None:
            self._dying.append(proc)
            proc.kill()
        if job is not None:
            self.failed.emit(job, reason)

    def stop(self) -> None:
        """Let the worker finish and exit (end of the session)."""
        self._timer.stop()
        self.job = None
        if self._proc is not None:
            proc, self._proc = self._proc, None
            self._dying.append(proc)
            proc.closeWriteChannel()
            if not proc.waitForFinished(3000):
                proc.kill()
        for proc in list(self._dying):
            if proc.state() != QProcess.ProcessState.NotRunning:
                proc.waitForFinished(3000)

    def _keep_stderr(self, proc: QProcess) -> None:
        self._stderr_tail = (self._stderr_tail + bytes(proc.readAllStandardError().data()))[-4000:]

    def _read(self, proc: QProcess) -> None:
        if proc is not self._proc:
            return
        self._buffer += bytes(proc.readAllStandardOutput().data())
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            if line.strip():
                self._answer(json.loads(line))

    def _answer(self, message: dict) -> None:
        if message.get("ready"):
            self.worker_pid = int(message["pid"])
            self.ready.emit(self.worker_pid)
            return
        job = message.get("job")
        if job != self.job:
            return  # an answer to a job we gave up on
        if message.get("started"):
            self.started.emit(job, int(message["pid"]))
            return
        self._timer.stop()
        self.job = None
        self.last_cpu = float(message.get("cpu", 0.0))
        if not message.get("ok"):
            self.failed.emit(job, str(message.get("error", "")))
        elif "path" in message:
            self.exported.emit(job, message["path"])
        else:
            self.checked.emit(job, [tuple(f) for f in message.get("findings", [])])
            self.rendered.emit(job, base64.b64decode(message["pdf"]), int(message["pid"]))

    def _timed_out(self) -> None:
        self.kill(TIMED_OUT.format(self.time_limit))

    def _ended(self, proc: QProcess) -> None:
        if proc in self._dying:
            self._dying.remove(proc)
        elif proc is self._proc:
            self._proc = None
            job, self.job = self.job, None
            self._timer.stop()
            if job is not None:
                self.failed.emit(job, CRASHED)
        proc.deleteLater()
