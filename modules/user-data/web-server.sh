#!/bin/bash
# Serves a static page on port 80 for the load balancer's health check and for users.
set -euo pipefail
dnf install -y httpd
cat > /var/www/html/index.html <<'HTML'
<!doctype html>
<html><head><title>dnssec-cdktf</title></head>
<body><h1>Served behind a DNSSEC-signed name</h1></body></html>
HTML
systemctl enable --now httpd
