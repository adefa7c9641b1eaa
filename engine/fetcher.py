"""The one resource resolver: the project's own assets and templates, and small data: URLs."""

from __future__ import annotations

import mimetypes
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from engine.paths import ASSETS, TEMPLATES

MAX_DATA_URL = 8_000_000
MAX_FILE = 8_000_000


class ResourceRefused(FatalURLFetchingError):
    """A template asked for something outside what the renderer may read; rendering stops."""


class AssetFetcher(URLFetcher):
    """Serves file: URLs under assets/ and templates/, and data: URLs; refuses everything else."""

    def __init__(self, roots: tuple[Path, ...] = (ASSETS, TEMPLATES)) -> None:
        super().__init__(allowed_protocols=("file", "data"))
        self.roots = tuple(r.resolve() for r in roots)

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        """Return the resource, or stop the render with ResourceRefused."""
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            if len(url) > MAX_DATA_URL:
                raise ResourceRefused(f"data: URL larger than {MAX_DATA_URL} bytes")
            response = urllib.request.DataHandler().data_open(urllib.request.Request(url))
            return URLFetcherResponse(url, response.read(), dict(response.headers))
        if scheme == "file":
            path = self._allowed_path(url)
            size = path.stat().st_size
            if size > MAX_FILE:
                raise ResourceRefused(f"{path.name} is larger than {MAX_FILE} bytes")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})
        raise ResourceRefused(f"refused to fetch {url[:200]!r}: only bundled assets are used")

    def _allowed_path(self, url: str) -> Path:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise ResourceRefused(f"refused to fetch {url[:200]!r}: remote file")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots) or not path.is_file():
            raise ResourceRefused(f"refused to read {url[:200]!r}: not a bundled asset")
        return path
