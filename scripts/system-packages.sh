#!/usr/bin/env bash
# Install the Debian packages the build and the tests need, when they are missing.
# As root it installs them; otherwise it prints the exact apt-get line to run.
set -euo pipefail
packages=(
  chromium            # browser tests (Playwright drives Debian's build, never a download)
  fonts-noto-core     # Arabic, Persian and other scripts in the booklets
  fonts-dejavu-core   # the booklets' Latin and Cyrillic fallback
  libharfbuzz-subset0 # WeasyPrint subsets fonts with HarfBuzz (fast, no warning)
  libpango-1.0-0      # WeasyPrint's text layout
  libreoffice-writer-nogui # opens the generated ODT in a test
  default-jre-headless     # runs the Nu HTML Checker (vnu.jar)
  qpdf                # checks the structure of every PDF the forms write
  poppler-utils       # pdftotext and pdftoppm, to read and look at those PDFs
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# A JRE counts as present when java runs, whatever package brought it.
if command -v java >/dev/null 2>&1; then
  missing=("${missing[@]/default-jre-headless/}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
[ ${#missing[@]} -eq 0 ] && exit 0
line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "Missing Debian packages. Run as root:" >&2
  echo "  sudo sh -c '$line'" >&2
  exit 1
fi
