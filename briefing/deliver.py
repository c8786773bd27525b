"""E-mail delivery: one message per (edition, recipient), at least once, never twice."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import smtplib
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from markupsafe import Markup

from . import failpoints
from .config import Config, EmailConfig
from .errors import ConfigError, NotFound, UsageError
from .lock import run_lock
from .render import markdown_to_html, render_template, template_env
from .store import Delivery, EditionRecord, Store, scratch_copy

log = logging.getLogger(__name__)


class TemporaryFailure(Exception):
    """4xx replies, dropped connections, time-outs, TLS or login trouble: try again later."""


class PermanentFailure(Exception):
    """5xx replies to this message or recipient: recorded, reported, not retried."""


@dataclass
class DeliveryReport:
    sent: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)  # recipients taken out of the config

    @property
    def ok(self) -> bool:
        return not self.pending and not self.failed

    def tally(self) -> str:
        cancelled = f", {len(self.cancelled)} cancelled" if self.cancelled else ""
        return (f"e-mail: {len(self.sent)} sent, {len(self.pending)} pending, "
                f"{len(self.failed)} failed{cancelled}")


@dataclass(frozen=True)
class Planned:
    """One message that would be sent now (the dry runs print these)."""

    edition: dt.date
    recipient: str
    subject: str
    message_id: str
    pdf_bytes: int


def briefing_identity(config: Config) -> str:
    """What tells this briefing from another one mailed by the same sender: its config file
    and title."""
    return f"{config.path}|{config.title}"


def message_id(date: dt.date, recipient: str, sender: str, briefing: str) -> str:
    """The same for every retry of one edition to one recipient, so duplicates can be told;
    different for another briefing (`briefing_identity`) mailed to the same person that day,
    which a receiver that deduplicates by Message-ID would otherwise drop."""
    key = f"{briefing}|{date.isoformat()}|{recipient.lower()}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:24]
    return f"<briefing.{date.isoformat()}.{digest}@{sender.rsplit('@', 1)[1]}>"


def queue(config: Config, date: dt.date) -> tuple[tuple[str, str], ...]:
    """(recipient, Message-ID) for every configured recipient of an edition."""
    email = config.email
    if not email.enabled:
        return ()
    identity = briefing_identity(config)
    return tuple((r, message_id(date, r, email.sender, identity)) for r in email.recipients)


def subject(email: EmailConfig, title: str, date: dt.date, count: int) -> str:
    return email.subject.format(title=title, date=date.isoformat(), count=count)


def build_message(config: Config, delivery: Delivery, markdown_text: str, pdf: bytes | None,
                  count: int) -> EmailMessage:
    """text/plain (the Markdown, unescaped) + text/html alternative, the PDF attached."""
    email = config.email
    msg = EmailMessage()
    msg["Subject"] = subject(email, config.title, delivery.edition, count)
    msg["From"] = formataddr((email.sender_name, email.sender))
    msg["To"] = email.to_header(delivery.recipient)
    msg["Date"] = format_datetime(dt.datetime.now(dt.timezone.utc))
    msg["Message-ID"] = delivery.message_id
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(markdown_to_text(markdown_text))
    env = template_env(config.templates, autoescape=True)
    html = render_template(env, "email.html.j2", config.templates, title=config.title,
                           date=delivery.edition.isoformat(), language=config.language,
                           body=Markup(email_tables(markdown_to_html(markdown_text))))
    msg.add_alternative(html, subtype="html")
    if pdf is not None:
        msg.add_attachment(pdf, maintype="application", subtype="pdf",
                           filename=f"briefing-{delivery.edition.isoformat()}.pdf")
    if msg["Subject"].isascii():
        # Python folds a long header right after "Subject:", which some clients show as an
        # empty subject line; an ASCII subject stays one line (RFC 5322 allows 998).
        # Parts are already encoded, so this changes only how the headers are written.
        msg.policy = msg.policy.clone(max_line_length=998)
    return msg


MD_ESCAPE_RE = re.compile(r"\\([\\`*_\[\]|#])|&(lt|gt|amp);")


def markdown_to_text(markdown_text: str) -> str:
    """The Markdown for reading as plain text: render.md_escape's backslashes and entities
    undone ("U.S. \\[1\\]" reads "U.S. [1]"), the structure (headings, lists) kept."""
    entities = {"lt": "<", "gt": ">", "amp": "&"}
    return MD_ESCAPE_RE.sub(lambda m: m.group(1) or entities[m.group(2)], markdown_text)


CELL = "border: 1px solid #999; padding: 3px 6px; text-align: left; vertical-align: top;"


def email_tables(html: str) -> str:
    """Borders on tables, inline: many mail clients drop <style> blocks. The HTML comes
    from markdown_to_html, whose sanitiser leaves these tags without attributes."""
    return (html.replace("<table>", '<table style="border-collapse: collapse; '
                                    'font-size: 0.9em;">')
                .replace("<th>", f'<th style="{CELL} background: #eee;">')
                .replace("<td>", f'<td style="{CELL}">'))


def _connect(email: EmailConfig) -> smtplib.SMTP:
    # A verifying context: create_default_context checks the chain and the host name.
    context = ssl.create_default_context(cafile=str(email.ca_file) if email.ca_file else None)
    try:
        if email.security == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(email.host, email.port, timeout=email.timeout,
                                                  context=context)
        else:
            smtp = smtplib.SMTP(email.host, email.port, timeout=email.timeout)
        smtp.ehlo()
        if email.security == "starttls":
            smtp.starttls(context=context)
            smtp.ehlo()
        if email.user:
            password = os.environ.get(email.password_env)
            if password is None:
                smtp.close()
                raise TemporaryFailure(f"environment variable {email.password_env} is not set")
            smtp.login(email.user, password)
    except smtplib.SMTPAuthenticationError as exc:
        raise TemporaryFailure(f"login refused ({exc.smtp_code})") from None
    except ssl.SSLCertVerificationError as exc:
        raise TemporaryFailure(f"TLS certificate not trusted: {exc.verify_message}") from None
    except ssl.SSLError as exc:
        raise TemporaryFailure(f"TLS failed: {exc.reason or exc}") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise TemporaryFailure(f"cannot connect to {email.host}:{email.port}: {exc}") from None
    return smtp


def _send_one(smtp: smtplib.SMTP, msg: EmailMessage, sender: str, recipient: str) -> None:
    try:
        refused = smtp.send_message(msg, from_addr=sender, to_addrs=[recipient])
    except smtplib.SMTPRecipientsRefused as exc:
        code, text = exc.recipients.get(recipient, (550, b"refused"))
        _raise_for(code, text)
    except smtplib.SMTPResponseException as exc:  # sender refused, data error, ...
        _raise_for(exc.smtp_code, exc.smtp_error)
    except (smtplib.SMTPServerDisconnected, OSError, socket.timeout) as exc:
        raise TemporaryFailure(f"connection lost: {exc}") from None
    if recipient in refused:  # send_message returns normally when some are refused
        _raise_for(*refused[recipient])


def _raise_for(code: int, text: bytes | str) -> None:
    detail = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    message = f"{code} {detail}".strip()
    if 500 <= code < 600:
        raise PermanentFailure(message)
    raise TemporaryFailure(message)


def deliver(config: Config, store: Store, only: dt.date | None = None,
            also_to: tuple[str, ...] = (),
            sleep: Callable[[float], None] = time.sleep) -> DeliveryReport:
    """Send every unfinished delivery (or only those of one edition) and record each outcome.

    A delivery to someone no longer among the configured recipients (nor in `also_to`, the
    addresses `send --to` names) is cancelled, not sent.
    """
    report = DeliveryReport()
    for date, deliveries in _due(config, store, only, also_to, report).items():
        record = store.edition(date)
        files = _edition_files(record)
        if isinstance(files, str):
            problem = (f"{files}: run `briefing run --rebuild --date {date.isoformat()}`")
            log.error("edition %s not sent: %s", date, problem)
            for d in deliveries:
                store.set_delivery(date, d.recipient, "pending", problem)
                report.pending.append(f"{date} {d.recipient}")
            continue
        markdown_text, pdf = files
        count = store.edition_article_count(date)
        _deliver_edition(config, store, deliveries, markdown_text, pdf, count, report, sleep)
    return report


CANCELLED = "no longer a recipient (taken out of [email] recipients)"


def _due(config: Config, store: Store, only: dt.date | None, also_to: tuple[str, ...],
         report: DeliveryReport | None) -> dict[dt.date, list[Delivery]]:
    """Unfinished deliveries by edition, oldest first. With a report, those to removed
    recipients are cancelled and counted; without (a plan), they are only left out."""
    wanted = {r.lower() for r in (*config.email.recipients, *also_to)}
    due: dict[dt.date, list[Delivery]] = {}
    for d in store.unfinished_deliveries():
        if only is not None and d.edition != only:
            continue
        if d.recipient.lower() not in wanted:
            if report is not None:
                store.set_delivery(d.edition, d.recipient, "cancelled", CANCELLED)
                log.warning("e-mail to %s for %s cancelled: %s", d.recipient, d.edition,
                            CANCELLED)
                report.cancelled.append(f"{d.edition} {d.recipient}")
            continue
        due.setdefault(d.edition, []).append(d)
    return dict(sorted(due.items()))


def plan(config: Config, store: Store, only: dt.date | None = None,
         also_to: tuple[str, ...] = ()) -> list[Planned]:
    """What deliver() would send now, without sending or recording anything."""
    out: list[Planned] = []
    for date, deliveries in _due(config, store, only, also_to, None).items():
        record = store.edition(date)
        size = 0
        if record is not None and record.pdf_path is not None and record.pdf_path.is_file():
            size = record.pdf_path.stat().st_size
        title = subject(config.email, config.title, date, store.edition_article_count(date))
        out += [Planned(date, d.recipient, title, d.message_id, size) for d in deliveries]
    return out


def send_edition(config: Config, store: Store, date: dt.date, to: str | None = None,
                 resend: bool = False) -> tuple[str, ...]:
    """Make what `briefing send DATE` asks for due: a missing delivery is queued, a failed or
    cancelled one is pending again, and so is a sent one with `resend`. `to` limits it to
    one address, which must be a configured recipient or already have a delivery for the
    edition. Returns the addresses it applies to (pass them to deliver's `also_to`)."""
    if to is None and not config.email.recipients:
        raise ConfigError(f"{config.path}: [email] 'recipients' is empty: nobody to send to")
    if store.edition(date) is None:
        raise NotFound(f"no edition for {date.isoformat()}; build it with briefing run")
    if to is None:
        targets = config.email.recipients
    else:
        known = {r.lower(): r for r in config.email.recipients}
        known.update({d.recipient.lower(): d.recipient for d in store.deliveries(date)})
        if to.lower() not in known:
            raise UsageError(f"--to: {to} is not a recipient of the {date.isoformat()} "
                             "edition (not in [email] recipients)")
        targets = (known[to.lower()],)
    queued = dict(queue(replace(config, email=replace(config.email, enabled=True,
                                                      recipients=targets)), date))
    for recipient in targets:
        store.queue_delivery(date, recipient, queued[recipient])
        current = store.delivery(date, recipient)
        if current is not None and (current.status in ("failed", "cancelled")
                                    or (resend and current.status == "sent")):
            store.requeue(date, recipient)
    return tuple(targets)


def send_now(config: Config, date: dt.date, to: str | None = None,
             resend: bool = False) -> DeliveryReport:
    """`briefing send`: queue the edition for `to` (or everyone again with `resend`) and
    e-mail it to every recipient not yet sent it, under the run lock."""
    with run_lock(config.database), Store(config.database) as store:
        targets = send_edition(config, store, date, to, resend)
        return deliver(config, store, only=date, also_to=targets)


def plan_send(config: Config, date: dt.date, to: str | None = None,
              resend: bool = False) -> list[Planned]:
    """What `send_now` would send: the same steps on a scratch copy of the state."""
    with run_lock(config.database), scratch_copy(config.database) as database:
        with Store(database) as store:
            targets = send_edition(config, store, date, to, resend)
            return plan(config, store, only=date, also_to=targets)


def _edition_files(record: EditionRecord | None) -> tuple[str, bytes | None] | str:
    """The edition's Markdown and PDF exactly as recorded, or what is wrong with them: a
    retry must carry the bytes the first attempt carried, under the same Message-ID."""
    if record is None or record.state != "done":
        return "edition not finished"
    try:
        markdown = record.markdown_path.read_bytes()
        pdf = record.pdf_path.read_bytes() if record.pdf_path is not None else None
    except OSError as exc:
        return f"edition files missing ({exc.strerror or exc})"
    if hashlib.sha256(markdown).hexdigest() != record.markdown_sha256 or (
            record.pdf_sha256 is not None and pdf is not None
            and hashlib.sha256(pdf).hexdigest() != record.pdf_sha256):
        return "edition files changed since they were built"
    return markdown.decode("utf-8"), pdf


def _deliver_edition(config: Config, store: Store, deliveries: list[Delivery],
                     markdown_text: str, pdf: bytes | None, count: int,
                     report: DeliveryReport, sleep: Callable[[float], None]) -> None:
    email = config.email
    smtp: smtplib.SMTP | None = None
    try:
        for d in deliveries:
            label = f"{d.edition} {d.recipient}"
            msg = build_message(config, d, markdown_text, pdf, count)
            wait = email.backoff_seconds
            for attempt in range(1, email.attempts + 1):
                try:
                    if smtp is None:
                        smtp = _connect(email)
                    # Recorded before DATA: a crash from here on is retried, never lost.
                    store.set_delivery(d.edition, d.recipient, "sending", attempt=True)
                    failpoints.reached("delivery-sending")
                    _send_one(smtp, msg, email.sender, d.recipient)
                    failpoints.reached("delivery-accepted")
                except PermanentFailure as exc:
                    store.set_delivery(d.edition, d.recipient, "failed", str(exc))
                    log.error("e-mail to %s for %s failed: %s", d.recipient, d.edition, exc)
                    report.failed.append(label)
                    break
                except TemporaryFailure as exc:
                    store.set_delivery(d.edition, d.recipient, "pending", str(exc))
                    log.warning("e-mail to %s for %s: attempt %d of %d: %s", d.recipient,
                                d.edition, attempt, email.attempts, exc)
                    _close(smtp)
                    smtp = None
                    if attempt == email.attempts:
                        report.pending.append(label)
                    else:
                        sleep(wait)
                        wait *= 2
                else:
                    store.set_delivery(d.edition, d.recipient, "sent")
                    log.info("e-mail to %s for %s sent", d.recipient, d.edition)
                    report.sent.append(label)
                    break
    finally:
        _close(smtp)


def _close(smtp: smtplib.SMTP | None) -> None:
    if smtp is not None:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()
    return None
