#!/usr/bin/env node
// Brings a machine that has only Node up to what PromptNX needs, then runs it:
//   node scripts/bootstrap.mjs start   pnpm + dependencies, then `pnpm dev`
//   node scripts/bootstrap.mjs test    pnpm + dependencies + Chromium, then every test
//   node scripts/bootstrap.mjs ensure  pnpm + dependencies + Chromium, nothing else
// Plain Node on purpose: it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2] ?? 'start';
const pnpmVersion = JSON.parse(
  readFileSync(path.join(root, 'package.json'), 'utf8'),
).packageManager.replace(/^pnpm@/, '');

const say = (line) => console.log(`[bootstrap] ${line}`);
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  return result.status ?? 1;
}
function output(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd: root });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`PromptNX needs Node.js 20.19 or newer; this is ${process.versions.node}`);
  process.exit(1);
}

// pnpm at exactly the version package.json pins (turbo and pnpm both insist).
function ensurePnpm() {
  if (output('pnpm', ['--version']) === pnpmVersion) return ['pnpm'];
  say(`installing pnpm ${pnpmVersion} with npm`);
  if (
    run('npm', ['install', '--global', '--no-fund', '--no-audit', `pnpm@${pnpmVersion}`]) === 0 &&
    output('pnpm', ['--version']) === pnpmVersion
  ) {
    return ['pnpm'];
  }
  say('global install not possible here; using npx to run pnpm');
  return ['npx', '--yes', `pnpm@${pnpmVersion}`];
}

const chromiumCandidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
].filter(Boolean);

function findChromium() {
  for (const candidate of chromiumCandidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

// Playwright cannot download its own browsers here, so the tests use the system Chromium.
function ensureChromium() {
  if (findChromium()) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = output('sh', ['-c', 'command -v apt-get']);
  if (hasApt) {
    const [apt, ...aptArgs] = isRoot ? ['apt-get'] : ['sudo', 'apt-get'];
    say('installing Chromium from the system packages (apt-get)');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (run(apt, [...aptArgs, 'update', '-qq'], { env }) === 0) {
      run(apt, [...aptArgs, 'install', '-y', '-qq', 'chromium'], { env });
    }
  }
  if (!findChromium()) {
    console.error(
      'The browser tests need Chromium: install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to a Chrome or Chromium executable.',
    );
    process.exit(1);
  }
}

const pnpm = ensurePnpm();
const pnpmRun = (...args) => run(pnpm[0], [...pnpm.slice(1), ...args]);

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
if (pnpmRun('install', '--frozen-lockfile') !== 0) process.exit(1);
if (mode === 'test' || mode === 'ensure') ensureChromium();

if (mode === 'start') process.exit(run(pnpm[0], [...pnpm.slice(1), 'run', 'dev'], { env }));
if (mode === 'test') process.exit(run(pnpm[0], [...pnpm.slice(1), 'run', 'test:all'], { env }));
if (mode !== 'ensure') {
  console.error(`unknown mode '${mode}': use start, test or ensure`);
  process.exit(2);
}
