// Renders an OpenAPI document into one self-contained HTML page with the pinned Redocly CLI
// (build-docs, Redoc inlined, telemetry off), then removes what would still reach another origin: Redoc's
// attribution logo (an <img> from cdn.redoc.ly, which no option turns off) becomes an inline SVG,
// and the page declares an empty icon, so a browser does not ask the server for /favicon.ico.
// Usage: node build-docs.mjs <spec.yaml> <output.html>
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [spec, output] = process.argv.slice(2);
if (!spec || !output) {
  console.error('Usage: node build-docs.mjs <spec.yaml> <output.html>');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const built = spawnSync(
  join(here, 'node_modules', '.bin', 'redocly'),
  ['build-docs', spec, '--inlineBundle', '--output', output],
  // Telemetry off: otherwise the page itself sends traces to otel.cloud.redocly.com (disableTelemetry).
  { cwd: here, stdio: 'inherit', timeout: 120000, env: { ...process.env, REDOCLY_TELEMETRY: 'off' } });
if (built.status !== 0) {
  console.error(`redocly build-docs failed (${built.error ?? 'exit ' + built.status})`);
  process.exit(1);
}
const logo = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='60' height='14'%3E"
  + "%3Ctext x='0' y='11' font-family='sans-serif' font-size='11'%3ERedocly%3C/text%3E%3C/svg%3E";
let html = readFileSync(output, 'utf8');
for (const remote of ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', 'https://cdn.redoc.ly/redoc/logo-mini.svg']) {
  if (!html.includes(remote)) {
    console.error(`build-docs.mjs: ${remote} is no longer in the page; check what this Redoc loads`);
    process.exit(1);
  }
  html = html.replaceAll(remote, logo);
}
html = html.replace('<head>', '<head><link rel="icon" href="data:,">');
writeFileSync(output, html);
