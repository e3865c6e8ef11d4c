#!/usr/bin/env python3
"""A real SMTP relay for the mail tests: aiosmtpd on loopback with STARTTLS, implicit TLS,
AUTH, SIZE, SMTPUTF8 and PIPELINING, a silent port for timeouts, and recipients that
answer 4xx or 5xx on purpose
(or 4xx once, then accept). It writes config.json into DIR for the tests to read and
saves each accepted message there. Stops by itself after --lifetime seconds.

    python3 Tests/mail/smtp_server.py DIR [--lifetime 3600]
"""
import asyncio, json, os, socket, ssl, subprocess, sys, threading, time
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = "relay-user", "relay-secret-1"

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

class Handler:
    def __init__(self, out):
        self.out, self.count = out, 0
        self.deferred = set()
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        if local.startswith("busy"):
            return "451 4.3.0 Mailbox busy, try again later"
        if local.startswith("nobody"):
            return "550 5.1.1 No such user"
        # "later..." recipients are deferred the first time each is seen, then accepted:
        # an outbox's retry after a 4xx arrives.
        if local.startswith("later") and address not in self.deferred:
            self.deferred.add(address)
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"
    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = os.path.join(self.out, "message-%d" % self.count)
        with open(name + ".eml", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(name + ".json", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos, "mail_options": envelope.mail_options,
                       "authenticated": session.authenticated}, f)
        return "250 2.0.0 queued as %d" % self.count

def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)

def main():
    out = os.path.abspath(sys.argv[1])
    lifetime = int(sys.argv[sys.argv.index("--lifetime") + 1]) if "--lifetime" in sys.argv else 3600
    os.makedirs(out, exist_ok=True)
    cert, key = os.path.join(out, "cert.pem"), os.path.join(out, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost", "-keyout", key, "-out", cert], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = Handler(out)
    common = dict(hostname="127.0.0.1", authenticator=authenticator, enable_SMTPUTF8=True,
                  data_size_limit=200_000, decode_data=False)
    plain_port, tls_port, silent_port = free_port(), free_port(), free_port()
    starttls = Controller(handler, port=plain_port, tls_context=context, require_starttls=True, auth_require_tls=True, **common)
    # aiosmtpd counts only STARTTLS as TLS; this port is TLS from the first byte.
    implicit = Controller(handler, port=tls_port, ssl_context=context, auth_require_tls=False, **common)
    starttls.start(); implicit.start()
    silent = socket.socket(); silent.bind(("127.0.0.1", silent_port)); silent.listen(8)
    threading.Thread(target=lambda: [silent.accept() for _ in range(100)], daemon=True).start()
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump({"host": "localhost", "starttls_port": plain_port, "tls_port": tls_port, "silent_port": silent_port,
                   "user": USER, "password": PASSWORD, "cert": cert, "size_limit": 200_000, "out": out}, f)
    print("smtp test relay ready in", out, flush=True)
    try:
        time.sleep(lifetime)
    finally:
        starttls.stop(); implicit.stop()

if __name__ == "__main__":
    main()
