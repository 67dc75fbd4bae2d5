"""Whether OCR makes scanned reports importable: rasterise fixture PDFs, OCR them, import, count cells.

    PYTHONPATH=src:. python -m benchmarks.ocr_import [--dpi 300 200] [--only mof]

Needs scripts/install-ocr.sh (Tesseract with chi_sim, Ghostscript, OCRmyPDF). For the reference report
and one MoF project form (made by reportlab with a text layer, as in the tests), each page is rendered
at ``--dpi`` (pypdfium2, greyscale) into an image-only PDF -- a clean scan, the best case -- then
``ocrmypdf -l chi_sim`` adds a text layer and the result is imported. Figures per file:

* tables: tables the importer finds (the text-layer PDF vs the OCR'd one);
* cells: non-empty table cells of the text-layer import whose text (spaces removed) occurs anywhere in
  the OCR'd text -- an upper bound for any table recovery on top of the OCR -- and the same for the
  cells that hold a number (the figures that are scored);
* placed: indicators the import places, and the blocks it leaves unplaced;
* seconds: OCR wall time (the machine's other load included).
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

_NUMBER = re.compile(r"^[≥≤<>=＝]?-?\d+(?:\.\d+)?%?")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _scan(source: Path, target: Path, dpi: int) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(source))
    images = [pdf[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(pdf))]
    images[0].save(target, "PDF", resolution=dpi, save_all=True, append_images=images[1:])


def _cells(path: Path) -> tuple[int, list[str], str]:
    from jixiao.importers.document import Paragraph, Table
    from jixiao.importers.pdffile import read_pdf

    document = read_pdf(path)
    tables = [b for b in document.blocks if isinstance(b, Table)]
    cells = [c for t in tables for r in t.rows for c in r.cells if c.strip()]
    text = " ".join([b.text for b in document.blocks if isinstance(b, Paragraph)] + cells)
    return len(tables), cells, _squash(text)


def _placed(path: Path, out: Path) -> tuple[int, int]:
    from jixiao.importers.run import import_file

    result = import_file(path, path.name, out, dept="ocr", year=2021, force=True)
    parts = result.parts or [result]
    return (sum(p.draft.indicator_count() for p in parts if p.draft),
            sum(len(p.draft.unplaced) for p in parts if p.draft))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dpi", type=int, nargs="+", default=[300])
    parser.add_argument("--only", choices=["reference", "mof"])
    args = parser.parse_args(argv)
    import ocrmypdf
    from tests.importers.forms.containers import write_pdf
    from tests.importers.forms.layouts import mof_project
    from tests.importers.test_pdffile import reference_form

    forms = {"reference": reference_form(), "mof": mof_project()}
    print("| 文件 | dpi | 页 | 找到的表格 | 单元格文字（上限） | 其中数字 | 归位指标 / 未归位 | OCR 用时 |")
    print("|---|---:|---:|---|---:|---:|---|---:|")
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        for name, form in forms.items():
            if args.only and name != args.only:
                continue
            text_pdf = write_pdf(form, folder / f"{name}.pdf", page_numbers=True)
            tables, cells, _ = _cells(text_pdf)
            placed = _placed(text_pdf, folder / "content-text")
            numbers = [c for c in cells if _NUMBER.match(_squash(c))]
            for dpi in args.dpi:
                scan, ocred = folder / f"{name}-{dpi}-scan.pdf", folder / f"{name}-{dpi}-ocr.pdf"
                _scan(text_pdf, scan, dpi)
                started = time.perf_counter()
                ocrmypdf.ocr(scan, ocred, language=["chi_sim"], jobs=1, progress_bar=False, optimize=0,
                             output_type="pdf")
                seconds = time.perf_counter() - started
                found, _, text = _cells(ocred)
                right = sum(1 for c in cells if _squash(c) in text)
                right_numbers = sum(1 for c in numbers if _squash(c) in text)
                got = _placed(ocred, folder / f"content-{dpi}")
                import pypdfium2 as pdfium

                pages = len(pdfium.PdfDocument(str(scan)))
                print(f"| {name} | {dpi} | {pages} | {found}（文字层 {tables}） | {right}/{len(cells)} = "
                      f"{100 * right / len(cells):.1f}% | {right_numbers}/{len(numbers)} = "
                      f"{100 * right_numbers / max(len(numbers), 1):.1f}% | {got[0]} / {got[1]}（文字层 {placed[0]} / "
                      f"{placed[1]}） | {seconds:.0f} s |", flush=True)


if __name__ == "__main__":
    main()
