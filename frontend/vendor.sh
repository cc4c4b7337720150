#!/usr/bin/env bash
# Copies the front-end files the site serves itself from the npm packages pinned in
# package-lock.json into the static folders, with their licences. The copies are
# committed, so `make run` needs no npm; run `make vendor` after changing a version
# in package.json (then `npm install --package-lock-only` to update the lock file).
#
# Rule: every file we ship must not name a file we do not ship (a `sourceMappingURL`
# to a missing map breaks collectstatic with the manifest storage), so source maps
# travel with their scripts. tests/site_wide/test_static_manifest.py checks the result.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$here/package-lock.json" "$work/"
(cd "$work" && npm ci --no-audit --no-fund --ignore-scripts --silent)
nm="$work/node_modules"

put() {  # put SOURCE DEST: copy one file, creating the folder
  mkdir -p "$(dirname "$root/$2")"
  cp "$nm/$1" "$root/$2"
  echo "  $2"
}

echo "Chart.js $(node -p "require('$nm/chart.js/package.json').version") (MIT)"
put chart.js/dist/chart.umd.min.js indicators/static/indicators/vendor/chart.umd.min.js
put chart.js/dist/chart.umd.min.js.map indicators/static/indicators/vendor/chart.umd.min.js.map
put chart.js/LICENSE.md indicators/static/indicators/vendor/chart.js-LICENSE.md

echo "Vazirmatn $(node -p "require('$nm/vazirmatn/package.json').version") (SIL OFL 1.1)"
for weight in Regular Medium Bold; do
  put "vazirmatn/fonts/webfonts/Vazirmatn-$weight.woff2" "static/fonts/Vazirmatn-$weight.woff2"
done
put vazirmatn/OFL.txt static/fonts/Vazirmatn-OFL.txt

echo "jalalidatepicker $(node -p "require('$nm/@majidh1/jalalidatepicker/package.json').version") (MIT)"
for file in jalalidatepicker.min.js jalalidatepicker.min.css; do
  put "@majidh1/jalalidatepicker/dist/$file" "static/vendor/jalalidatepicker/$file"
done
put @majidh1/jalalidatepicker/LICENSE static/vendor/jalalidatepicker/LICENSE

# A test tool, not served to the public: the browser tests inject it into pages.
echo "axe-core $(node -p "require('$nm/axe-core/package.json').version") (MPL 2.0)"
put axe-core/axe.min.js tests/browser/vendor/axe-core/axe.min.js
put axe-core/LICENSE tests/browser/vendor/axe-core/LICENSE
