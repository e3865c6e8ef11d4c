"""Delivers one Japanese message (ISO-2022-JP, as Japanese mail clients still send it) to
`rapport serve --lmtp-port` with Python's own LMTP client, then reads the SQLite database
to see that it opened one ticket with the decoded subject; a second delivery of the same
message must open nothing.

Usage: lmtp_delivery.py PORT SQLITE_FILE
"""
import smtplib
import sqlite3
import sys
import time
from email.header import Header
from email.mime.text import MIMEText

port, database = int(sys.argv[1]), sys.argv[2]
message = MIMEText("ログインできません。パスワードを再設定しても同じです。", "plain", "iso-2022-jp")
message["Subject"] = Header("ログインできません", "iso-2022-jp")
message["From"] = "Haruto Sato <haruto@example.jp>"
message["To"] = "support@rapport.test"
message["Message-ID"] = "<ci-lmtp-1@example.jp>"
raw = message.as_bytes()

for attempt in (1, 2):
    with smtplib.LMTP("127.0.0.1", port, timeout=20) as client:
        refused = client.sendmail("haruto@example.jp", ["support@rapport.test"], raw)
        assert refused == {}, f"refused on delivery {attempt}: {refused}"

deadline = time.time() + 10
while True:
    db = sqlite3.connect(database)
    rows = db.execute("SELECT subject, channel FROM tickets").fetchall()
    db.close()
    if rows or time.time() > deadline:
        break
    time.sleep(0.2)
assert rows == [("ログインできません", "email")], f"tickets after two deliveries: {rows}"
print("lmtp: Python's LMTP client delivered twice; one ticket, subject decoded from ISO-2022-JP")
