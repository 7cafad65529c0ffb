#!/usr/bin/env bash
# Prints a working Python 3.12 interpreter: python3.12 on PATH, else a pyenv one, else Debian's.
set -u
for candidate in python3.12 "$HOME"/.pyenv/versions/3.12*/bin/python3.12 /usr/bin/python3.12; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 12)' 2>/dev/null; then
    command -v "$candidate"
    exit 0
  fi
done
if command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq >&2 && apt-get install -y -qq python3.12 python3.12-venv >&2 && command -v python3.12 && exit 0
fi
echo "No Python 3.12 found; install python3.12 and try again." >&2
exit 1
