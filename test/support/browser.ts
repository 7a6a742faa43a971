/**
 * The one way browser tests start a browser: the Chromium that npm installed with
 * @sparticuz/chromium, unpacked once per machine into the temporary folder, whatever else the
 * machine has (no system package is used, so every machine runs the same browser as a bare
 * one with only Node and npm). It is driven by playwright-core, headless, with every background connection of the browser's own switched
 * off, so that what a test sees on the wire is what the page asked for.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';

/**
 * Our own switches, on top of playwright-core's defaults (which already stop component
 * updates, sync, field trials and the default-browser check; repeated here so that the
 * intent does not depend on that list). Of @sparticuz/chromium's `chromium.args`, written
 * for AWS Lambda, we keep only those that cut traffic (`--disable-domain-reliability`,
 * `--no-pings`) and leave out `--disable-web-security`, `--allow-running-insecure-content`
 * and `--disable-site-isolation-trials` (they would hide what a real browser refuses, such as
 * a cross-origin request or a CSP violation), `--single-process` and `--no-zygote` (needed on
 * Lambda, not here) and the graphics switches: `--disable-gpu` instead, software rendering
 * (the tests read text, not pixels).
 */
const QUIET = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-domain-reliability',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-pings',
  '--disable-gpu',
];

/** Chromium will not run its sandbox as root; as any other user the sandbox stays on. */
const AS_ROOT = process.getuid?.() === 0;


/** A headless browser for a test file; close it in afterAll. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = await unpackedNpmChromium();
  try {
    // playwright-core passes --no-sandbox unless chromiumSandbox is true.
    return await chromium.launch({ executablePath, headless: true, chromiumSandbox: !AS_ROOT, args: QUIET });
  } catch (error) {
    const hint = AS_ROOT ? '' : ' (as a user other than root the sandbox is on, and needs unprivileged user namespaces: sysctl kernel.unprivileged_userns_clone=1)';
    throw new Error(`could not start the chromium from @sparticuz/chromium at ${executablePath}${hint}: ${(error as Error).message}`);
  }
}

/**
 * `chromium.executablePath()` unpacks the Brotli-compressed browser (and its fonts and
 * SwiftShader) into os.tmpdir() and returns the binary's path, reusing what it finds there;
 * it writes in place, so a second process reading at the same moment (parallel jest workers,
 * several checkouts on one machine) could start a half-written file, and it leaves the binary
 * readable by its owner only. It runs here in a child
 * process whose temporary folder is a fresh staging folder, which is then renamed, in one
 * step, to a folder named after the package's version: a reader sees all of it or nothing.
 */
async function unpackedNpmChromium(): Promise<string> {
  const require = createRequire(import.meta.url);
  // The package exports only its entry points (build/{cjs,esm}/…): its root is two folders up.
  const packageRoot = join(dirname(require.resolve('@sparticuz/chromium')), '..', '..');
  const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  // Per user: the unpacked browser is readable by its owner only.
  const target = join(tmpdir(), `zlt-sparticuz-chromium-${version}-uid${process.getuid?.() ?? 0}`);
  const binary = join(target, 'chromium');
  if (existsSync(binary)) return binary;

  const staging = mkdtempSync(join(tmpdir(), `zlt-sparticuz-chromium-${version}.staging-`));
  try {
    const entry = join(packageRoot, 'build', 'esm', 'index.js');
    const script = `const { default: chromium } = await import(${JSON.stringify(entry)}); process.stdout.write(await chromium.executablePath());`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: staging } });
    if (stdout !== join(staging, 'chromium')) throw new Error(`@sparticuz/chromium unpacked to ${stdout}, expected ${join(staging, 'chromium')}`);
    try {
      renameSync(staging, target);
    } catch (error) {
      // Another process finished first: use its copy.
      if (!existsSync(binary)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}
