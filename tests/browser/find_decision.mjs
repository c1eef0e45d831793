// What "done" means for the web application: a secretary who has never seen it logs in,
// finds last year's council decision on the budget, and opens it, without help. On an
// archive holding every sample document (samples/manifest.csv), she types what she is
// looking for, narrows by the year with a click, and opens the minutes of the session
// that decided the budget transfer (February 2025); then its original.
//
//   node find_decision.mjs --bin BUILD/src/cli/ububiko --source REPO --out DIR
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, withServer, logIn, sampleFiles } from './harness.mjs';

const args = parseArgs('find_decision.mjs');
const manifest = readFileSync(join(args.source, 'samples/manifest.csv'), 'utf8').split('\n').slice(1).filter(Boolean);
// The file name is the first CSV field (quoted when it holds a comma).
const names = manifest.map((line) => (line.startsWith('"') ? line.slice(1, line.indexOf('"', 1)) : line.split(',')[0]));

await withServer({ ...args, name: 'find_decision' }, async (run) => {
  run(['user', 'add', 'paul', '--role', 'secretary', '--full-name', 'Paul Ndayishimiye', '--password-stdin'], 'Secretariat-2026\n');
  run(['file', '--metadata', join(args.source, 'samples/manifest.csv'), ...sampleFiles(args.source, names)]);
}, async (ctx) => {
  const { page, shot, fail, step } = ctx;
  step('log in');
  await logIn(ctx, 'paul', 'Secretariat-2026');

  step('search what she is looking for');
  await page.getByLabel('Recherche', { exact: true }).fill('décision du conseil budget');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page.waitForSelector('.hit');
  await shot('1-search');

  step('narrow to last year');
  await page.locator('.facets').getByRole('link', { name: '2025', exact: true }).click();
  await page.waitForURL(/ann%C3%A9e%3A2025|année:2025/);
  await shot('2-narrowed');
  const first = page.locator('.hit h3 a').first();
  const title = await first.innerText();
  if (!/conseil communal/i.test(title) || !/2025/.test(title)) fail(`the first hit is "${title}", not the council's 2025 session`);

  step('open it');
  await first.click();
  await page.waitForURL(/\/record\/\d{4}-\d{6}$/);
  const text = await page.locator('#record-text').innerText();
  if (!/budget 2025/.test(text) || !/virement de crédits/.test(text)) fail('the decision on the budget is not in the text shown');
  await shot('3-record');

  step('open the original');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: "Télécharger l'original" }).click()]);
  if (download.suggestedFilename() !== 'pv session extraordinaire 2025.odt') fail(`downloaded "${download.suggestedFilename()}"`);
});
