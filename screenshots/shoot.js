// Renders tmux captures (capture-pane -e -N -p) to PNG with xterm.js
// (render.html) in headless Chromium, driven over the DevTools protocol.
//
//   node shoot.js COLS ROWS capture.ansi out.png [capture.ansi out.png ...]
//
// Environment: CHROMIUM (default /usr/bin/chromium), SHOT_SCALE (device pixel
// ratio, default 2), SHOT_FONT_SIZE (CSS px, default 16.32).
// Exits non-zero if a picture could not be made, or if a character was not
// painted at its terminal column (the PNG is still written, for inspection).
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const puppeteer = require('puppeteer-core');

const FONT_FAMILY = '"DejaVu Sans Mono", "HirobaCJK", "Noto Color Emoji", monospace';
// 16.32px rather than 16: DejaVu Sans Mono's box-drawing glyphs are 1.164em
// tall and rows are a whole number of pixels (19), so at 16px vertical
// borders would show a hairline gap between rows.
const FONT_SIZE = Number(process.env.SHOT_FONT_SIZE || 16.32);
const SCALE = Number(process.env.SHOT_SCALE || 2);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

async function main() {
  const [cols, rows, ...pairs] = process.argv.slice(2);
  if (!(cols > 0) || !(rows > 0) || pairs.length === 0 || pairs.length % 2) {
    console.error('usage: node shoot.js COLS ROWS capture.ansi out.png [...]');
    process.exit(2);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hiroba-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    timeout: 60000,
    protocolTimeout: 60000,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage', '--allow-file-access-from-files', '--hide-scrollbars',
      '--font-render-hinting=none', '--lang=ja',
    ],
  });
  let misplacedTotal = 0;
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(30000);
    await page.setViewport({ width: 2400, height: 1600, deviceScaleFactor: SCALE });
    page.on('console', (m) => console.error('[page]', m.text()));
    page.on('pageerror', (e) => console.error('[page error]', e.message));
    page.on('requestfailed', (r) => console.error('[request failed]', r.url()));
    const url = 'file://' + path.join(__dirname, 'render.html');
    for (let i = 0; i < pairs.length; i += 2) {
      const [input, output] = [pairs[i], pairs[i + 1]];
      const text = fs.readFileSync(input, 'utf8');
      await page.goto(url, { waitUntil: 'load' });
      const res = await page.evaluate(
        (t, c, r, f, s) => window.renderCapture(t, c, r, f, s),
        text, Number(cols), Number(rows), FONT_FAMILY, FONT_SIZE);
      const frame = await page.$('#frame');
      await frame.screenshot({ path: output });
      if (res.misplaced.length) {
        misplacedTotal += res.misplaced.length;
        console.error(`${output}: ${res.misplaced.length} character(s) off the grid, e.g.:`);
        for (const m of res.misplaced.slice(0, 10)) {
          console.error(`  row ${m.row} col ${m.col} ${JSON.stringify(m.ch)} off by ${m.cellsOff} cells`);
        }
      }
      console.error(`wrote ${output}`);
    }
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  if (misplacedTotal) process.exit(3);
}

main().catch((e) => { console.error(e); process.exit(1); });
