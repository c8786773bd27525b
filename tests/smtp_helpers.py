"""A real SMTP server on loopback (aiosmtpd) and a throw-away CA for TLS tests."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def free_port() -> int:
    """aiosmtpd's Controller cannot take port 0, so pick a free one first."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Handler:
    """Records what arrives; can answer DATA with a code, refuse recipients, or hang up."""

    data_replies: list[str] = field(default_factory=list)  # consumed one per DATA
    refuse: dict[str, str] = field(default_factory=dict)  # recipient -> reply
    hang_up_on_data: int = 0
    received: list[Any] = field(default_factory=list)
    data_calls: int = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.data_calls += 1
        if self.hang_up_on_data:
            self.hang_up_on_data -= 1
            server.transport.close()
            return "421 closing"
        if self.data_replies:
            reply = self.data_replies.pop(0)
            if not reply.startswith("250"):
                return reply
        self.received.append(envelope)
        return "250 Message accepted"


def start_server(handler: Handler, tls: ssl.SSLContext | None = None,
                 users: dict[str, str] | None = None, port: int | None = None) -> Controller:
    kwargs: dict[str, Any] = {}
    if tls is not None:
        kwargs.update(tls_context=tls, require_starttls=True)
    if users is not None:
        def authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore
            ok = (isinstance(auth_data, LoginPassword)
                  and users.get(auth_data.login.decode()) == auth_data.password.decode())
            return AuthResult(success=ok, handled=False)
        # Only PLAIN: after a refused PLAIN, smtplib tries LOGIN, which this server stalls on.
        kwargs.update(authenticator=authenticator, auth_required=True,
                      auth_exclude_mechanism=["LOGIN"],
                      auth_require_tls=tls is not None)
    controller = Controller(handler, hostname="127.0.0.1", port=port or free_port(), **kwargs)
    controller.start()
    return controller


def make_ca(folder: Path) -> tuple[Path, ssl.SSLContext, ssl.SSLContext]:
    """A CA file, a server context signed by that CA, and one that is self-signed."""
    now = dt.datetime.now(dt.timezone.utc)

    def cert(subject: str, key, issuer_name, issuer_key, ca: bool):  # type: ignore
        builder = (x509.CertificateBuilder()
                   .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
                   .issuer_name(issuer_name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number())
                   .not_valid_before(now - dt.timedelta(days=1))
                   .not_valid_after(now + dt.timedelta(days=2))
                   .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
        if not ca:
            builder = builder.add_extension(x509.SubjectAlternativeName([
                x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                critical=False)
        else:
            builder = builder.add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                encipher_only=False, decipher_only=False), critical=True)
        return builder.sign(issuer_key, hashes.SHA256())

    def pem(obj) -> bytes:  # type: ignore
        if hasattr(obj, "private_bytes"):
            return obj.private_bytes(serialization.Encoding.PEM,
                                     serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption())
        return obj.public_bytes(serialization.Encoding.PEM)

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "briefing test CA")])
    ca_cert = cert("briefing test CA", ca_key, ca_name, ca_key, ca=True)
    server_key = ec.generate_private_key(ec.SECP256R1())
    server_cert = cert("localhost", server_key, ca_name, ca_key, ca=False)
    self_key = ec.generate_private_key(ec.SECP256R1())
    self_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    self_cert = cert("localhost", self_key, self_name, self_key, ca=False)
    ca_file = folder / "ca.pem"
    ca_file.write_bytes(pem(ca_cert))
    contexts = []
    for name, key, crt in (("server", server_key, server_cert), ("self", self_key, self_cert)):
        (folder / f"{name}.key").write_bytes(pem(key))
        (folder / f"{name}.crt").write_bytes(pem(crt))
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(folder / f"{name}.crt", folder / f"{name}.key")
        contexts.append(ctx)
    return ca_file, contexts[0], contexts[1]
