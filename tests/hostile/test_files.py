"""Untrusted files: deal files, import sources and logos are bounded in size, kind and work."""

from __future__ import annotations

import base64
import json
import os
import struct
import zlib
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from engine.archive import DEAL_ATTACHMENT
from engine.dealfile import dump_deal
from engine.logo import MAX_SVG_DRAWN, MAX_SVG_ELEMENTS, check_logo_bytes
from engine.model import Deal
from tests.hostile.conftest import listing, one_line_exit_2, run_cli

BILLION_LAUGHS = """<?xml version="1.0" encoding="{enc}"?>
<!DOCTYPE svg [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&f;</text></svg>"""
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
    ' width="10" height="10">{}</svg>'
)


def use_fan_out(levels: int, fan: int) -> str:
    """Each group draws the previous one `fan` times: fan**levels shapes from a few hundred bytes."""
    parts = ['<defs><rect id="g0" width="1" height="1"/>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use xlink:href="#g{level - 1}"/>' for _ in range(fan))
        parts.append(f'<g id="g{level}">{uses}</g>')
    parts.append(f'</defs><use xlink:href="#g{levels}"/>')
    return SVG.format("".join(parts))


def png(width: int, height: int) -> bytes:
    """A 1-bit grayscale PNG of any declared size whose zero pixels compress to almost nothing."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = b"\x00" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


LOGOS: dict[str, tuple[str, bytes, str]] = {
    "laughs-utf8": ("svg", BILLION_LAUGHS.format(enc="UTF-8").encode("utf-8"), "DOCTYPE or entities"),
    "laughs-utf16": ("svg", BILLION_LAUGHS.format(enc="UTF-16").encode("utf-16"), "DOCTYPE or entities"),
    "laughs-utf16be": (
        "svg",
        BILLION_LAUGHS.format(enc="UTF-16").encode("utf-16-be"),
        "entities|well-formed",
    ),
    "external": ("svg", b'<?xml version="1.0"?><!DOCTYPE svg SYSTEM "file:///etc/passwd"><svg/>', "DOCTYPE"),
    "use-fan-out": ("svg", use_fan_out(8, 10).encode(), "<use>"),
    "use-wide": ("svg", use_fan_out(2, 150).encode(), f"more than {MAX_SVG_DRAWN} shapes|<use> elements"),
    "use-cycle": ("svg", SVG.format('<g id="a"><use xlink:href="#a"/></g>').encode(), "refers to itself"),
    "elements": ("svg", SVG.format("<g/>" * (MAX_SVG_ELEMENTS + 1)).encode(), "elements"),
    "depth": ("svg", SVG.format("<g>" * 40 + "</g>" * 40).encode(), "nested deeper"),
    "png-bomb": ("png", png(60_000, 60_000), "at most 4000×4000"),
}


@pytest.mark.parametrize("name", sorted(LOGOS))
def test_hostile_logos_are_refused(name: str) -> None:
    kind, data, message = LOGOS[name]
    assert len(data) < 512 * 1024
    with pytest.raises(ValueError, match=message):
        check_logo_bytes(data, kind)


def test_a_fair_svg_with_use_is_accepted() -> None:
    check_logo_bytes(use_fan_out(3, 10).encode(), "svg")  # 1000 shapes: a real logo's order


def test_hostile_logo_in_a_deal_exits_2(
    tmp_path: Path, deal_data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    data = LOGOS["laughs-utf16"][1]
    deal_data["options"]["logo"] = "data:image/svg+xml;base64," + base64.b64encode(data).decode()
    path = tmp_path / "deal.json"
    path.write_text(json.dumps(deal_data), "utf-8")
    code, _, err = run_cli(["validate", str(path)], capsys)
    assert "options.logo" in one_line_exit_2(code, err)


# ----- deal files ---------------------------------------------------------------------------------
@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.json"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", ["validate", "export"])
@pytest.mark.parametrize("source", ["fifo", "/dev/zero", "/dev/urandom", "folder"])
def test_special_deal_files_are_refused_at_once(
    command: str, source: str, fifo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = {"fifo": str(fifo), "folder": str(tmp_path)}.get(source, source)
    args = [command, path] + (["-o", str(tmp_path / "out.pdf")] if command == "export" else [])
    code, _, err = run_cli(args, capsys)
    assert path in one_line_exit_2(code, err)
    assert "out.pdf" not in listing(tmp_path)


def test_a_5000_digit_integer_is_bad_input(
    tmp_path: Path, deal_data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    text = json.dumps(deal_data).replace('"value": 30000000000', '"value": ' + "9" * 5000, 1)
    assert "9" * 5000 in text
    path = tmp_path / "deal.json"
    path.write_text(text, "utf-8")
    code, _, err = run_cli(["validate", str(path)], capsys)
    assert "more than 20 digits" in one_line_exit_2(code, err)


def test_an_oversized_deal_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "deal.json"
    path.write_bytes(b" " * 2_000_001)
    code, _, err = run_cli(["validate", str(path)], capsys)
    assert "larger than 2 MB" in one_line_exit_2(code, err)


# ----- import ---------------------------------------------------------------------------------------
def pdf_with_attachment(tmp_path: Path, raw: bytes, **stream: Any) -> Path:
    """A small PDF whose deal.json attachment stream holds `raw` as written (already encoded)."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.attachments[DEAL_ATTACHMENT] = pikepdf.AttachedFileSpec(pdf, b"{}")
    pdf.attachments[DEAL_ATTACHMENT].obj.EF.F.write(raw, **stream)
    path = tmp_path / "report.pdf"
    pdf.save(path, stream_decode_level=pikepdf.StreamDecodeLevel.none)  # keep the stream as written
    return path


@pytest.fixture
def bomb(tmp_path: Path) -> Path:
    squeezer = zlib.compressobj(9)
    raw = b"".join(squeezer.compress(b" " * 1_000_000) for _ in range(500)) + squeezer.flush()
    return pdf_with_attachment(tmp_path, raw, filter=pikepdf.Name.FlateDecode)


def test_a_compression_bomb_is_inflated_only_up_to_the_cap(
    bomb: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bomb.stat().st_size < 1_000_000  # 500 MB once inflated
    code, _, err = run_cli(["import", str(bomb), "-o", str(tmp_path / "deal.json")], capsys)
    line = one_line_exit_2(code, err)
    assert str(bomb) in line and "larger than 2 MB" in line
    assert "deal.json" not in listing(tmp_path)


def test_an_encrypted_pdf_is_bad_input(
    sample_deal: Deal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = pdf_with_attachment(tmp_path, dump_deal(sample_deal).encode())
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(source) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(owner="o", user="secret"))
    for path in (locked,):
        code, _, err = run_cli(["import", str(path), "-o", str(tmp_path / "deal.json")], capsys)
        line = one_line_exit_2(code, err)
        assert str(path) in line and "encrypted" in line
    empty_password = tmp_path / "empty.pdf"
    with pikepdf.open(source) as pdf:
        pdf.save(empty_password, encryption=pikepdf.Encryption(owner="o", user=""))
    code, _, err = run_cli(["import", str(empty_password), "-o", str(tmp_path / "deal.json")], capsys)
    assert "encrypted" in one_line_exit_2(code, err)
    assert "deal.json" not in listing(tmp_path)


MALFORMED: dict[str, bytes] = {
    "garbage": os.urandom(4096),
    "truncated": b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R",
    "empty": b"",
    "not-pdf": b"{}",
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_import_sources_exit_2(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(MALFORMED[name])
    code, _, err = run_cli(["import", str(path), "-o", str(tmp_path / "deal.json")], capsys)
    assert str(path) in one_line_exit_2(code, err)
    assert "deal.json" not in listing(tmp_path)


def test_damaged_and_oddly_encoded_attachments_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = [
        (b"x\x9c not zlib at all", {"filter": pikepdf.Name.FlateDecode}, "damaged"),
        (b"7b7d>", {"filter": pikepdf.Name.LZWDecode}, "unsupported encoding"),
        (b"{}", {"filter": pikepdf.Array([pikepdf.Name.FlateDecode] * 2)}, "unsupported encoding"),
    ]
    for raw, stream, message in cases:
        path = pdf_with_attachment(tmp_path, raw, **stream)
        code, _, err = run_cli(["import", str(path), "-o", str(tmp_path / "deal.json")], capsys)
        assert message in one_line_exit_2(code, err)


@pytest.mark.parametrize("source", ["fifo", "/dev/zero", "folder"])
def test_special_import_sources_are_refused_at_once(
    source: str, fifo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = {"fifo": str(fifo), "folder": str(tmp_path)}.get(source, source)
    code, _, err = run_cli(["import", path, "-o", str(tmp_path / "deal.json")], capsys)
    assert path in one_line_exit_2(code, err)
