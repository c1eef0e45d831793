// The same application in Firefox (Debian's firefox-esr, headless, driven through
// WebDriver BiDi by puppeteer-core): a secretary logs in, searches, narrows to last year
// with the year facet, opens the council's minutes on the budget, switches to English and
// logs out. Chromium runs the other scenarios; this one proves the pages work in the
// other browser communes have.
//
//   node firefox_flow.mjs --bin BUILD/src/cli/ububiko --source REPO --out DIR
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { parseArgs, withServer, sampleFiles } from './harness.mjs';

const args = parseArgs('firefox_flow.mjs');

async function launchFirefox() {
  const path = process.env.FIREFOX || '/usr/bin/firefox-esr';
  if (!existsSync(path)) throw new Error(`firefox not found at ${path} (tools/setup-deps installs Debian's firefox-esr)`);
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: path, headless: true });
  const page = await browser.newPage();
  await page.setViewport({ width: 1366, height: 768 });
  return { page, close: () => browser.close() };
}

const clickAndWait = (page, selector) => Promise.all([page.waitForNavigation(), page.click(selector)]);

await withServer({ ...args, name: 'firefox_flow', launch: launchFirefox }, async (run) => {
  run(['user', 'add', 'paul', '--role', 'secretary', '--full-name', 'Paul Ndayishimiye', '--password-stdin'], 'Secretariat-2026\n');
  run(['file', '--metadata', join(args.source, 'samples/manifest.csv'),
       ...sampleFiles(args.source, ['pv session extraordinaire 2025.odt', 'budget-2024.pdf', 'PV session ordinaire 2023-03.pdf',
                                    'Deliberation 03-2022 taxes communales.pdf'])]);
}, async (ctx) => {
  const { page, url, shot, fail, step } = ctx;
  step('log in');
  await page.goto(`${url}/`);
  if (!page.url().includes('/login')) fail(`expected the login page, got ${page.url()}`);
  await page.type('#username', 'paul');
  await page.type('#password', 'Secretariat-2026');
  await clickAndWait(page, '#login');
  if (!page.url().endsWith('/search')) fail(`not on the search page after logging in (${page.url()})`);

  step('search');
  await page.type('#q', 'décision du conseil budget');
  await clickAndWait(page, '#search-button');
  if ((await page.$$('.hit')).length === 0) fail('no hit');
  await shot('1-search');

  step('narrow to last year');
  const years = await page.$$eval('.facets a', (as) => as.filter((a) => a.textContent.trim() === '2025').map((a) => a.getAttribute('href')));
  if (years.length === 0) fail('no 2025 in the year facet');
  await page.goto(url + years[0]);
  const titles = await page.$$eval('.hit h3 a', (as) => as.map((a) => a.textContent));
  if (titles.length !== 1 || !/conseil communal du 14 février 2025/.test(titles[0])) fail(`hits: ${JSON.stringify(titles)}`);

  step('open it');
  await clickAndWait(page, '.hit h3 a');
  const text = await page.$eval('#record-text', (e) => e.textContent);
  if (!/virement de crédits/.test(text)) fail('the decision is not in the text shown');
  await shot('2-record');

  step('English');
  await clickAndWait(page, 'a.lang');
  const heading = await page.$eval('h2', (e) => e.textContent);
  if (heading !== 'Text of the document') fail(`the record page is not in English ("${heading}")`);

  step('log out');
  await clickAndWait(page, '#logout');
  if (!page.url().includes('/login')) fail('not back on the login page');
});
