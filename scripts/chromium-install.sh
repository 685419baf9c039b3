#!/usr/bin/env bash
# Installs Chromium from Debian's packages if it is missing, for the dashboard's browser test
# (DashboardBrowserIT drives it headless over the DevTools Protocol). Needs root (apt-get); CI runs it
# from .ci/run before the tests. Set CHROMIUM to use another Chromium or Chrome binary instead.
set -euo pipefail

browser=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$browser" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
"$browser" --version 2>/dev/null
