"""Word documents: paragraphs and tables come out as text; styles and emphasis are not differences."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from srccompare.core.config import default_config
from srccompare.core.errors import UserError
from srccompare.engine.pipeline import build_alignment
from srccompare.inputs.sources import read_source, read_sources
from tests.readers.builders import ARTICLE, AUTHOR, TITLE, docx_bytes


def paragraph_texts(source) -> list[str]:
    return [source.paragraph_text(i) for i in range(len(source.paragraphs))]


def test_heading_paragraphs_and_table_rows_come_out_in_order(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(docx_bytes(table=[["Year", "Ships"], ["2024", "312"]]))
    source = read_source(path)
    assert paragraph_texts(source) == [TITLE, *ARTICLE, "Year | Ships", "2024 | 312"]
    assert source.meta["format"] == "docx"
    assert source.title == TITLE and source.meta["author"] == AUTHOR


def test_created_date_becomes_metadata(tmp_path):
    import docx

    document = docx.Document(io.BytesIO(docx_bytes()))
    document.core_properties.created = dt.datetime(2025, 3, 4, 9, 30)
    out = io.BytesIO()
    document.save(out)
    path = tmp_path / "dated.docx"
    path.write_bytes(out.getvalue())
    assert read_source(path).meta["date"] == "2025-03-04"


def test_bold_italic_heading_and_list_styles_do_not_count_as_differences(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading(TITLE, level=2)
    for text in ARTICLE:
        document.add_paragraph(text, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    styled = tmp_path / "styled.docx"
    styled.write_bytes(out.getvalue())
    plain = tmp_path / "plain.docx"
    plain.write_bytes(docx_bytes())  # same words, other styles and emphasis
    a, b = read_sources([str(styled), str(plain)])
    assert a.text == b.text
    alignment = build_alignment([a, b], None, default_config())
    assert [r.kind for r in alignment.rows] == ["match"] * (len(ARTICLE) + 1)


def test_merged_table_cells_are_read_once(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "Harbour fees"
    for c, value in enumerate(["2023", "2024", "2025"]):
        table.cell(1, c).text = value
    out = io.BytesIO()
    document.save(out)
    path = tmp_path / "merged.docx"
    path.write_bytes(out.getvalue())
    assert paragraph_texts(read_source(path)) == ["Harbour fees", "2023 | 2024 | 2025"]


@pytest.mark.parametrize(
    "make",
    [
        lambda: b"PK\x03\x04 this is not really a zip archive",
        lambda: docx_bytes()[:2000],  # cut off while copying
        lambda: _zip_with({"hello.txt": "no Word parts here"}),
    ],
    ids=["not-a-zip", "truncated", "zip-without-word-parts"],
)
def test_broken_docx_is_one_user_error_saying_what_to_do(tmp_path, make):
    path = tmp_path / "broken.docx"
    path.write_bytes(make())
    with pytest.raises(UserError) as caught:
        read_source(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and "save it again as .docx" in message and "\n" not in message


def test_document_with_no_text_is_a_user_error(tmp_path):
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    path = tmp_path / "blank.docx"
    path.write_bytes(out.getvalue())
    with pytest.raises(UserError, match="has no text"):
        read_source(path)


def _zip_with(files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


def test_docx_without_suffix_is_recognised_by_content(tmp_path):
    path = tmp_path / "from-colleague"
    path.write_bytes(docx_bytes())
    assert paragraph_texts(read_source(Path(path))) == [TITLE, *ARTICLE]


def test_hyperlinks_keep_their_text_and_lose_their_address(tmp_path):
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    paragraph = document.add_paragraph("See ")
    link = OxmlElement("w:hyperlink")
    link.set(
        qn("r:id"), paragraph.part.relate_to("https://example.org/r", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    )
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "the report"
    run.append(text)
    link.append(run)
    paragraph._p.append(link)
    paragraph.add_run(" today.")
    out = io.BytesIO()
    document.save(out)
    path = tmp_path / "linked.docx"
    path.write_bytes(out.getvalue())
    assert read_source(path).text == "See the report today.\n"
