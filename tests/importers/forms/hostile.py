"""Hostile documents, small on disk: zip bombs, DTD entity attacks, huge page counts, looping content
streams, deep table nesting, a huge picture, .xls sheets declaring millions of cells. Each builder writes one file and returns its path."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from tests.importers.forms.containers import write_docx, write_xlsx, xls_book
from tests.importers.forms.layouts import mof_project

MB = 1024 * 1024
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + ']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
          '<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')
EXTERNAL = ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:body><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>')


def _members(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def _deflate_zeros(size: int) -> tuple[bytes, int]:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(MB)
    out = [packer.compress(chunk) for _ in range(size // MB)]
    crc = 0
    for _ in range(size // MB):
        crc = zlib.crc32(chunk, crc)
    return b"".join(out) + packer.flush(), crc


def _craft_zip(path: Path, members: list[tuple[str, bytes]], kernel: int, copies: int) -> Path:
    """A ZIP with ``members`` stored normally, plus ``copies`` directory entries that all point at one
    deflated run of ``kernel`` zero bytes (the overlapping-entry zip bomb: kilobytes declaring gigabytes)."""
    body = bytearray()
    central = bytearray()

    def local(name: bytes, method: int, crc: int, packed: bytes, size: int) -> int:
        offset = len(body)
        body.extend(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(packed), size,
                                len(name), 0) + name + packed)
        return offset

    def entry(name: bytes, method: int, crc: int, packed_size: int, size: int, offset: int) -> None:
        central.extend(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21, crc,
                                   packed_size, size, len(name), 0, 0, 0, 0, 0, offset) + name)

    for name, data in members:
        packed = zlib.compress(data, 9)[2:-4]
        crc = zlib.crc32(data)
        offset = local(name.encode(), 8, crc, packed, len(data))
        entry(name.encode(), 8, crc, len(packed), len(data), offset)
    zeros, crc = _deflate_zeros(kernel)
    offset = local(b"word/media/image0.png", 8, crc, zeros, kernel)
    for i in range(copies):
        entry(f"word/media/image{i}.png".encode(), 8, crc, len(zeros), kernel, offset)
    count = len(members) + copies
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, len(central), len(body), 0)
    path.write_bytes(bytes(body) + bytes(central) + end)
    return path


def docx_zip_bomb(folder: Path) -> Path:
    """A .docx of about 60 KB whose directory declares 100 pictures of 30 MB each (3 GB)."""
    base = write_docx(mof_project(), folder / "base.docx")
    return _craft_zip(folder / "bomb.docx", _members(base), kernel=30 * MB, copies=100)


def xlsx_zip_bomb(folder: Path) -> Path:
    base = write_xlsx(mof_project(), folder / "base.xlsx")
    return _craft_zip(folder / "bomb.xlsx", _members(base), kernel=30 * MB, copies=100)


def _replace(source: Path, target: Path, member: str, text: str) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in _members(source):
            archive.writestr(name, text.encode() if name == member else data)
    return target


def docx_entities(folder: Path, external: bool = False) -> Path:
    base = write_docx(mof_project(), folder / "base.docx")
    return _replace(base, folder / "entities.docx", "word/document.xml", EXTERNAL if external else LAUGHS)


def xlsx_entities(folder: Path, external: bool = False) -> Path:
    base = write_xlsx(mof_project(), folder / "base.xlsx")
    text = (EXTERNAL if external else LAUGHS).replace("w:document", "worksheet")
    return _replace(base, folder / "entities.xlsx", "xl/worksheets/sheet1.xml", text)


def docx_big_picture(folder: Path, size: int = 100 * MB) -> Path:
    """A .docx with one 100 MB picture (zeros: small on disk; its declared size is what counts)."""
    base = write_docx(mof_project(), folder / "base.docx")
    return _craft_zip(folder / "picture.docx", _members(base), kernel=size, copies=1)


def docx_nested(folder: Path, depth: int = 50) -> Path:
    from docx import Document

    document = Document()
    document.add_paragraph("项目支出绩效自评表（2023年度）")
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    for level in range(depth - 1):
        cell.paragraphs[0].text = f"第 {level + 1} 层"
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    path = folder / "nested.docx"
    document.save(str(path))
    return path


def html_nested(folder: Path, depth: int = 50) -> Path:
    path = folder / "nested.html"
    path.write_text("<html><body>" + "<table><tr><td>层" * depth + "</td></tr></table>" * depth + "</body></html>",
                    encoding="utf-8")
    return path


def pdf_many_pages(folder: Path, pages: int = 2000) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    path = folder / "pages.pdf"
    canvas = Canvas(str(path))
    for n in range(pages):
        canvas.drawString(72, 720, f"page {n + 1}")
        canvas.showPage()
    canvas.save()
    return path


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream"


def pdf_looping_content(folder: Path) -> Path:
    """A page whose form XObject draws itself: its content stream never ends by itself."""
    text = b"BT /F1 12 Tf 72 720 Td (loop) Tj ET /X1 Do"
    path = folder / "loop.pdf"
    path.write_bytes(_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /XObject << /X1 5 0 R >> /Font << /F1 6 0 R >> >> >>",
        _stream(b"", b"/X1 Do"),
        _stream(b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
                b"/Resources << /XObject << /X1 5 0 R >> /Font << /F1 6 0 R >> >>", text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]))
    return path


def _xls_with(folder: Path, name: str, records: bytes) -> Path:
    """The MoF form as an .xls (xlwt) with BIFF ``records`` added to its sheet, before the sheet's EOF."""
    from xlwt.CompoundDoc import XlsDoc

    stream = xls_book(mof_project()).get_biff_data()
    assert stream.endswith(b"\x0a\x00\x00\x00")  # the sheet's EOF record
    path = folder / name
    XlsDoc().save(str(path), stream[:-4] + records + stream[-4:])
    return path


def _record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def xls_far_cell(folder: Path) -> Path:
    """One number at the last row and column BIFF8 allows (65536 × 256): a grid of 16.7 million cells."""
    return _xls_with(folder, "far.xls", _record(0x0203, struct.pack("<HHHd", 65535, 255, 15, 1.0)))


def xls_many_cells(folder: Path, rows: int = 1200) -> Path:
    """MULBLANK records filling 256 columns of ``rows`` rows: 300,000 cells in 600 KB."""
    body = b"".join(_record(0x00BE, struct.pack("<HH", 100 + r, 0) + struct.pack("<H", 15) * 256
                            + struct.pack("<H", 255)) for r in range(rows))
    return _xls_with(folder, "cells.xls", body)


def xls_huge_merge(folder: Path) -> Path:
    """A merged range over the whole sheet (65536 × 256)."""
    return _xls_with(folder, "merged.xls", _record(0x00E5, struct.pack("<HHHHH", 1, 0, 65535, 0, 255)))


def xls_oversized(folder: Path, size: int = 60 * MB) -> Path:
    """An .xls of 60 MB (sparse on disk: the OLE signature, then a hole)."""
    path = folder / "big.xls"
    with path.open("wb") as handle:
        handle.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
        handle.truncate(size)
    return path


def xlsx_far_cell(folder: Path) -> Path:
    """The MoF form as .xlsx with one more number in the last cell Excel allows (XFD1048576)."""
    from openpyxl import load_workbook

    path = write_xlsx(mof_project(), folder / "far.xlsx")
    book = load_workbook(path)
    book.active["XFD1048576"] = 1  # type: ignore[index]
    book.save(path)
    return path


def html_spans(folder: Path, rows: int = 1000) -> Path:
    """A 48 KB page whose every row holds one cell spanning 1,000 rows and 200 columns (100 million
    grid positions)."""
    path = folder / "spans.html"
    body = "".join('<tr><td rowspan="1000" colspan="200">x</td></tr>' for _ in range(rows))
    path.write_text(f"<html><body><table>{body}</table></body></html>", encoding="utf-8")
    return path


def docx_many_paragraphs(folder: Path, count: int = 30_000) -> Path:
    """A .docx whose body is ``count`` paragraphs of varied text (not a zip bomb: it packs about 3 to 1)."""
    import random

    base = write_docx(mof_project(), folder / "base.docx")
    pick = random.Random(14).choice
    words = "产出效益满意度数量质量时效成本项目资金指标完成率人元万个年度部门单位一二三四五六七"
    paragraphs = "".join(f"<w:p><w:r><w:t>{''.join(pick(words) for _ in range(30))}</w:t></w:r></w:p>"
                         for _ in range(count))
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/'
           f'wordprocessingml/2006/main"><w:body>{paragraphs}</w:body></w:document>')
    return _replace(base, folder / "paragraphs.docx", "word/document.xml", xml)
