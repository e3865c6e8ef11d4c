#!/bin/bash
# A real IMAP server (Debian's Dovecot) for the IMAP fetcher's tests: one user with a
# Maildir the tests drop messages into, IMAP with STARTTLS and IMAPS on loopback, a
# self-signed certificate. Writes DIR/config.json once it answers; stop it with
# `kill $(cat DIR/run/master.pid)`.
# Usage: imap_server.sh DIR [PLAIN_PORT] [TLS_PORT]
set -euo pipefail
dir=$(realpath "$1"); plain=${2:-18143}; tls=${3:-18993}
# The mail processes run as nobody and must reach the Maildir through this directory.
chmod 755 "$dir"
mkdir -p "$dir/run" "$dir/state" "$dir/home/desk/Maildir/new" "$dir/home/desk/Maildir/cur" "$dir/home/desk/Maildir/tmp"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
  -keyout "$dir/key.pem" -out "$dir/cert.pem" >/dev/null 2>&1
password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
echo "desk:{PLAIN}$password" > "$dir/users"
uid=$(id -u nobody); gid=$(id -g nobody)
chown -R "$uid:$gid" "$dir/home"
chmod -R a+rwX "$dir/home"
cat > "$dir/dovecot.conf" <<CONF
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <$dir/cert.pem
ssl_key = <$dir/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = static
  args = uid=$uid gid=$gid home=$dir/home/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $plain
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $tls
    ssl = yes
  }
  chroot =
}
service anvil {
  chroot =
}
CONF
dovecot -c "$dir/dovecot.conf"
for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/$plain) 2>/dev/null && break; sleep 0.1; done
cat > "$dir/config.json" <<JSON
{"host": "localhost", "port": $plain, "tls_port": $tls, "user": "desk", "password": "$password", "cert": "$dir/cert.pem", "maildir": "$dir/home/desk/Maildir"}
JSON
