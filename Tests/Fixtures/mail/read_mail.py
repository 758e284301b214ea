"""Reads a message with Python's own MIME parser and prints what the tests check, as JSON.

Usage: read_mail.py FILE.eml
"""
import email
import email.policy
import json
import sys
import xml.etree.ElementTree as ET


def main():
    raw = open(sys.argv[1], "rb").read()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    header_lines = raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    out = {
        "crlf_only": b"\n" not in raw.replace(b"\r\n", b""),
        "ascii_only": all(b < 128 for b in raw),
        "longest_header_line": max(len(line) for line in header_lines),
        "longest_line": max(len(line) for line in raw.split(b"\r\n")),
        "defects": [type(d).__name__ for part in message.walk() for d in part.defects],
        "headers": {},
        "header_count": {},
        "content_type": message.get_content_type(),
        "body": None,
        "attachments": [],
    }
    for name in ["From", "To", "Cc", "Subject", "Date", "Message-ID", "In-Reply-To", "References", "Auto-Submitted", "MIME-Version"]:
        value = message.get(name)
        out["headers"][name] = None if value is None else str(value)
        out["header_count"][name] = len(message.get_all(name) or [])
    out["from_addresses"] = [[a.display_name, a.addr_spec] for a in message["From"].addresses] if message["From"] else []
    out["to_addresses"] = [[a.display_name, a.addr_spec] for a in message["To"].addresses] if message["To"] else []
    out["cc_addresses"] = [[a.display_name, a.addr_spec] for a in message["Cc"].addresses] if message["Cc"] else []
    body = message.get_body(preferencelist=("plain",))
    if body is not None:
        # Line ends as Python's own text has them.
        out["body"] = body.get_content().replace("\r\n", "\n")
        out["body_charset"] = body.get_content_charset()
        out["body_transfer_encoding"] = body.get("Content-Transfer-Encoding")
    for part in message.iter_attachments():
        data = part.get_payload(decode=True)
        item = {
            "filename": part.get_filename(),
            "content_type": part.get_content_type(),
            "size": len(data),
            "starts": data[:5].decode("latin-1"),
            "xml_root": None,
        }
        if part.get_content_type().endswith("xml"):
            try:
                item["xml_root"] = ET.fromstring(data).tag
            except ET.ParseError as error:
                item["xml_root"] = "ParseError: %s" % error
        out["attachments"].append(item)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
