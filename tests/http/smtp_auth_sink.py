"""An SMTP server that wants a user name and password (AUTH PLAIN/LOGIN,
over plain TCP as on a test machine) and keeps what it accepts as
smtp_sink.Sink does, for the test of --smtp-password-file.

    python3 smtp_auth_sink.py PORT DIR USER PASSWORD
"""
import signal
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from smtp_sink import Sink


def main():
    port, directory, user, password = sys.argv[1:5]

    def authenticate(server, session, envelope, mechanism, data):
        ok = data.login == user.encode() and data.password == password.encode()
        return AuthResult(success=ok, handled=False)

    controller = Controller(Sink(directory), hostname="127.0.0.1", port=int(port),
                            authenticator=authenticate, auth_required=True,
                            auth_require_tls=False)
    controller.start()
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    done.wait()
    controller.stop()


if __name__ == "__main__":
    main()
