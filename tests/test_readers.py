"""Reading one file: encodings, bad files, metadata recovery, HTML extraction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.errors import ReadError
from briefing.readers import read
from briefing.sources import discover

BODY = ("The transport ministry confirmed on Tuesday that the new rail line will open in "
        "spring, two years later than first planned.\n\nOfficials blamed rising costs.\n")


def read_one(folder: Path, name: str, data: bytes | str, max_bytes: int = 100_000):
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    (found,) = [f for f in discover(folder).files if f.relpath == name]
    return read(found, max_bytes)


def test_title_line_and_key_lines(tmp_path: Path) -> None:
    text = ("Title: Rail line delayed again\nSource: Metro Times\nDate: 3 March 2025\n"
            "URL: https://metro.example/rail\n\n" + BODY)
    art = read_one(tmp_path, "a.txt", text)
    assert (art.title, art.title_derived) == ("Rail line delayed again", False)
    assert art.outlet == "Metro Times"
    assert art.published == dt.date(2025, 3, 3)
    assert art.url == "https://metro.example/rail"
    assert art.sentences[0].text.startswith("The transport ministry confirmed")


def test_key_lines_under_the_headline(tmp_path: Path) -> None:
    text = ("Rail Line Opening Pushed Back\n\nSource: The Metro Times\nDate: 3 March 2025\n\n"
            + BODY)
    art = read_one(tmp_path, "a.txt", text)
    assert art.title == "Rail Line Opening Pushed Back"
    assert art.outlet == "The Metro Times"
    assert art.published == dt.date(2025, 3, 3)
    art = read_one(tmp_path, "b.txt", "Coroner: Victim Hit 20 Times\n\nSource: Metro News\n\n"
                   + BODY)
    assert (art.title, art.outlet) == ("Coroner: Victim Hit 20 Times", "Metro News")


def test_pasted_header_block_headline_image_outlet_section_and_date(tmp_path: Path) -> None:
    text = ("Rail Line Opening Pushed Back to Spring\n\n"
            "https://cdn.example.org/system/images/photos/123/original/rail.jpg?1700\n"
            "Northern Media Group\nTransport\n05/11/2024 09h15\n\n"
            "### Delay blamed on costs\n\n" + BODY)
    art = read_one(tmp_path, "b.txt", text)
    assert art.title == "Rail Line Opening Pushed Back to Spring"
    assert art.outlet == "Northern Media Group"
    assert art.published == dt.date(2024, 11, 5)  # day first, as such sites write it
    assert art.url is None  # an image address is not the article's URL
    assert [s.text.split()[0] for s in art.sentences] == ["The", "Officials"]


def test_yaml_front_matter_and_outlet_suffix_in_title(tmp_path: Path) -> None:
    text = ("---\ntitle: \"Rail delayed | Metro Times\"\noutlet: Metro Times\n"
            "date: 2025-03-03\nurl: https://metro.example/r\n---\n\n" + BODY)
    art = read_one(tmp_path, "c.md", text)
    assert art.title == "Rail delayed"
    assert art.published == dt.date(2025, 3, 3)
    assert art.url == "https://metro.example/r"


def test_no_title_is_derived_and_marked_and_no_date_is_invented(tmp_path: Path) -> None:
    art = read_one(tmp_path, "d.txt", BODY)
    assert art.title_derived
    assert art.title.startswith("The transport ministry confirmed on Tuesday")
    assert art.published is None and art.outlet is None and art.url is None


def test_bom_is_dropped_and_cp1252_is_decoded_and_flagged(tmp_path: Path) -> None:
    art = read_one(tmp_path, "bom.txt", b"\xef\xbb\xbf" + BODY.encode())
    assert art.sentences[0].text.startswith("The transport")
    assert art.notes == ()
    cp = ("Title: Caf\u00e9 owners \u201cworried\u201d\n\n" + BODY).encode("cp1252")
    art = read_one(tmp_path, "cp.txt", cp)
    assert art.title == "Caf\u00e9 owners \u201cworried\u201d"
    assert art.notes == ("encoding guessed as cp1252",)


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" + bytes(200), "binary"),
    ("big.txt", b"word " * 30_000, "too large"),
    ("residue.txt", b"ADVERTISEMENT\nSCROLL TO CONTINUE READING\n", "no article text"),
])
def test_bad_files_raise_with_the_reason(tmp_path: Path, name: str, data: bytes,
                                         reason: str) -> None:
    with pytest.raises(ReadError, match=reason):
        read_one(tmp_path, name, data, max_bytes=100_000)


def test_html_extracts_article_and_metadata_without_scripts(tmp_path: Path) -> None:
    html = """<html><head><title>Rail line delayed | Metro Times</title>
    <meta property="og:site_name" content="Metro Times">
    <meta property="article:published_time" content="2025-03-03T08:00:00Z">
    <link rel="canonical" href="https://metro.example/rail">
    <script>var secret = "tracking-code-123";</script></head>
    <body><nav>Home | World | Sport</nav><article><h1>Rail line delayed</h1>
    <p>The transport ministry confirmed on Tuesday that the new rail line will open in spring,
    two years later than first planned.</p><p>Officials blamed rising costs and a shortage of
    engineers, and said the budget had grown by a third since work began.</p></article>
    <footer>Copyright Metro Times</footer></body></html>"""
    art = read_one(tmp_path, "e.html", html)
    assert art.title == "Rail line delayed"
    assert art.outlet == "Metro Times"
    assert art.published == dt.date(2025, 3, 3)
    assert art.url == "https://metro.example/rail"
    text = " ".join(art.paragraphs)
    assert "transport ministry confirmed" in text
    assert "tracking-code" not in text and "Home | World" not in text


PARAGRAPH = ("The city council voted on Tuesday to close the old bridge until repairs are "
             "finished, after engineers found cracks in two of its piers.\n\n"
             "Repairs are expected to take six months.\n")


@pytest.mark.parametrize("headline", ["What happened on the bridge?",
                                      "Bridge closed: bitter or better news? Please.",
                                      "Bridge Closures"])
def test_a_headline_may_end_with_a_question_mark_or_be_two_words(tmp_path: Path,
                                                                 headline: str) -> None:
    art = read_one(tmp_path, "q.txt", f"{headline}\n\n{PARAGRAPH}")
    assert (art.title, art.title_derived) == (headline, False)
    assert art.sentences[0].text.startswith("The city council voted")


def test_a_headline_followed_by_a_long_paragraph_line_is_still_a_headline(tmp_path: Path) -> None:
    art = read_one(tmp_path, "h.txt", "Bridge Closed After Inspection\n" + PARAGRAPH)
    assert (art.title, art.title_derived) == ("Bridge Closed After Inspection", False)
    assert art.sentences[0].text.startswith("The city council voted")


def test_decks_bullets_and_bylines_above_the_text_are_not_the_article(tmp_path: Path) -> None:
    text = ("Bridge closed after inspection\n\n"
            "Council acts after engineers find cracks in two piers\n\n"
            "• The bridge will stay shut for six months\n"
            "• Buses will replace the tram line\n\n"
            "By Anna Reporter\n\n" + PARAGRAPH)
    art = read_one(tmp_path, "d.txt", text)
    assert art.title == "Bridge closed after inspection"
    assert art.paragraphs[0].startswith("The city council voted")
    assert len(art.paragraphs) == 2


def test_outlet_and_date_from_a_site_line_and_from_a_dateline(tmp_path: Path) -> None:
    art = read_one(tmp_path, "s.txt", "Bridge closed\n\n Harbour City News Wednesday 5th March, "
                   "2014\n\n" + PARAGRAPH)
    assert (art.outlet, art.published) == ("Harbour City News", dt.date(2014, 3, 5))
    art = read_one(tmp_path, "c.txt", "Bridge closed\n\nAthens (CNN)" + PARAGRAPH)
    assert art.outlet == "CNN"
    assert art.sentences[0].text.startswith("The city council voted")
    art = read_one(tmp_path, "u.txt", "Bridge closed\n\n30 June 2011 – " + PARAGRAPH)
    assert (art.outlet, art.published) == (None, dt.date(2011, 6, 30))


@pytest.mark.parametrize("stamp", ["HARBOUR CITY | Wed Mar 5, 2014 6:47pm EST\n\n",
                                   "HARBOUR CITY | Wed Mar 5, 2014 6:47pm EST "])
def test_a_wire_stamp_above_or_glued_to_the_dateline_gives_the_date(tmp_path: Path,
                                                                     stamp: str) -> None:
    # On its own line, and glued before the dateline as a page's text often comes.
    art = read_one(tmp_path, "w.txt", "Bridge closed\n\n" + stamp + "HARBOUR CITY (Reuters) - "
                   + PARAGRAPH)
    assert (art.outlet, art.published) == ("Reuters", dt.date(2014, 3, 5))
    assert art.sentences[0].text.startswith("The city council voted")


@pytest.mark.parametrize("line", ["Display  Resolution", "World News", "Our Verdict"])
def test_a_heading_or_a_spec_row_is_not_an_outlet(tmp_path: Path, line: str) -> None:
    art = read_one(tmp_path, "o.txt", f"Phone review\n\n{line}\n\n" + PARAGRAPH)
    assert art.outlet is None


def test_entities_are_decoded_once_and_markup_is_dropped(tmp_path: Path) -> None:
    text = ("Bridge closed\n\nThe council said &ldquo;no&rdquo; &hellip; and closed it "
            "&amp; the road, engineers said on Tuesday.\n\n&lt;/a&gt;\n\n"
            "Officials blamed the weather &amp;amp; age.\n")
    art = read_one(tmp_path, "e.txt", text)
    assert art.paragraphs == ("The council said “no” … and closed it & the road, engineers "
                              "said on Tuesday.", "Officials blamed the weather &amp; age.")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_text(tmp_path: Path, codec: str) -> None:
    text = "Title: Caf\u00e9 owners \u201cworried\u201d\n\n" + BODY
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    art = read_one(tmp_path, "wide.txt", data)
    assert art.title == "Caf\u00e9 owners \u201cworried\u201d"
    assert art.sentences[0].text.startswith("The transport ministry")


def test_control_characters_are_removed_and_noted(tmp_path: Path) -> None:
    text = ("Title: Rail \x1b[1mline\x1b[0m delayed\n\n" + "x " * 600 + "\n\n"
            + BODY.replace("spring", "spr\x00ing")
            .replace("Officials", "\x1b]0;title\x07Officials"))
    art = read_one(tmp_path, "ctl.txt", text)
    assert art.title == "Rail line delayed"
    joined = " ".join(art.paragraphs)
    assert "spring, two years" in joined and "Officials blamed" in joined
    assert not any(ch in joined for ch in "\x00\x1b\x07")
    assert art.notes == ("5 control characters removed",)


def test_text_full_of_control_characters_is_binary(tmp_path: Path) -> None:
    noisy = "".join(f"{c}\x01\x02" for c in BODY * 3)
    with pytest.raises(ReadError, match="binary file"):
        read_one(tmp_path, "noise.txt", noisy)


def test_a_list_item_written_as_a_sentence_loses_its_marker(tmp_path: Path) -> None:
    text = ("Rail news\n\n" + BODY + "\n- The mayor said the line would carry 40,000 "
            "passengers a day.\n\n-- The union said drivers would strike on Friday.\n\n"
            "• Officials blamed rising costs.\n\n- Fares: 2 euros\n")
    art = read_one(tmp_path, "a.txt", text)
    texts = [s.text for s in art.sentences]
    assert "The mayor said the line would carry 40,000 passengers a day." in texts
    assert "The union said drivers would strike on Friday." in texts
    assert "Officials blamed rising costs." in texts
    assert not any(t.startswith(("-", "•")) and t.endswith(".") for t in texts)
