"""One :class:`~tests.importers.forms.layouts.Form` written as .docx, .xlsx, PDF and HTML.

The writers are the libraries departments' own tools resemble: python-docx (Word), openpyxl
(Excel), reportlab with the Debian font WenQuanYi Micro Hei (a PDF with a text layer, ruled
tables split over pages as Word prints them) and plain HTML as a portal page. Merged cells are real
merges in each container (``gridSpan``/``vMerge``, ``merge_cells``, ``SPAN``, ``rowspan``/``colspan``).
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.importers.forms.layouts import MERGED_LEFT, SPANNED, Form, Grid, spans

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def write_docx(form: Form, path: Path) -> Path:
    from docx import Document
    from docx.enum.section import WD_ORIENT

    document = Document()
    if form.landscape:
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for block in form.blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block), cols=len(block[0]))
        table.style = "Table Grid"
        for r, row in enumerate(block):
            for c, text in enumerate(row):
                if text not in SPANNED:
                    table.cell(r, c).text = text
        for r, c, height, width in spans(block):
            text = block[r][c]
            merged = table.cell(r, c).merge(table.cell(r + height - 1, c + width - 1))
            merged.text = text
    document.save(str(path))
    return path


_NUMBER = re.compile(r"^-?\d+(?:\.(\d+))?(%?)$")


def _put(cell: Any, text: str) -> None:
    """Numbers stored as numbers with the format that prints them as ``text`` (as a unit's sheet does)."""
    match = _NUMBER.match(text)
    if match is None:
        cell.value = text
        cell.data_type = "s"  # "=100%" typed as text, not a formula
        return
    places = len(match.group(1) or "")
    number = Decimal(text.rstrip("%"))
    fmt = "0" + ("." + "0" * places if places else "")
    if match.group(2):
        number, fmt = number / 100, fmt + "%"
    cell.value = int(number) if number == number.to_integral_value() and not places else float(number)
    cell.number_format = fmt if places or match.group(2) else "General"


def write_xlsx(form: Form, path: Path) -> Path:
    """Each paragraph a row merged across the table's width; tables as they are; one sheet."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "自评表"
    width = max((len(t[0]) for t in form.tables()), default=1)
    row = 1
    for block in form.blocks:
        if isinstance(block, str):
            sheet.cell(row, 1, block)
            if width > 1:
                sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            row += 1
            continue
        for r, cells in enumerate(block):
            for c, text in enumerate(cells):
                if text not in SPANNED and text:
                    _put(sheet.cell(row + r, c + 1), text)
        for r, c, height, w in spans(block):
            sheet.merge_cells(start_row=row + r, start_column=c + 1, end_row=row + r + height - 1,
                              end_column=c + w)
        row += len(block)
    book.save(str(path))
    return path


def write_xls(form: Form, path: Path) -> Path:
    """The same sheet as :func:`write_xlsx` in the old binary Excel 97-2003 format (BIFF8, by xlwt): real
    merged ranges, numbers stored as numbers with the format that prints them."""
    xls_book(form).save(str(path))
    return path


def xls_book(form: Form) -> Any:
    """The xlwt workbook :func:`write_xls` saves."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("自评表")
    styles: dict[str, Any] = {}

    def style(fmt: str) -> Any:
        if fmt not in styles:
            styles[fmt] = xlwt.easyxf(num_format_str=fmt)
        return styles[fmt]

    def put(r: int, c: int, text: str, r2: int | None = None, c2: int | None = None) -> None:
        match = _NUMBER.match(text)
        value: Any = text
        fmt = "General"
        if match is not None:
            places = len(match.group(1) or "")
            number = Decimal(text.rstrip("%"))
            fmt = "0" + ("." + "0" * places if places else "")
            if match.group(2):
                number, fmt = number / 100, fmt + "%"
            value = int(number) if number == number.to_integral_value() and not places else float(number)
            fmt = fmt if places or match.group(2) else "General"
        if r2 is None or c2 is None:
            sheet.write(r, c, value, style(fmt))
        else:
            sheet.write_merge(r, r2, c, c2, value, style(fmt))

    width = max((len(t[0]) for t in form.tables()), default=1)
    row = 0
    for block in form.blocks:
        if isinstance(block, str):
            put(row, 0, block, row, width - 1)
            row += 1
            continue
        merged = {(r, c): (h, w) for r, c, h, w in spans(block)}
        for r, cells in enumerate(block):
            for c, text in enumerate(cells):
                if text in SPANNED:
                    continue
                if (r, c) in merged:
                    h, w = merged[(r, c)]
                    put(row + r, c, text, row + r + h - 1, c + w - 1)
                elif text:
                    put(row + r, c, text)
        row += len(block)
    return book


def _register_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "wqy" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("wqy", str(CJK_FONT), subfontIndex=0))
    return "wqy"


def _widths(grid: Grid, total: float) -> list[float]:
    """Column widths in proportion to the longest unmerged text of each column (at least 1 em)."""
    longest = [1] * len(grid[0])
    for r, c, _, w in [(r, c, 1, 1) for r, row in enumerate(grid) for c, _ in enumerate(row)]:
        text = grid[r][c]
        if text in SPANNED or (c + w < len(grid[r]) and grid[r][c + 1] == MERGED_LEFT):
            continue
        longest[c] = max(longest[c], min(len(text), 12))
    scale = total / sum(longest)
    return [n * scale for n in longest]


def _pieces(row: int, height: int, most: int = 12) -> list[tuple[int, int]]:
    """A tall merged cell cut at every ``most``-th table row (reportlab splits a table only between
    spans; Word prints such a cell's text once and continues it empty on the next page, as here)."""
    cuts = [row, *range((row // most + 1) * most, row + height, most), row + height]
    return [(top, bottom - 1) for top, bottom in itertools.pairwise(cuts)]


def _page_number(canvas: Any, doc: Any) -> None:
    canvas.setFont("wqy", 9)
    canvas.drawCentredString(doc.pagesize[0] / 2, 20, f"第 {doc.page} 页")


def write_pdf(form: Form, path: Path, password: str | None = None, page_numbers: bool = False,
              rotate: int = 0) -> Path:
    """A PDF with a text layer; tables ruled, split over pages where they do not fit. ``rotate`` sets each
    page's /Rotate (a page scanned or printed sideways and turned by the viewer)."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    font = _register_font()
    size = landscape(A4) if form.landscape else A4
    encrypt = None
    if password is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(password, canPrint=0)
    doc = SimpleDocTemplate(str(path), pagesize=size, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm, encrypt=encrypt)
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=14)
    cell = ParagraphStyle("cell", fontName=font, fontSize=8, leading=10)
    story: list[Any] = []
    for block in form.blocks:
        if isinstance(block, str):
            story.append(Paragraph(html.escape(block), body))
            continue
        data: list[list[Any]] = [[Paragraph(html.escape(t), cell) if t not in SPANNED else "" for t in row] for row in block]
        style = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        style += [("SPAN", (c, top), (c + w - 1, bottom)) for r, c, h, w in spans(block)
                  for top, bottom in _pieces(r, h)]
        repeat = (form.repeat,) if form.repeat is not None and block is form.tables()[0] else 0
        if repeat:  # the repeated row's own top rule (GRID alone leaves it open on the following pages)
            style.append(("LINEABOVE", (0, form.repeat), (-1, form.repeat), 0.5, "black"))
        table = Table(data, colWidths=_widths(block, size[0] - 30 * mm), style=TableStyle(style), repeatRows=repeat)
        story.append(table)
    def on_page(canvas: Any, doc: Any) -> None:
        if page_numbers:
            _page_number(canvas, doc)
        if rotate:
            canvas.setPageRotation(rotate)

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return path


def form_html(form: Form) -> str:
    """The form's paragraphs and tables as HTML (tables with rowspan/colspan), no page around them."""
    parts = []
    for block in form.blocks:
        if isinstance(block, str):
            parts.append(f"<p>{html.escape(block)}</p>")
            continue
        covered = {(r, c) for r, row in enumerate(block) for c, t in enumerate(row) if t in SPANNED}
        size = {(r, c): (h, w) for r, c, h, w in spans(block)}
        parts.append('<table border="1" cellspacing="0">')
        for r, row in enumerate(block):
            parts.append("<tr>")
            for c, text in enumerate(row):
                if (r, c) in covered:
                    continue
                h, w = size.get((r, c), (1, 1))
                attrs = (f' rowspan="{h}"' if h > 1 else "") + (f' colspan="{w}"' if w > 1 else "")
                parts.append(f"<td{attrs}>{html.escape(text)}</td>")
            parts.append("</tr>")
        parts.append("</table>")
    return "\n".join(parts)


def write_html(form: Form, path: Path, encoding: str = "utf-8") -> Path:
    """A portal page: header and footer around the content, tables with rowspan/colspan."""
    page = (f'<!DOCTYPE html><html><head><meta charset="{encoding}"><title>{html.escape(form.name)}</title>'
            "<style>td{border:1px solid #000}</style></head><body>\n"
            f'<div class="nav"><a href="/">首页</a></div><div class="content">\n{form_html(form)}\n'
            '</div><div class="footer">版权所有</div></body></html>')
    codec = "gb18030" if encoding.lower() in {"gb2312", "gbk"} else encoding  # as portals do
    path.write_bytes(page.encode(codec))
    return path


WRITERS: dict[str, Callable[[Form, Path], Path]] = {
    "docx": write_docx, "xlsx": write_xlsx, "xls": write_xls, "pdf": write_pdf, "html": write_html,
}


def write_scan(path: Path, pages: int = 1) -> Path:
    """A scanned report: every page one picture, no text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    png = _grey_png(64, 64)
    canvas = Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        canvas.drawImage(ImageReader(png), 50, 50, width=400, height=600)
        canvas.showPage()
    canvas.save()
    return path


def _grey_png(width: int, height: int) -> Any:
    import io
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes([128]) * width for _ in range(height))
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return io.BytesIO(data)
