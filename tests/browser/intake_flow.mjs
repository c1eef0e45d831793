// A new user's first steps in a real browser (Debian's chromium, headless, driven by
// playwright-core): log in, upload a scan, accept the suggested code, search a word OCR
// read from it, open the record (and print it on A4), see the search on a phone-sized
// screen, log out. Screenshots of each step are saved.
//
//   node intake_flow.mjs --bin BUILD/src/cli/ububiko --source REPO --out DIR
import { join } from 'node:path';
import { parseArgs, withServer, logIn, sampleFiles } from './harness.mjs';

const args = parseArgs('intake_flow.mjs');
await withServer({ ...args, name: 'intake_flow' }, async (run) => {
  run(['user', 'add', 'jeanne', '--role', 'archivist', '--full-name', 'Jeanne Niyonzima', '--password-stdin'], 'Ububiko-2026!\n');
  // Some records filed before, so that the classifier has examples of the plan's codes.
  run(['file', '--metadata', join(args.source, 'samples/manifest.csv'),
       ...sampleFiles(args.source, ['Circulaire_MININTER_2020_remise_reprise.pdf', 'PV session ordinaire 2023-03.pdf', 'Compte administratif 2018.pdf'])]);
}, async (ctx) => {
  const { page, url, shot, fail, step } = ctx;
  const source = args.source, out = ctx.shots;
  step('log in');
  await page.goto(`${url}/`);
  await shot('1-login');
  await logIn(ctx, 'jeanne', 'Ububiko-2026!');
  if (!(await page.getByText('Jeanne Niyonzima').isVisible())) fail('the user name is not shown once logged in');

  step('upload a scan');
  await page.getByRole('link', { name: 'Enregistrer' }).click();
  await page.waitForURL(/\/intake/);
  await page.setInputFiles('#files', join(source, 'samples/scans/circulaire-mininter-2020.png'));
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await page.waitForSelector('.register-number', { timeout: 120000 });
  await shot('2-uploaded');
  const number = (await page.locator('.register-number').first().innerText()).trim();
  if (!/^BRR\/\d{4}-\d{6}$/.test(number)) fail(`no register number shown (got "${number}")`);
  const id = number.slice(4);

  step('accept the suggestion');
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

  step('search a word read by OCR');
  await page.getByRole('link', { name: 'Rechercher' }).click();
  await page.getByLabel('Recherche', { exact: true }).fill('remise reprise administrateurs');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page.waitForSelector('.hit');
  await shot('4-search');
  const link = page.locator(`.hit a[href="/record/${id}"]`);
  if ((await link.count()) === 0) fail(`the scan ${number} is not among the hits`);
  if ((await page.locator('.hit mark').count()) === 0) fail('no highlighted word in the snippets');

  step('open the record');
  await link.first().click();
  await page.waitForURL(new RegExp(`/record/${id}$`));
  if ((await page.locator('#record-id').innerText()).trim() !== number) fail('the record page shows another number');
  const text = await page.locator('#record-text').innerText();
  if (!/reprise/i.test(text)) fail('the text read by OCR is not shown');
  await shot('5-record');

  step('print the record on A4');
  await page.emulateMedia({ media: 'print' });
  if (await page.locator('header.top').isVisible()) fail('the menu is printed');
  if (await page.locator('form').first().isVisible()) fail('the forms are printed');
  if (!(await page.locator('#record-id').isVisible())) fail('the register number is not printed');
  const pdf = await page.pdf({ path: join(out, '5-record-a4.pdf'), format: 'A4' });
  if (pdf.length < 1000) fail('the printed page is empty');
  await page.emulateMedia({ media: 'screen' });

  step('a phone-sized screen');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${url}/search?q=${encodeURIComponent('remise reprise')}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > 400) fail(`the search page is ${width} px wide on a 390 px screen (sideways scrolling)`);
  await shot('7-phone-search');
  await page.setViewportSize({ width: 1366, height: 768 });

  step('log out');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL(/\/login/);
  await page.goto(`${url}/search`);
  if (!page.url().includes('/login')) fail('the session survived logging out');
  await shot('6-logged-out');
});
