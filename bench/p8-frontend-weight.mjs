#!/usr/bin/env node
// P8: front-end weight, gzip level 9 (node:zlib), 1 KB = 1000 bytes.
//   widget loader  apps/widget/dist/widget.js                                    <= 5 KB
//   widget app     initial JS of apps/widget/dist/app/index.html                 <= 45 KB (realtime client included)
//   operator SPA   initial JS of apps/operator/dist/index.html                   <= 250 KB
// "Initial JS" = the html's <script src> and <link rel="modulepreload"> files plus, transitively, the
// chunks they import statically (import ... from "./x.js", import "./x.js", export ... from "./x.js");
// dynamic import("./x.js") chunks load later and are not counted. Stylesheets are printed apart
// (informative). A dist that is missing prints `not built`. Exit 1 only when something built is over
// budget, 2 when a built html references a file that is not there.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXIT_BUDGET_FAILED, EXIT_ERROR, line, note, option, root as checkoutRoot } from './lib/util.mjs';

/** --root / P8_ROOT: weigh another checkout's dists. */
const root = option('root', 'P8_ROOT', checkoutRoot);

const KB = 1000;
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const gzipSize = (buffer) => gzipSync(buffer, { level: 9 }).length;

let overBudget = false;
let broken = false;

/** Attribute values of the html's tags: <script src>, <link rel=modulepreload href>, <link rel=stylesheet href>. */
function htmlReferences(html) {
  const scripts = [];
  const styles = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name) => tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'))?.slice(1).find((v) => v !== undefined);
    if (/^<script/i.test(tag)) {
      const src = attr('src');
      if (src) scripts.push(src);
      continue;
    }
    const rel = (attr('rel') ?? '').toLowerCase().split(/\s+/);
    const href = attr('href');
    if (!href) continue;
    if (rel.includes('modulepreload')) scripts.push(href);
    else if (rel.includes('stylesheet')) styles.push(href);
  }
  return { scripts, styles };
}

/**
 * The file in `distDir` an URL of the built html points at. Vite writes URLs with its `base` (e.g.
 * /widget/assets/x.js for dist/app/assets/x.js), so leading path segments are dropped until a file fits.
 */
function resolveAsset(url, htmlDir, distDir) {
  if (/^(?:[a-z]+:)?\/\//i.test(url) || url.startsWith('data:')) return null; // external: not ours to weigh
  const path = url.split(/[?#]/)[0];
  if (!path.startsWith('/')) {
    const file = normalize(join(htmlDir, path));
    return existsSync(file) ? file : undefined;
  }
  const parts = path.split('/').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const file = join(distDir, ...parts.slice(i));
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** Static imports of a built ES module chunk (not dynamic import()). */
function staticImports(code) {
  const specifiers = new Set();
  for (const match of code.matchAll(/\bfrom\s*["'`]([^"'`\n]+)["'`]/g)) specifiers.add(match[1]);
  for (const match of code.matchAll(/\bimport\s*["'`]([^"'`\n]+)["'`]/g)) specifiers.add(match[1]);
  return [...specifiers].filter((s) => s.startsWith('.') || s.startsWith('/'));
}

/** Initial JS and CSS files of a built html page. */
function initialFiles(htmlFile, distDir) {
  const html = readFileSync(htmlFile, 'utf8');
  const { scripts, styles } = htmlReferences(html);
  const js = new Set();
  const queue = [];
  const missing = [];
  for (const src of scripts) {
    const file = resolveAsset(src, dirname(htmlFile), distDir);
    if (file === undefined) missing.push(src);
    else if (file && !js.has(file)) {
      js.add(file);
      queue.push(file);
    }
  }
  while (queue.length) {
    const file = queue.shift();
    for (const specifier of staticImports(readFileSync(file, 'utf8'))) {
      const target = specifier.startsWith('/') ? resolveAsset(specifier, dirname(file), distDir) : normalize(join(dirname(file), specifier.split(/[?#]/)[0]));
      if (!target || !existsSync(target)) {
        missing.push(`${specifier} (imported by ${relative(distDir, file)})`);
        continue;
      }
      if (!js.has(target)) {
        js.add(target);
        queue.push(target);
      }
    }
  }
  const css = [];
  for (const href of styles) {
    const file = resolveAsset(href, dirname(htmlFile), distDir);
    if (file === undefined) missing.push(href);
    else if (file) css.push(file);
  }
  return { js: [...js], css, missing };
}

function weigh(files) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const buffer = readFileSync(file);
    raw += buffer.length;
    gzip += gzipSize(buffer);
  }
  return { raw, gzip };
}

function verdict(name, { raw, gzip }, budgetKb, detail = '') {
  const pass = gzip <= budgetKb * KB;
  if (!pass) overBudget = true;
  line(name, kb(gzip), '', `(budget ${budgetKb} KB) ${pass ? 'PASS' : 'FAIL'} [raw ${kb(raw)}${detail ? `, ${detail}` : ''}]`);
}

function page(prefix, htmlFile, distDir, budgetKb) {
  if (!existsSync(htmlFile)) {
    line(`${prefix}_initial_js_gzip`, 'not built', '', `(${relative(root, htmlFile)} is missing; budget ${budgetKb} KB)`);
    return;
  }
  const { js, css, missing } = initialFiles(htmlFile, distDir);
  if (missing.length) {
    broken = true;
    note(`${relative(root, htmlFile)} references files that are not in ${relative(root, distDir)}: ${missing.join(', ')}`);
  }
  for (const file of [...js, ...css]) {
    const buffer = readFileSync(file);
    note(`${relative(root, file).split(sep).join('/')}: ${kb(gzipSize(buffer))} gzip, ${kb(buffer.length)} raw`);
  }
  verdict(`${prefix}_initial_js_gzip`, weigh(js), budgetKb, `${js.length} file${js.length === 1 ? '' : 's'}`);
  const styles = weigh(css);
  line(`${prefix}_css_gzip`, kb(styles.gzip), '', `(informative, not in the budget) [raw ${kb(styles.raw)}, ${css.length} file${css.length === 1 ? '' : 's'}]`);
}

const widgetDist = join(root, 'apps/widget/dist');
const loader = join(widgetDist, 'widget.js');
if (existsSync(loader)) {
  const buffer = readFileSync(loader);
  verdict('p8.widget_loader_gzip', { raw: buffer.length, gzip: gzipSize(buffer) }, 5);
} else {
  line('p8.widget_loader_gzip', 'not built', '', '(apps/widget/dist/widget.js is missing; budget 5 KB)');
}
page('p8.widget_app', join(widgetDist, 'app/index.html'), join(widgetDist, 'app'), 45);
page('p8.operator', join(root, 'apps/operator/dist/index.html'), join(root, 'apps/operator/dist'), 250);
line('p8.method', 'gzip -9 (node:zlib) per file, summed; 1 KB = 1000 bytes; initial JS = html scripts + modulepreloads + their static imports');

process.exit(broken ? EXIT_ERROR : overBudget ? EXIT_BUDGET_FAILED : 0);
