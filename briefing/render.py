"""Render a Briefing: Jinja2 -> Markdown; Markdown -> sanitised HTML -> PDF (WeasyPrint)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlparse

import jinja2
import markdown as markdown_lib
import nh3
import weasyprint
from markupsafe import Markup
from weasyprint.urls import URLFetcher

from .analyze.quantity_words import INCLUSIVE_RE
from .errors import ConfigError, OutputError
from .models import Briefing, Claim, DigestItem, LedgerRow, TimelineEntry

log = logging.getLogger(__name__)

MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]|#])")
ALLOWED_TAGS = {"h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "em", "strong", "code", "a",
                "table", "thead", "tbody", "tr", "th", "td", "hr", "br", "blockquote", "sup",
                "span", "div"}


def md_escape(text: object) -> str:
    """Article text made inert for Markdown: no emphasis, links, HTML or table breaks, and no
    control characters (a terminal escape in a file name is shown as \\x1b, not obeyed)."""
    value = " ".join(str(text).split())  # a newline inside a table cell ends the row
    value = CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    value = re.sub(r"&(?=#?\w+;)", "&amp;", value)
    value = MD_SPECIAL_RE.sub(r"\\\1", value)
    # Entities, not backslashes, for angle brackets: Python-Markdown (the PDF path) does not
    # honour "\<", and CommonMark renders "&lt;" the same way.
    return value.replace("<", "&lt;").replace(">", "&gt;")


CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Characters a URL may hold as they are (RFC 3986); anything else is percent-encoded, so a
# URL can neither end a Markdown autolink nor open a tag.
URL_SAFE = "!#$%&'()*+,/:;=?@[]~-._"


def md_url(url: object) -> str:
    """A URL for a Markdown autolink <...>: already checked when the article was read, and
    encoded again here for anything stored before that check existed."""
    return quote(str(url), safe=URL_SAFE)


def _number(value: float, decimals: int = 0) -> str:
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        # 130,000,000,000 reads as "130 billion", as sources write it.
        if abs(value) >= scale and round(value / scale, 3) == value / scale:
            return f"{value / scale:,.3f}".rstrip("0").rstrip(".") + f" {word}"
    if decimals:
        return f"{value:,.{decimals}f}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def _decimals(figure: str) -> int:
    """Decimals as the source wrote them: magnitude "9.0" stays 9.0, not 9."""
    match = re.search(r"\d\.(\d+)", figure)
    return len(match.group(1)) if match and not re.search(r"\d\.\d+\s*(?:million|billion|"
                                                         r"bn|m|thousand)\b", figure) else 0


HEDGE_SIGNS = {"~": "≈", ">": ">", "<": "<", "=": ""}


def amount(claim: Claim) -> str:
    """What a claim amounts to, for scanning a column: '≈1,500', '10,000–12,000', '+3,000'."""
    places = _decimals(claim.figure)
    if claim.low is not None and claim.high is not None:
        text = f"{_number(claim.low, places)}–{_number(claim.high, places)}"
    else:
        text = _number(claim.value, places)
    if claim.unit:
        unit, _, per = claim.unit.partition("/")
        if unit == "percent":
            text += "%"
        else:
            shown = UNIT_SHOWN.get(unit, unit)
            if unit in PLURALS and not (claim.value == 1 and claim.low is None):
                shown = PLURALS[unit]  # "4 years", as it is read
            text = f"{text} {shown}"
        if per:
            text += f"/{per}"  # "$150,000 a month" is no $150,000
    sign = HEDGE_SIGNS.get(claim.hedge, "")
    if claim.hedge in ("<", ">") and INCLUSIVE_RE.match(claim.figure):
        sign = "≤" if claim.hedge == "<" else "≥"
    text = sign + text
    if claim.kind == "increment":
        text = "+" + text
    return text


UNIT_SHOWN = {"km2": "km²", "mi2": "sq mi", "m2": "m²"}
# Unit keys that are English nouns, shown in the plural as they are read ("≤4 years").
PLURALS = {k: k + "s" for k in ("second", "minute", "hour", "day", "week", "month",
                                "quarter", "season", "year", "decade", "point")}
PLURALS["century"] = "centuries"


def _when(briefing: Briefing):  # type: ignore[no-untyped-def]
    def when(claim: Claim, short: bool = False) -> str:
        return when_cell(claim, briefing.articles[claim.ref.article].published, short)
    return when


def when_cell(claim: Claim, published: dt.date | None, short: bool = False) -> str:
    """The figure's time: resolved date (with the words it comes from), the words as
    written when they cannot be resolved, else the source's publication date."""
    if claim.when_date is not None:
        grain = {"year": 4, "month": 7}.get(claim.when_grain or "", 10)
        text = claim.when_date.isoformat()[:grain]
        if claim.when_grain == "week":
            text = "week of " + text  # its Monday: "next week" is no one day
        if not short:
            text += f" ({claim.when})"
    elif claim.when:
        text = claim.when
    elif published is not None:
        text = published.isoformat() + ("" if short else " (published)")
    else:
        text = "—" if short else "not stated"
    if claim.background and not short:
        text += "; background"
    if claim.outlook and not short:
        text += "; outlook"
    return text


TEMPLATE_FILES = ("briefing.md.j2", "briefing.html.j2", "print.css", "email.html.j2")


def builtin_templates() -> Path:
    """The templates shipped inside the package (package data; a real folder, since the
    package is never imported from a zip)."""
    return Path(str(resources.files("briefing").joinpath("templates")))


def template_file(name: str, override: Path | None) -> Path:
    """The user's version of a template file if their folder has one, else the built-in."""
    if override is not None and (override / name).is_file():
        return override / name
    return builtin_templates() / name


def template_env(override: Path | None, **options: Any) -> jinja2.Environment:
    """A Jinja2 environment that looks in the user's folder first, then the built-in set, one
    file at a time."""
    folders = [override] if override is not None else []
    return jinja2.Environment(loader=jinja2.FileSystemLoader([*folders, builtin_templates()]),
                              undefined=jinja2.StrictUndefined, **options)


def template_problems(templates: Path | None) -> list[str]:
    """Every template the config would use that cannot be read or compiled (syntax, an
    unknown filter), as 'file:line: message'."""
    problems = []
    if templates is not None:
        try:  # Jinja's loader would quietly fall back to the built-in files
            os.listdir(templates)
        except OSError as exc:
            return [f"{templates}: cannot read the templates folder: {exc.strerror or exc}"]
    env = markdown_env(templates)  # our filters, so an unknown one is found too
    for name in TEMPLATE_FILES:
        if not name.endswith(".j2"):
            continue
        try:
            path = template_file(name, templates)
            # Parsed alone first: an unclosed block is reported where it opens.
            jinja2.Environment().parse(path.read_text(encoding="utf-8"), name, str(path))
            env.get_template(name)  # compiled with our filters: an unknown one is an error
        except (jinja2.TemplateError, OSError, UnicodeDecodeError) as exc:
            problems.append(str(template_error(exc, name, templates)))
    return problems


def template_error(exc: BaseException, name: str, templates: Path | None) -> ConfigError:
    """A broken or unreadable template as a ConfigError naming its file (and line)."""
    try:
        path: Path | str = template_file(name, templates)
    except OSError:  # the user's folder itself cannot be looked into
        path = str(templates)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return ConfigError(f"{exc.filename or path}:{exc.lineno}: template syntax error: "
                           f"{exc.message}")
    if isinstance(exc, jinja2.TemplateError):
        return ConfigError(f"{path}: template error: {exc}")
    detail = getattr(exc, "strerror", None) or exc
    return ConfigError(f"{getattr(exc, 'filename', None) or path}: cannot be read: {detail}")


def render_template(env: jinja2.Environment, name: str, templates: Path | None,
                    **context: Any) -> str:
    """Render one template; a broken one is a ConfigError (exit 78) naming its file."""
    try:
        return env.get_template(name).render(**context)
    except (jinja2.TemplateError, OSError, UnicodeDecodeError) as exc:
        raise template_error(exc, name, templates) from None


def markdown_env(templates: Path | None) -> jinja2.Environment:
    env = template_env(templates, autoescape=False, keep_trailing_newline=True,
                       trim_blocks=True, lstrip_blocks=True)
    env.filters["md"] = md_escape
    env.filters["url"] = md_url
    env.filters["amount"] = amount
    env.filters["long_date"] = long_date
    env.filters["period"] = period
    return env


def render_markdown(briefing: Briefing, templates: Path | None) -> str:
    """The Markdown edition; the same Briefing always gives the same bytes."""
    env = markdown_env(templates)
    text = render_template(env, "briefing.md.j2", templates, b=briefing, cite=_cite(briefing),
                           when=_when(briefing), long_date=long_date(briefing.date),
                           since=long_date(briefing.previous) if briefing.previous else "",
                           outlets=_outlets(briefing))
    text = re.sub(r"\n{3,}", "\n\n", text)  # templates' conditional blocks leave blank runs
    return text.rstrip("\n") + "\n"


def long_date(date: dt.date) -> str:
    return f"{date:%A} {date.day} {date:%B %Y}"


def period(entry: TimelineEntry) -> str:
    """A timeline entry's day ("Tuesday 5 March 2019"), month ("March 2008") or year."""
    if entry.grain == "month":
        return f"{entry.date:%B %Y}"
    if entry.grain == "year":
        return str(entry.date.year)
    return long_date(entry.date)


def _cite(briefing: Briefing):  # type: ignore[no-untyped-def]
    def cite(item: DigestItem | LedgerRow) -> str:
        # "[2, 4]", never "[2][4]": Markdown reads that as a reference link (MD052).
        return f"[{', '.join(str(n) for n in briefing.cite(item.refs))}]"
    return cite


def _outlets(briefing: Briefing) -> list[tuple[str, int]]:
    """(outlet, articles) for the edition's subtitle, most articles first, then the count
    of articles whose outlet is unknown as ("unknown", n); empty when no outlet is known."""
    counts: dict[str, int] = {}
    # The edition's own articles come first; the rest are earlier ones the timeline cites.
    for article in briefing.articles[:briefing.articles_read]:
        counts[article.outlet or ""] = counts.get(article.outlet or "", 0) + 1
    unknown = counts.pop("", 0)
    if not counts:
        return []
    known = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].lower()))
    return known + ([("unknown", unknown)] if unknown else [])


def markdown_to_html(text: str) -> str:
    """Markdown -> HTML, then sanitised: whatever slipped through cannot load or run."""
    html = markdown_lib.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}},
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")


def render_html(briefing: Briefing, markdown_text: str, templates: Path | None,
                author: str = "", language: str = "en") -> str:
    env = template_env(templates, autoescape=True)
    body = Markup(markdown_to_html(markdown_text))  # sanitised above; nothing else is |safe
    return render_template(env, "briefing.html.j2", templates, b=briefing, body=body,
                           long_date=long_date(briefing.date), author=author,
                           language=language)


def render_pdf(html: str, templates: Path | None, variant: str = "") -> bytes:
    """PDF bytes, tagged for screen readers (PDF/UA-1 when variant says so); the fetcher
    refuses everything but data: URLs and the template files."""
    css_path = template_file("print.css", templates)
    fetcher = LocalOnlyFetcher(css_path.parent)
    css = weasyprint.CSS(filename=str(css_path), url_fetcher=fetcher)
    document = weasyprint.HTML(string=html, base_url=str(css_path.parent), url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[css], pdf_tags=True, pdf_variant=variant or None)


class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]
    """Deny by default: a hostile article cannot make the PDF load or attach anything."""

    def __init__(self, assets: Path):
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
        self.assets = assets.resolve()
        self.refused: list[str] = []

    def fetch(self, url, headers=None):  # type: ignore[no-untyped-def]
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith("file:"):
            path = Path(unquote(urlparse(url).path)).resolve()
            if path.is_relative_to(self.assets) and path.is_file():
                return super().fetch(url, headers)
        self.refused.append(url)
        log.warning("PDF: refused to load %s", url[:200])
        raise ValueError(f"refused to load {url[:200]}")


def current_umask() -> int:
    """The process's umask, read without changing it (os.umask sets as it reads, which
    would race with the scheduler's threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temp file in the same folder, fsync, then rename: never half a file.
    A write that fails (a full disk) is an OutputError naming the file."""
    try:
        _write_atomic(path, data)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes 0600; an edition is for reading, so it gets what the umask allows,
        # as a file made with open() would (0644 under the usual umask 022).
        os.fchmod(fd, 0o666 & ~current_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
