"""User templates from the user's config folder, rendered in Jinja's immutable sandbox in a killable child."""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import TemplateError
from jinja2.sandbox import SecurityError

from engine.errors import RenderError
from engine.limits import die_with_parent, limit_child
from engine.templating import TEMPLATE_SUFFIX, sandbox_environment, template_names

TIME_LIMIT = 20.0  # seconds for Jinja + WeasyPrint together (wall clock, and CPU time in the child)
STARTUP_LIMIT = 60.0  # seconds for the child to start (imports), before the time limit runs
MAX_HTML = 5_000_000
MAX_PDF = 50_000_000
MEMORY_LIMIT = 2_000_000_000  # bytes of address space for the child
ENV_FOLDER = "DEAL_BRIEFING_TEMPLATES"

if TYPE_CHECKING:  # the renderer is imported only when a user template is rendered
    from engine.pipeline import Rendered


def user_template_folder() -> Path:
    """Where user templates live: $DEAL_BRIEFING_TEMPLATES or <config dir>/deal-briefing/templates."""
    override = os.environ.get(ENV_FOLDER)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("deal-briefing")) / "templates"


def user_template_names() -> list[str]:
    """User templates that do not collide with a built-in one (built-ins always win)."""
    folder = user_template_folder()
    if not folder.is_dir():
        return []
    builtin = set(template_names())
    names = (p.name.removesuffix(TEMPLATE_SUFFIX) for p in folder.glob(f"*{TEMPLATE_SUFFIX}") if p.is_file())
    return sorted(n for n in names if not n.startswith("_") and n not in builtin and n.isascii())


def render_in_process(deal_json: str, name: str, folder: str) -> Rendered:
    """Render a user template in this process (the child calls this; tests call it directly)."""
    from engine.dealfile import parse_deal
    from engine.pipeline import run_stages

    env = sandbox_environment(Path(folder))

    def html_of(context: dict[str, Any]) -> str:
        try:
            html = env.get_template(name + TEMPLATE_SUFFIX).render(context)
        except SecurityError as exc:
            raise RenderError(f"template {name}: refused: {exc}") from None
        except TemplateError as exc:
            raise RenderError(f"template {name}: {type(exc).__name__}: {exc}") from None
        except (OverflowError, MemoryError, RecursionError) as exc:
            raise RenderError(f"template {name}: too much work ({type(exc).__name__}: {exc})") from None
        if len(html) > MAX_HTML:
            raise RenderError(f"template {name}: output larger than {MAX_HTML // 1_000_000} MB")
        return html

    result = run_stages(parse_deal(deal_json), html_of)
    if len(result.pdf) > MAX_PDF:
        raise RenderError(f"template {name}: PDF larger than {MAX_PDF // 1_000_000} MB")
    return result


def _child(conn: Any, job: tuple[str, str, str], parent_pid: int, timeout: float) -> None:
    deal_json, name, folder = job
    # The limits hold whatever happens to the parent: the child dies with it, and its own CPU
    # time (imports included) is capped at the time limit (SIGXCPU, then SIGKILL 5 s later).
    die_with_parent(parent_pid)
    used = os.times()
    limit_child(MEMORY_LIMIT, int(used.user + used.system) + math.ceil(timeout))
    too_slow = f"template {name} took longer than {timeout:g} s and was stopped"

    def stop(_signum: int, _frame: object) -> None:
        raise RenderError(too_slow)

    if hasattr(signal, "SIGXCPU"):
        signal.signal(signal.SIGXCPU, stop)
    try:
        conn.send(("ready", None))  # imports done: the time limit starts now
        conn.send(("ok", render_in_process(deal_json, name, folder)))
    except RenderError as exc:
        conn.send(("error", str(exc)))
    except MemoryError:
        conn.send(("error", f"template {name}: used more than {MEMORY_LIMIT // 1_000_000_000} GB of memory"))
    except Exception as exc:  # anything else the template provoked, reported as one line
        conn.send(("error", f"template {name}: {type(exc).__name__}: {str(exc)[:300]}"))
    finally:
        conn.close()


def render_user_template(deal: Any, name: str, timeout: float = TIME_LIMIT) -> Rendered:
    """Render a user template in a child process; kill it and raise RenderError past the time limit."""
    from engine.dealfile import dump_deal

    folder = str(user_template_folder().resolve())
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    args = (child, (dump_deal(deal), name, folder), os.getpid(), timeout)
    process = ctx.Process(target=_child, args=args, daemon=True)
    process.start()
    child.close()
    try:
        status, payload = "", None
        for wait in (STARTUP_LIMIT, timeout):  # its imports, then Jinja + WeasyPrint
            if not parent.poll(wait):
                raise RenderError(f"template {name} took longer than {wait:g} s and was stopped")
            try:
                status, payload = parent.recv()
            except EOFError:
                raise RenderError(f"template {name}: the renderer stopped unexpectedly") from None
            if status != "ready":
                break
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        parent.close()
    if status != "ok":
        raise RenderError(payload)
    return payload
