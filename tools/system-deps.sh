#!/usr/bin/env bash
# Install the Debian packages the book needs (TeX for the PDF, Korean fonts,
# Chromium for figure images and browser tests, poppler for PDF checks, Java for the
# Nu Html Checker, and npm for the browser assets pinned in package-lock.json).
# Installs only what is missing; needs root or sudo for that, otherwise it stops
# and lists the packages.
set -euo pipefail

packages=(
  texlive-xetex texlive-lang-korean texlive-latex-extra texlive-fonts-recommended
  latexmk fonts-nanum fonts-dejavu-core fonts-symbola libcairo2 chromium poppler-utils
  openjdk-17-jre-headless
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done

# npm may come with a nodejs build from elsewhere; Debian ships it as its own package.
command -v npm >/dev/null || missing+=(nodejs npm)

if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them as root: apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
