#!/bin/bash
# Docker HEALTHCHECK for ResearchBot; exit 0 = healthy, 1 = unhealthy.
# With the status listener on (Hosting__HttpUrl set), healthy means GET /readyz answers 200: the similarity index is
# loaded and every configured platform is connected. Otherwise the heartbeat file (Hosting__HeartbeatFile) must have
# been touched within the last 2 minutes. Needs only bash (its /dev/tcp) and find: the aspnet image has no curl or wget.
set -u

url="${Hosting__HttpUrl:-}"
if [ -n "$url" ]; then
  hostport="${url#*://}"
  hostport="${hostport%%/*}"
  port="${hostport##*:}"
  host="${hostport%:*}"
  case "$port" in
    "" | *[!0-9]*) port=80 host="$hostport" ;; # no port given (http://localhost, http://[::1])
  esac
  case "$host" in
    "" | "+" | "*" | "0.0.0.0" | "[::]" | "localhost") host=127.0.0.1 ;;
  esac
  host="${host#[}"
  host="${host%]}"
  exec 3<>"/dev/tcp/$host/$port" || exit 1
  printf 'GET /readyz HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n' "$host" >&3
  IFS= read -r -t 4 status <&3 || exit 1
  case "$status" in
    "HTTP/1."?" 200"*) exit 0 ;;
    *) exit 1 ;;
  esac
fi

file="${Hosting__HeartbeatFile:-/data/heartbeat}"
[ -n "$(find "$file" -mmin -2 2>/dev/null)" ]
