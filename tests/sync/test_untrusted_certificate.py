"""An HQ address that shows a certificate this laptop does not trust (a network that
intercepts TLS, a wrong address) is told as such, not as "no internet" (issue 14,
command-line rough edges). A real TLS server on loopback with a made-up self-signed
certificate."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from models.messages import text
from sync.transport import HQClient, Offline, Untrusted


def self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hq.menyadap.test")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def intercepting(tmp_path: Path) -> Iterator[int]:
    """A TLS server on loopback that answers every handshake with its own certificate."""
    cert, key = self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            try:
                with context.wrap_socket(conn, server_side=True):
                    pass
            except (ssl.SSLError, OSError):
                pass  # the desk refused the certificate: what this server is for

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join(5)
        server.close()


def test_an_untrusted_certificate_is_not_reported_as_no_internet(intercepting: int) -> None:
    client = HQClient(f"https://localhost:{intercepting}", "token-1")
    try:
        with pytest.raises(Untrusted) as caught:
            client.hello()
    finally:
        client.close()
    assert not isinstance(caught.value, Offline)
    assert caught.value.kind == "tls"
    message = text("sync_tls", "en")
    assert "certificate" in message and "no internet" not in message


def test_a_closed_port_is_still_offline() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = HQClient(f"https://localhost:{port}", "token-1")
    try:
        with pytest.raises(Offline):
            client.hello()
    finally:
        client.close()
