// Opens a page in Debian's headless Chromium and prints, as one JSON object on stdout, what a
// reader would see and what the page did: its text, console errors, failed requests, requests to
// other origins, its size and its load time. ReferencePageIT judges the result.
// Usage: node check-docs.mjs <url>
import puppeteer from 'puppeteer-core';

const url = process.argv[2];

/** Waits until the page's text has stopped changing (Redoc renders a section after the click). */
async function settle(page) {
  let last = '';
  for (let i = 0; i < 80; i++) {
    await new Promise(resolve => setTimeout(resolve, 250));
    const now = await page.evaluate(() => location.hash + document.body.innerText);
    if (now === last) return;
    last = now;
  }
}

/** Scrolls down until the page stops growing: Redoc renders long sections as they come into view. */
async function scrollToTheEnd(page) {
  let height = -1;
  for (let i = 0; i < 50; i++) {
    const now = await page.evaluate(() => {
      window.scrollBy(0, window.innerHeight);
      return [document.body.scrollHeight, window.scrollY + window.innerHeight];
    });
    await new Promise(resolve => setTimeout(resolve, 100));
    if (now[1] >= now[0] && now[0] === height) return;
    height = now[0];
  }
}
const origin = new URL(url).origin;
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  const consoleErrors = [];
  const otherOrigins = [];
  const failed = [];
  let bytes = 0;
  page.on('console', message => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', error => consoleErrors.push(String(error)));
  page.on('request', request => {
    const target = request.url();
    if (!target.startsWith('data:') && !target.startsWith('blob:') && new URL(target).origin !== origin) {
      otherOrigins.push(target);
    }
  });
  page.on('requestfailed', request => failed.push(request.url() + ' ' + request.failure()?.errorText));
  page.on('response', async response => {
    if (response.url() === url) bytes = (await response.buffer()).length;
  });
  const start = Date.now();
  const response = await page.goto(url, { waitUntil: 'networkidle0', timeout: 60000 });
  const loadMillis = Date.now() - start;
  // Redoc 3 shows one section at a time: visit every entry of its side menu, as a reader would,
  // and keep what each shows (the menu grows as sections open, so repeat until nothing is new).
  const texts = [await page.evaluate(() => document.body.innerText)];
  const visited = new Set();
  for (let round = 0; round < 5; round++) {
    const links = await page.evaluate(() => [...document.querySelectorAll('nav a[href^="/"], aside a[href^="/"], a[href^="/"]')]
      .map(a => a.getAttribute('href')));
    const fresh = [...new Set(links)].filter(href => !visited.has(href));
    if (fresh.length === 0) break;
    for (const href of fresh) {
      visited.add(href);
      await page.evaluate(h => document.querySelector(`a[href="${h}"]`)?.click(), href);
      await page.waitForNetworkIdle({ idleTime: 300, timeout: 30000 });
      await settle(page);
      await scrollToTheEnd(page);
      await settle(page);
      texts.push(await page.evaluate(() => document.body.innerText));
    }
  }
  const text = texts.join('\n');
  console.log(JSON.stringify({
    status: response.status(),
    csp: response.headers()['content-security-policy'] || '',
    bytes,
    loadMillis,
    consoleErrors,
    otherOrigins,
    failed,
    visited: [...visited],
    text,
  }));
} finally {
  await browser.close();
}
