"""A real SMTP server on 127.0.0.1 for the mail tests (aiosmtpd).

Usage: capture_smtp.py FOLDER
Listens on a free port, prints "PORT <n>" once ready, writes every message it
receives to FOLDER/<n>.eml exactly as received (with its envelope beside it in
FOLDER/<n>.json), and stops when its standard input closes or on SIGTERM.
"""
import json
import os
import signal
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class Capture:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            name = os.path.join(self.folder, "%03d" % self.count)
        with open(name + ".json", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
        # The .eml last: a reader that sees it finds the envelope too.
        with open(name + ".eml.part", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(name + ".eml.part", name + ".eml")
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    port = free_port()
    controller = Controller(Capture(folder), hostname="127.0.0.1", port=port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("PORT %d" % port, flush=True)
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
