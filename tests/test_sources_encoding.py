"""Sources in the encodings and newline styles reviewers actually receive decode right.

Every text here was written for these tests and is encoded in the test itself, so
the bytes on disk are exactly the legacy encoding under test.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from srccompare.core.errors import UserError
from srccompare.inputs.sources import decode_bytes, make_id, read_source, read_sources
from srccompare.text.segment import paragraph_spans

RUSSIAN = (
    "Портовые рабочие в Гданьске начали в понедельник забастовку, которая продлится 30 дней.\n\n"
    "Профсоюз требует повысить зарплату на 14 процентов, а операторы терминалов предлагают "
    "только 6,5 процента. «Мы ждали одиннадцать месяцев», — сказал председатель профсоюза.\n\n"
    "Министр инфраструктуры заявила, что правительство не будет вмешиваться в спор.\n"
)
FRENCH = (
    "Les dockers du port de Gdansk ont déclenché lundi une grève de trente jours.\n\n"
    "« Nous avons attendu onze mois », a déclaré le président du syndicat devant l'entrée du "
    "terminal. Les opérateurs ont proposé une hausse de 6,5 % ; le ministre a refusé d'intervenir.\n\n"
    "Selon la chambre de commerce, chaque journée de grève coûte à l'économie régionale près de "
    "dix millions d'euros.\n"
)
GERMAN = (
    "Die Hafenarbeiter in Danzig sind am Montag in einen dreißigtägigen Streik getreten.\n\n"
    "Die Gewerkschaft fordert 14 Prozent mehr Lohn, die Betreiber bieten nur 6,5 Prozent. "
    "Über die Höhe der Verluste äußerte sich die Handelskammer zurückhaltend.\n\n"
    "Der frühere Verkehrsminister sprach von jahrelang unterlassenen Investitionen.\n"
)
POLISH = (
    "Dokerzy w porcie w Gdańsku rozpoczęli w poniedziałek 30-dniowy strajk.\n\n"
    "Związek żąda podwyżki o 14 procent, a minister powiedziała, że rząd nie będzie się wtrącał.\n"
)
SPANISH = (
    "¿Cuánto durará la huelga? «No vamos a esperar más», dijo el presidente del sindicato.\n\n"
    "Los estibadores piden un aumento del 14 % y el fin de los turnos de doce horas.\n"
)
DANISH = (
    "Havnearbejderne i Gdańsk gik i strejke mandag. Fagforeningen kræver 14 procent mere i løn, "
    "og strejken ventes at vare 30 dage. Næste møde er på torsdag.\n"
).replace("ń", "n")
GREEK = (
    "Οι λιμενεργάτες στο Γκντανσκ ξεκίνησαν απεργία τριάντα ημερών τη Δευτέρα.\n\n"
    "Το συνδικάτο ζητά αύξηση μισθών κατά 14 τοις εκατό.\n"
)
TURKISH = (
    "Liman işçileri pazartesi günü 30 günlük bir greve başladı.\n\n"
    "Türk nakliye şirketinin genel müdürü Mehmet Yıldırım, iki gemiyi Litvanya'ya yönlendirdiklerini söyledi.\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _assert_spans_slice_back(source) -> None:
    expected = [source.text[s.start : s.end] for s in paragraph_spans(source.text)]
    got = [source.text[p.start : p.end] for p in source.paragraphs]
    assert got == expected
    for para in got:
        assert para == para.strip() and para


# --- Unicode encodings -----------------------------------------------------------


def test_utf8_without_bom(tmp_path):
    src = read_source(_write(tmp_path, "a.txt", FRENCH.encode("utf-8")))
    assert src.text == FRENCH
    assert src.meta["encoding"] == "utf-8"
    _assert_spans_slice_back(src)


def test_utf8_bom_is_dropped_and_offsets_start_after_it(tmp_path):
    src = read_source(_write(tmp_path, "a.txt", codecs.BOM_UTF8 + RUSSIAN.encode("utf-8")))
    assert src.text == RUSSIAN
    assert not src.text.startswith("\ufeff")
    assert src.paragraphs[0].start == 0
    _assert_spans_slice_back(src)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    data = bom + GERMAN.encode(codec)  # plain "utf-16" writes its own BOM
    assert data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    src = read_source(_write(tmp_path, "a.txt", data))
    assert src.text == GERMAN
    assert "\ufeff" not in src.text
    _assert_spans_slice_back(src)


def test_sha256_is_of_the_decoded_text_so_encodings_agree(tmp_path):
    a = read_source(_write(tmp_path, "a.txt", RUSSIAN.encode("utf-8")))
    b = read_source(_write(tmp_path, "b.txt", RUSSIAN.encode("cp1251")))
    assert a.sha256 == b.sha256
    assert len(a.sha256) == 64


# --- legacy code pages -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (RUSSIAN, "cp1251"),
        (RUSSIAN.replace("«", '"').replace("»", '"').replace("—", "-"), "koi8_r"),
        (FRENCH, "latin-1"),
        (GERMAN, "latin-1"),
        (FRENCH.replace("'", "’"), "cp1252"),
        (POLISH, "cp1250"),
        (TURKISH, "cp1254"),
        (SPANISH, "latin-1"),
        (DANISH, "latin-1"),
        (GREEK, "cp1253"),
        ("Talks resume on\u00a0Thursday.\n", "latin-1"),
    ],
    ids=[
        "ru-cp1251",
        "ru-koi8r",
        "fr-latin1",
        "de-latin1",
        "fr-cp1252",
        "pl-cp1250",
        "tr-cp1254",
        "es-latin1",
        "da-latin1",
        "el-cp1253",
        "nbsp-only",
    ],
)
def test_legacy_news_text_decodes_exactly(tmp_path, text, codec):
    data = text.encode(codec)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the detector, not UTF-8, has to get it right
    src = read_source(_write(tmp_path, "story.txt", data))
    assert src.text == text
    assert codecs.lookup(src.meta["encoding"]).name != "utf-8"
    _assert_spans_slice_back(src)


@pytest.mark.parametrize(
    "sentence",
    [
        "Der Streik dauert dreißig Tage.",
        "La grève a commencé lundi.",
        "Забастовка продлится 30 дней.",
    ],
)
def test_a_single_short_sentence_still_decodes(sentence):
    codec = "cp1251" if sentence[0] == "З" else "latin-1"
    text, _ = decode_bytes(sentence.encode(codec), "short.txt")
    assert text == sentence


_FRENCH_WORDS = [
    "grève",
    "déclaré",
    "été",
    "à",
    "où",
    "français",
    "élève",
    "président",
    "opérateurs",
    "syndicat",
    "port",
    "lundi",
    "trente",
    "jours",
    "hausse",
    "ministre",
    "économie",
    "près",
    "très",
    "déjà",
    "Noël",
    "naïf",
    "garçon",
    "fête",
    "côte",
    "sûr",
    "hôpital",
    "là",
]
_GERMAN_WORDS = [
    "Straße",
    "Größe",
    "dreißig",
    "Übung",
    "äußerte",
    "Bürger",
    "Löhne",
    "Häfen",
    "für",
    "Gewerkschaft",
    "Streik",
    "Montag",
    "über",
    "zurück",
    "während",
    "schön",
    "Prozent",
    "Tage",
]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from([_FRENCH_WORDS, _GERMAN_WORDS]).flatmap(
        lambda words: st.lists(st.sampled_from(words), min_size=3, max_size=40)
    )
)
def test_latin1_prose_of_any_length_round_trips(words):
    text = " ".join(words).capitalize() + "."
    assume(sum(not ch.isascii() for ch in text) >= 2)
    assume(sum(ch.isalpha() for ch in text) >= 12)  # a few words: "À à à." is as likely Cyrillic as French
    decoded, _ = decode_bytes(text.encode("latin-1"), "prose.txt")
    assert decoded == text


_RUSSIAN_WORDS = RUSSIAN.translate(str.maketrans("\n,.«»—", "      ")).split()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_RUSSIAN_WORDS), min_size=3, max_size=40), st.sampled_from(["cp1251", "koi8_r"]))
def test_cyrillic_prose_of_any_length_round_trips(words, codec):
    text = " ".join(words) + "."
    assume(sum(ch.isalpha() for ch in text) >= 12)  # a few words: one letter alone is ambiguous
    decoded, _ = decode_bytes(text.encode(codec), "prose.txt")
    assert decoded == text


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + b"\x00\xd8\x00",  # a lone surrogate, odd length
        codecs.BOM_UTF16_LE + "Hafen".encode("utf-16-le") + b"\x00\xdc",  # a low surrogate with no high one
    ],
)
def test_a_utf16_byte_order_mark_over_broken_utf16_is_refused_not_read_as_nul_laden_text(tmp_path, data):
    path = _write(tmp_path, "cut.txt", data)
    with pytest.raises(UserError) as info:
        read_source(path)
    assert str(info.value).startswith(f"{path}: ") and "UTF-16" in str(info.value)


def test_bytes_no_code_page_reads_as_prose_are_refused():
    data = bytes(range(0x80, 0x100)) * 8
    with pytest.raises(UserError) as info:
        decode_bytes(data, "noise.txt")
    assert str(info.value).startswith("noise.txt: ")


# --- newlines --------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_newlines_become_lf(tmp_path, newline):
    data = FRENCH.replace("\n", newline).encode("utf-8")
    src = read_source(_write(tmp_path, "a.txt", data))
    assert "\r" not in src.text
    assert src.text == FRENCH
    assert len(src.paragraphs) == 3
    _assert_spans_slice_back(src)


def test_mixed_newlines_give_the_same_paragraphs_as_lf(tmp_path):
    lf = read_source(_write(tmp_path, "lf.txt", GERMAN.encode("utf-8")))
    mixed_text = GERMAN.replace("\n\n", "\r\n\r\n", 1).replace("\n\n", "\r\r", 1)
    mixed = read_source(_write(tmp_path, "mixed.txt", mixed_text.encode("utf-8")))
    assert mixed.text == lf.text
    assert [(p.start, p.end) for p in mixed.paragraphs] == [(p.start, p.end) for p in lf.paragraphs]


_LINE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff\x85"),
    min_size=0,
    max_size=30,
)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(_LINE_TEXT, min_size=1, max_size=12),
    st.lists(st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"]), min_size=12, max_size=12),
)
def test_any_utf8_text_with_any_newlines_slices_back(tmp_path_factory, lines, breaks):
    raw = "".join(line + brk for line, brk in zip(lines, breaks))
    if not raw.strip():
        return
    path = tmp_path_factory.mktemp("p") / "t.txt"
    path.write_bytes(raw.encode("utf-8"))
    src = read_source(path)
    assert src.text == raw.replace("\r\n", "\n").replace("\r", "\n")
    _assert_spans_slice_back(src)
    assert src.paragraphs, "a text with non-blank content has at least one paragraph"


# --- ids -------------------------------------------------------------------------


def test_ids_are_short_and_come_from_the_file_name(tmp_path):
    path = _write(tmp_path, "Reuters Wire Copy (final version, 2026).txt", b"Text.\n")
    src = read_source(path)
    assert src.id == make_id(str(path), set())
    assert len(src.id) <= 16
    assert src.id.startswith("reuters-wire")
    assert src.id.replace("-", "").isalnum()


def test_ids_are_stable_across_runs(tmp_path):
    for name in ("a.txt", "b.md"):
        _write(tmp_path, name, b"Some text.\n")
    first = [s.id for s in read_sources([str(tmp_path)])]
    second = [s.id for s in read_sources([str(tmp_path)])]
    assert first == second == ["a", "b"]


def test_same_file_name_in_two_folders_gets_unique_ids(tmp_path):
    (tmp_path / "wire").mkdir()
    (tmp_path / "web").mkdir()
    one = _write(tmp_path / "wire", "story.txt", b"The wire version.\n")
    two = _write(tmp_path / "web", "story.txt", b"The web version.\n")
    sources = read_sources([str(one), str(two)])
    ids = [s.id for s in sources]
    assert len(set(ids)) == 2
    assert ids[0] == "story"
    assert ids[1].startswith("story")
    assert [s.path for s in sources] == [str(one), str(two)]


def test_yaml_beside_the_sources_is_left_out_silently(tmp_path):
    """A review's annotations or expected results live beside its sources; they are not sources."""
    _write(tmp_path, "1-wire.txt", GERMAN.encode("utf-8"))
    _write(tmp_path, "2-web.txt", GERMAN.encode("latin-1"))
    _write(tmp_path, "review.yaml", b"format: srccompare-annotations\n")
    _write(tmp_path, "expected.yml", b"links: []\n")
    skipped: list = []
    sources = read_sources([str(tmp_path)], on_skip=skipped.append)
    assert [Path(s.path).name for s in sources] == ["1-wire.txt", "2-web.txt"]
    assert skipped == []
    assert sources[0].sha256 == sources[1].sha256


@pytest.mark.parametrize("text", ["30 Профсоюз Профсоюз.", "Профсоюз 14 Профсоюз."])
def test_a_short_cyrillic_text_with_rare_greek_letters_in_its_misreading_stays_cyrillic(text):
    # Read as Windows-1253, "Профсоюз" is "Οπξτρξώη": two ξ in one word, a letter as rare in Greek as ф in Russian.
    assert decode_bytes(text.encode("cp1251"), "prose.txt") == (text, "cp1251")
