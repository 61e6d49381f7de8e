#!/bin/sh
# Ensure a Chromium the browser tests can drive. Debian's package is preferred (and
# installed when we are root on Debian/Ubuntu); otherwise Playwright downloads its own.
python="$1"
for candidate in "$CHROMIUM_PATH" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then exit 0; fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) >/dev/null \
    && exit 0
fi
echo "No system Chromium; asking Playwright to download its own..."
"$python" -m playwright install chromium
