#!/usr/bin/env bash
# Print the path of a Python 3.13 interpreter: the project pins 3.13 to match Pyodide 0.29.
set -euo pipefail
want=$(cut -d. -f1,2 .python-version)
for candidate in \
  "$(command -v "python$want" 2>/dev/null || true)" \
  "$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")/versions/$(cat .python-version)/bin/python$want" \
  "$(command -v python3 2>/dev/null || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] &&
     [ "$("$candidate" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" = "$want" ]; then
    echo "$candidate"; exit 0
  fi
done
echo "Python $want is required (see .python-version). Install it, e.g.: pyenv install $(cat .python-version)" >&2
exit 1
