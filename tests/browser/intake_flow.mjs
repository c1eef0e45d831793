// A new user's first steps in a real browser (Debian's chromium, headless, driven by
// playwright-core): log in, upload a scan, accept the suggested code, search a word OCR
// read from it, open the record (and print it on A4), see the search on a phone-sized
// screen, log out. Screenshots of each step are saved.
//
//   node intake_flow.mjs --bin BUILD/src/cli/ububiko --source REPO --out DIR
//
// Starts its own archive and server (ububiko init, user add, serve on a free port) and
// exits non-zero, saying which step failed, when anything does not happen as a user
// would see it.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const bin = args.bin, source = args.source, out = args.out;
if (!bin || !source || !out) {
  console.error('usage: node intake_flow.mjs --bin UBUBIKO --source REPO --out DIR');
  process.exit(2);
}
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.error(`chromium not found at ${chromiumPath} (tools/setup-deps installs Debian's chromium)`);
  process.exit(1);
}
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'ububiko-browser-'));
const archive = join(work, 'archive');
const env = { ...process.env, UBUBIKO_LANG: 'fr', UBUBIKO_TRAIN: 'wait' };
const run = (cmdArgs, input) => execFileSync(bin, cmdArgs, { env, input, stdio: ['pipe', 'pipe', 'inherit'] }).toString();

let server, browser, step = 'setup';
const fail = (msg) => { throw new Error(`${step}: ${msg}`); };
try {
  run(['init', archive, '--plan', join(source, 'classification/commune-burundi.yaml'), '--name', 'Commune de Bururi', '--code', 'BRR']);
  run(['--archive', archive, 'user', 'add', 'jeanne', '--role', 'archivist', '--full-name', 'Jeanne Niyonzima', '--password-stdin'],
      'Ububiko-2026!\n');
  // Some records filed before, so that the classifier has examples of the plan's codes.
  run(['--archive', archive, 'file', '--metadata', join(source, 'samples/manifest.csv'),
       ...['Circulaire_MININTER_2020_remise_reprise.pdf', 'PV session ordinaire 2023-03.pdf', 'Compte administratif 2018.pdf']
         .map((f) => join(source, 'samples', f))]);

  step = 'serve';
  server = spawn(bin, ['--archive', archive, 'serve', '--listen', '127.0.0.1:0'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let text = '';
    server.stdout.on('data', (d) => {
      text += d;
      const m = text.match(/http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    server.on('exit', (code) => reject(new Error(`the server exited (${code})`)));
    setTimeout(() => reject(new Error('the server did not start within 20 s')), 20000);
  });

  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const shot = (name) => page.screenshot({ path: join(out, `${name}.png`), fullPage: true });

  step = 'log in';
  await page.goto(`${url}/`);
  if (!page.url().includes('/login')) fail(`expected the login page, got ${page.url()}`);
  await page.getByLabel("Nom d'utilisateur").fill('jeanne');
  await page.getByLabel('Mot de passe').fill('Ububiko-2026!');
  await shot('1-login');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/search/);
  if (!(await page.getByText('Jeanne Niyonzima').isVisible())) fail('the user name is not shown once logged in');

  step = 'upload a scan';
  await page.getByRole('link', { name: 'Enregistrer' }).click();
  await page.waitForURL(/\/intake/);
  await page.setInputFiles('#files', join(source, 'samples/scans/circulaire-mininter-2020.png'));
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await page.waitForSelector('.register-number', { timeout: 120000 });
  await shot('2-uploaded');
  const number = (await page.locator('.register-number').first().innerText()).trim();
  if (!/^BRR\/\d{4}-\d{6}$/.test(number)) fail(`no register number shown (got "${number}")`);
  const id = number.slice(4);

  step = 'accept the suggestion';
  const accept = page.getByRole('button', { name: 'Confirmer et classer' });
  if (await accept.count()) {
    const suggested = await page.locator('.suggestion strong').first().innerText();
    await accept.first().click();
    await page.waitForURL(/\/intake\?done=/);
    await shot('3-classified');
    console.log(`accepted the suggestion ${suggested}`);
  } else {
    console.log('the suggestion was sure enough: filed at once');
  }

  step = 'search a word read by OCR';
  await page.getByRole('link', { name: 'Rechercher' }).click();
  await page.getByLabel('Recherche', { exact: true }).fill('remise reprise administrateurs');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page.waitForSelector('.hit');
  await shot('4-search');
  const link = page.locator(`.hit a[href="/record/${id}"]`);
  if ((await link.count()) === 0) fail(`the scan ${number} is not among the hits`);
  if ((await page.locator('.hit mark').count()) === 0) fail('no highlighted word in the snippets');

  step = 'open the record';
  await link.first().click();
  await page.waitForURL(new RegExp(`/record/${id}$`));
  if ((await page.locator('#record-id').innerText()).trim() !== number) fail('the record page shows another number');
  const text = await page.locator('#record-text').innerText();
  if (!/reprise/i.test(text)) fail('the text read by OCR is not shown');
  await shot('5-record');

  step = 'print the record on A4';
  await page.emulateMedia({ media: 'print' });
  if (await page.locator('header.top').isVisible()) fail('the menu is printed');
  if (await page.locator('form').first().isVisible()) fail('the forms are printed');
  if (!(await page.locator('#record-id').isVisible())) fail('the register number is not printed');
  const pdf = await page.pdf({ path: join(out, '5-record-a4.pdf'), format: 'A4' });
  if (pdf.length < 1000) fail('the printed page is empty');
  await page.emulateMedia({ media: 'screen' });

  step = 'a phone-sized screen';
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${url}/search?q=${encodeURIComponent('remise reprise')}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > 400) fail(`the search page is ${width} px wide on a 390 px screen (sideways scrolling)`);
  await shot('7-phone-search');
  await page.setViewportSize({ width: 1366, height: 768 });

  step = 'log out';
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL(/\/login/);
  await page.goto(`${url}/search`);
  if (!page.url().includes('/login')) fail('the session survived logging out');
  await shot('6-logged-out');
  console.log(`browser test passed; screenshots in ${out}`);
} catch (e) {
  console.error(`browser test FAILED at step "${step}": ${e.message}`);
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
