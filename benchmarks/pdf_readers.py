"""Which PDF library reads the forms' tables best: pdfplumber, pypdfium2 and camelot on fixture PDFs.

Usage (from the project root; camelot is not a dependency, so it may run from another environment):

    PYTHONPATH=src:. python -m benchmarks.pdf_readers make /tmp/pdfbench    # fixture PDFs + expected rows
    PYTHONPATH=src python -m benchmarks.pdf_readers measure /tmp/pdfbench   # every library importable here

Accuracy is per expected table cell: the rows of all tables found in the file, in order, aligned with the
expected rows (difflib), and a cell counts when its text (lines joined as the importer joins them) equals
the expected text at the same column. Time is the median of 5 runs per file (the whole file).
"""

from __future__ import annotations

import argparse
import difflib
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

Rows = list[tuple[str, ...]]


def make(folder: Path) -> None:
    from tests.importers.forms.containers import write_pdf
    from tests.importers.forms.layouts import ALL, expected_rows

    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for build in ALL:
        form = build()
        write_pdf(form, folder / f"{form.name}.pdf")
        expected[form.name] = [list(r) for t in form.tables() for r in expected_rows(t)]
    (folder / "expected.json").write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")


def _join(text: str | None) -> str:
    from jixiao.importers.textfile import clean_cell

    return clean_cell(text or "")


def read_pdfplumber(path: Path) -> Rows:
    import pdfplumber

    rows: Rows = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                rows += [tuple(_join(c) for c in row) for row in table]
    return rows


def read_pypdfium2(path: Path) -> Rows:
    """pypdfium2 has a text layer and no table finder: each text line is one single-cell row."""
    import pypdfium2

    rows: Rows = []
    pdf = pypdfium2.PdfDocument(path)
    for page in pdf:
        text = page.get_textpage().get_text_range()
        rows += [(line.strip(),) for line in text.splitlines() if line.strip()]
    pdf.close()
    return rows


def read_camelot(path: Path) -> Rows:
    import camelot

    rows: Rows = []
    for table in camelot.read_pdf(str(path), pages="all", flavor="lattice"):
        rows += [tuple(_join(str(c)) for c in row) for row in table.df.values.tolist()]
    return rows


READERS: dict[str, Callable[[Path], Rows]] = {
    "pdfplumber": read_pdfplumber, "pypdfium2": read_pypdfium2, "camelot": read_camelot,
}


def score(found: Rows, expected: Rows) -> tuple[int, int]:
    """(cells right, cells expected) after aligning rows in order."""
    matcher = difflib.SequenceMatcher(a=expected, b=found, autojunk=False)
    right = 0
    for _, a0, a1, b0, b1 in matcher.get_opcodes():
        for exp, got in zip(expected[a0:a1], found[b0:b1], strict=False):
            right += sum(1 for c, text in enumerate(exp) if c < len(got) and got[c] == text)
    return right, sum(len(r) for r in expected)


def measure(folder: Path) -> None:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    for name, reader in READERS.items():
        try:
            reader(folder / f"{next(iter(expected))}.pdf")
        except ImportError:
            continue
        right = total = 0
        times = []
        for form, rows in expected.items():
            path = folder / f"{form}.pdf"
            runs = []
            for _ in range(5):
                start = time.perf_counter()
                found = reader(path)
                runs.append(time.perf_counter() - start)
            times.append(statistics.median(runs))
            r, t = score(found, [tuple(x) for x in rows])
            right, total = right + r, total + t
            print(f"{name:10s} {form:10s} cells {r}/{t}  {statistics.median(runs) * 1000:7.1f} ms")
        print(f"{name:10s} TOTAL      cells {right}/{total} = {right / total:.1%}  "
              f"median per file {statistics.median(times) * 1000:.1f} ms")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["make", "measure"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    make(args.folder) if args.command == "make" else measure(args.folder)


if __name__ == "__main__":
    main()
