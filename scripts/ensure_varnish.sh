#!/bin/sh
# Ensure Debian's varnish for tests/test_varnish.py (installed when we are root on
# Debian/Ubuntu). Elsewhere the test is skipped, with a word on how to install it.
if command -v varnishd >/dev/null 2>&1 || [ -x /usr/sbin/varnishd ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's varnish for the Varnish purge test..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish) >/dev/null \
    && exit 0
fi
echo "No varnishd, and it cannot be installed here: tests/test_varnish.py will be skipped."
