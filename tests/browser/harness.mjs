// What the browser tests share: their arguments, a fresh archive with one user, the
// server started on a free port, chromium launched headless, screenshots, and a failure
// that names the step a user was at.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export function parseArgs(usage) {
  const args = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
  if (!args.bin || !args.source || !args.out) {
    console.error(`usage: node ${usage} --bin UBUBIKO --source REPO --out DIR`);
    process.exit(2);
  }
  return args;
}

// Runs `body(ctx)` with ctx = { page, url, run, source, shot, step(name), fail(msg) }; the
// archive is made by `setup(run)` before the server starts; `launch` gives { page, close }
// (chromium through playwright-core unless told otherwise). Exits non-zero on failure.
// Debian's chromium through playwright-core: the default browser of the tests.
async function launchChromium() {
  const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) throw new Error(`chromium not found at ${chromiumPath} (tools/setup-deps installs Debian's chromium)`);
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  return { page, close: () => browser.close() };
}

export async function withServer({ bin, source, out, name, launch = launchChromium }, setup, body) {
  const shots = join(out, name);
  mkdirSync(shots, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'ububiko-browser-'));
  const archive = join(work, 'archive');
  const env = { ...process.env, UBUBIKO_LANG: 'fr', UBUBIKO_TRAIN: 'wait' };
  const run = (cmdArgs, input) =>
    execFileSync(bin, ['--archive', archive, ...cmdArgs], { env, input, stdio: ['pipe', 'pipe', 'inherit'] }).toString();
  let server, browser, current = 'setup';
  const ctx = {
    run, source,
    step: (s) => { current = s; },
    fail: (msg) => { throw new Error(msg); },
  };
  try {
    execFileSync(bin, ['init', archive, '--plan', join(source, 'classification/commune-burundi.yaml'), '--name', 'Commune de Bururi',
      '--code', 'BRR'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    await setup(run);
    current = 'serve';
    server = spawn(bin, ['--archive', archive, 'serve', '--listen', '127.0.0.1:0'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    ctx.url = await new Promise((resolve, reject) => {
      let text = '';
      server.stdout.on('data', (d) => {
        text += d;
        const m = text.match(/http:\/\/127\.0\.0\.1:(\d+)/);
        if (m) resolve(`http://127.0.0.1:${m[1]}`);
      });
      server.on('exit', (code) => reject(new Error(`the server exited (${code})`)));
      setTimeout(() => reject(new Error('the server did not start within 20 s')), 20000);
    });
    current = 'start the browser';
    browser = await launch();
    ctx.page = browser.page;
    ctx.shot = (file) => ctx.page.screenshot({ path: join(shots, `${file}.png`), fullPage: true });
    ctx.shots = shots;
    await body(ctx);
    console.log(`${name}: passed; screenshots in ${shots}`);
  } catch (e) {
    console.error(`${name} FAILED at step "${current}": ${e.message}`);
    process.exitCode = 1;
  } finally {
    if (browser) await browser.close();
    if (server) server.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

// Signs in through the login form, as a person would.
export async function logIn(ctx, user, password) {
  const { page, url } = ctx;
  await page.goto(`${url}/`);
  if (!page.url().includes('/login')) ctx.fail(`expected the login page, got ${page.url()}`);
  await page.getByLabel("Nom d'utilisateur").fill(user);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/search/);
}

// The sample documents of samples/ with their manifest's metadata.
export function sampleFiles(source, names) {
  return names.map((f) => join(source, 'samples', f));
}
