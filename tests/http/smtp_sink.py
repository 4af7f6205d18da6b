"""An SMTP server's handler for the mail test: every message it accepts is
parsed with Python's own e-mail package (an independent reader) and written
as one JSON file into a directory, so the C test sees what a mail program
would show: the decoded subject and body, the headers, the parse defects.
Addresses starting "finns-inte" are refused for good (550) and those
starting "senare" for now (451).

    python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.Sink DIR
"""
import email
import email.policy
import json
import os
import uuid


class Sink:
    def __init__(self, directory):
        self.directory = directory

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("smtp_sink.Sink takes one argument: the directory")
        return cls(args[0])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        """Answers as a real relay does for an address that does not exist
        (550, for good) and for one it cannot take just now (451)."""
        local = address.split("@")[0]
        if local.startswith("finns-inte"):
            return "550 5.1.1 No such user"
        if local.startswith("senare"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        defects = [repr(d) for d in msg.defects]
        for name, value in msg.items():
            defects += [f"{name}: {d!r}" for d in getattr(value, "defects", ())]
        date = msg["Date"]
        stamp = getattr(date, "datetime", None) if date is not None else None
        try:
            body = msg.get_content().replace("\r\n", "\n")
        except Exception as e:  # the test reports it as a missing body
            body = None
            defects.append(f"body: {e!r}")
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "headers": [[k, str(v)] for k, v in msg.items()],
            "from": str(msg["From"]),
            "to": str(msg["To"]),
            "subject": str(msg["Subject"]),
            "message_id": str(msg["Message-ID"]),
            "date": int(stamp.timestamp()) if stamp and stamp.tzinfo else None,
            "mime_version": str(msg["MIME-Version"]),
            "content_type": msg.get_content_type(),
            "charset": msg.get_content_charset(),
            "body": body,
            "defects": defects,
            "seven_bit": all(b < 128 for b in raw),
            "longest_line": max(len(line) for line in raw.split(b"\r\n")),
        }
        name = uuid.uuid4().hex
        tmp = os.path.join(self.directory, "." + name)
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(tmp, os.path.join(self.directory, name + ".json"))
        return "250 Message accepted"
