"""PDF/A-3b with the deal embedded, `import` back to an identical deal, and tagged PDF/UA-1."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest

from engine import cli
from engine.archive import DEAL_ATTACHMENT, deal_from_pdf
from engine.dealfile import DealError, load_deal
from engine.model import Deal
from engine.pipeline import render

SECOND_DEAL = Path(__file__).parent / "fixtures" / "second_deal.json"


def with_flags(deal: Deal, **flags: bool) -> Deal:
    return deal.model_copy(update={"options": deal.options.model_copy(update=flags)})


@pytest.mark.parametrize("path", [None, SECOND_DEAL])
def test_pdfa_carries_the_deal_and_import_recovers_it(path: Path | None, tmp_path: Path) -> None:
    deal = with_flags(load_deal(path), archival=True)
    pdf = render(deal).pdf
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert DEAL_ATTACHMENT in doc.attachments
        assert "pdfaid" in str(doc.open_metadata())
        assert "/OutputIntents" in doc.Root
    assert deal_from_pdf(pdf) == deal
    report = tmp_path / "report.pdf"
    report.write_bytes(pdf)
    out = tmp_path / "deal.json"
    assert cli.main(["import", str(report), "-o", str(out)]) == 0
    assert load_deal(out) == deal
    # The same deal gives the same bytes, attachment included.
    assert render(deal).pdf == pdf


def test_cli_export_pdfa_then_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf, out = tmp_path / "r.pdf", tmp_path / "d.json"
    assert cli.main(["export", str(SECOND_DEAL), "-o", str(pdf), "--pdfa", "--template", "onepage"]) == 0
    assert cli.main(["import", str(pdf), "-o", str(out)]) == 0
    imported = load_deal(out)
    original = load_deal(SECOND_DEAL)
    assert imported.options.archival and imported.options.template == "onepage"
    assert imported.model_copy(update={"options": original.options}) == original
    # Refuses to overwrite without --force, and leaves the file alone.
    before = out.read_bytes()
    assert cli.main(["import", str(pdf), "-o", str(out)]) == 2
    assert "exists" in capsys.readouterr().err and out.read_bytes() == before
    assert cli.main(["import", str(pdf), "-o", str(out), "--force"]) == 0


def test_import_without_attachment_exits_2(
    tmp_path: Path, sample_deal: Deal, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "plain.pdf"
    pdf.write_bytes(render(sample_deal).pdf)
    out = tmp_path / "d.json"
    assert cli.main(["import", str(pdf), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no deal file" in err and not out.exists()
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf")
    assert cli.main(["import", str(junk), "-o", str(out)]) == 2 and not out.exists()


def test_tampered_attachment_is_validated(sample_deal: Deal) -> None:
    pdf = render(with_flags(sample_deal, archival=True)).pdf
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        doc.attachments[DEAL_ATTACHMENT] = pikepdf.AttachedFileSpec(
            doc, b'{"id": "x"}', filename=DEAL_ATTACHMENT
        )
        buffer = io.BytesIO()
        doc.save(buffer)
    with pytest.raises(DealError):
        deal_from_pdf(buffer.getvalue())


def alt_texts(doc: pikepdf.Pdf) -> list[str]:
    found = []
    stack = [doc.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/Figure" and "/Alt" in node:
                found.append(str(node.Alt))
            kids = node.get("/K")
            if isinstance(kids, pikepdf.Array):
                stack.extend(kids)
            elif isinstance(kids, pikepdf.Dictionary):
                stack.append(kids)
    return found


@pytest.mark.parametrize("template", ["report", "briefing", "onepage"])
def test_pdfua_is_tagged_with_language_and_chart_alt_text(sample_deal: Deal, template: str) -> None:
    result = render(with_flags(sample_deal, accessible=True), template=template)
    with pikepdf.open(io.BytesIO(result.pdf)) as doc:
        assert "/StructTreeRoot" in doc.Root
        assert str(doc.Root.Lang) == "ar"
        assert doc.Root.MarkInfo.Marked
        assert "pdfuaid" in str(doc.open_metadata())
        alts = alt_texts(doc)
    charts = result.html.count('<figure class="chart')
    assert charts >= 1 and len([a for a in alts if a.strip()]) >= charts


def test_archival_and_accessible_together(sample_deal: Deal) -> None:
    pdf = render(with_flags(sample_deal, archival=True, accessible=True), template="report").pdf
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert "/StructTreeRoot" in doc.Root and DEAL_ATTACHMENT in doc.attachments
