#!/bin/sh
# Copies GOV.UK Frontend's compiled files from node_modules into build/static/govuk.
# The compiled CSS points fonts and images at /assets/; the app serves them under /static/govuk/assets/.
set -eu
src=node_modules/govuk-frontend/dist/govuk
out=build/static/govuk
rm -rf "$out"
mkdir -p "$out"
cp -R "$src/assets" "$out/assets"
sed 's#url(/assets/#url(/static/govuk/assets/#g' "$src/govuk-frontend.min.css" > "$out/govuk-frontend.min.css"
cp "$src/govuk-frontend.min.js" "$out/govuk-frontend.min.js"
# The source maps the minified files name: collectstatic's hashed names must find them.
cp "$src/govuk-frontend.min.css.map" "$src/govuk-frontend.min.js.map" "$out/"
touch build/static/.built
