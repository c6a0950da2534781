// Browser test harness: the real emporium binary + headless Chromium (playwright-core).
//
//   import { test } from 'node:test';
//   import { startShop, openBrowser, DEMO } from './harness.mjs';
//   const shop = await startShop();            // binary on a free 127.0.0.1 port, throwaway data dir, --demo-data
//   const browser = await openBrowser();       // /usr/bin/chromium headless, fresh profile
//   await browser.run(t, async (page) => {...})// a fresh context+page; its last page is saved as a screenshot
//   await browser.close(); await shop.stop();
//
// Environment: EMPORIUM_BINARY (required: the built executable), SHOP_URL (instead: use
// a shop that already runs, for development), CHROMIUM (default
// /usr/bin/chromium), BROWSER_OUTPUT_DIR (screenshots; default ./browser-output),
// EMPORIUM_POSTGRES_BIN_DIR (default /usr/lib/postgresql/15/bin).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const DEMO = {
  customer: { email: 'customer@demo.emporium.test', password: 'demo-customer-pass' },
  seller: { email: 'seller@demo.emporium.test', password: 'demo-seller-pass' },
  admin: { email: 'admin@demo.emporium.test', password: 'demo-admin-pass' },
};

export const CARDS = { good: '4242 4242 4242 4242', declined: '4000 0000 0000 0002', noFunds: '4000 0000 0000 9995' };

const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;
const POSTGRES_BIN_DIR = process.env.EMPORIUM_POSTGRES_BIN_DIR || '/usr/lib/postgresql/15/bin';
const RUNNING_AS_ROOT = process.getuid?.() === 0;

export const outputDir = path.resolve(process.env.BROWSER_OUTPUT_DIR || 'browser-output');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function poll(what, fn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const result = await fn();
      if (result) return result;
    } catch (e) { last = e; }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms${last ? ` (last: ${last.message})` : ''}`);
}

function stopEmbeddedPostgres(dataDir) {
  const cluster = path.join(dataDir, 'postgres');
  if (!fs.existsSync(path.join(cluster, 'postmaster.pid'))) return;
  const argv = [path.join(POSTGRES_BIN_DIR, 'pg_ctl'), 'stop', '-m', 'immediate', '-w', '-D', cluster];
  const [cmd, ...args] = RUNNING_AS_ROOT ? ['runuser', '-u', 'postgres', '--', ...argv] : argv;
  spawnSync(cmd, args, { stdio: 'ignore', cwd: '/', timeout: 60_000 });
}

/** Starts `emporium serve --demo-data` on a free loopback port with a private data dir. */
export async function startShop({ args = [], env = {} } = {}) {
  if (process.env.SHOP_URL) {
    // Development: run against a shop that is already up (e.g. ./scripts/run with --demo-data).
    const baseUrl = process.env.SHOP_URL.replace(/\/$/, '');
    return { baseUrl, stop: async () => {}, logTail: () => '', api: (p, init) => apiCall(baseUrl, p, init) };
  }
  const binary = process.env.EMPORIUM_BINARY;
  if (!binary) throw new Error('set EMPORIUM_BINARY to the built emporium executable');
  // Short and under /tmp: the embedded server's socket path must fit in 107 bytes.
  const dataDir = fs.mkdtempSync('/tmp/emp-web-');
  if (RUNNING_AS_ROOT) fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  const logPath = path.join(dataDir, 'emporium.log');
  const log = fs.openSync(logPath, 'w');
  const childEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('EMPORIUM_')));
  const child = spawn(binary, ['serve', '--data-dir', dataDir, '--listen', `127.0.0.1:${port}`, '--demo-data', ...args], {
    cwd: dataDir, env: { ...childEnv, ...env }, stdio: ['ignore', log, log],
  });
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  const baseUrl = `http://127.0.0.1:${port}`;
  const logTail = () => { try { return fs.readFileSync(logPath, 'utf8').split('\n').slice(-40).join('\n'); } catch { return ''; } };

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      try { await poll('emporium exit', () => exited, STOP_TIMEOUT_MS); } catch { child.kill('SIGKILL'); }
    }
    fs.closeSync(log);
    stopEmbeddedPostgres(dataDir);
    if (!process.env.KEEP_DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await poll('emporium /readyz', async () => {
      if (exited) throw new Error(`emporium exited (${exited.code ?? exited.signal}) before it was ready\n${logTail()}`);
      const res = await fetch(baseUrl + '/readyz');
      return res.status === 200;
    }, START_TIMEOUT_MS);
    // --demo-data seeds in the background on some builds: wait until products are listed.
    await poll('demo products', async () => {
      const res = await fetch(baseUrl + '/api/v1/products?per_page=1');
      return res.ok && (await res.json()).total > 0;
    }, START_TIMEOUT_MS);
  } catch (e) {
    await stop();
    throw new Error(`${e.message}\n${logTail()}`);
  }
  return { baseUrl, port, dataDir, logPath, logTail, stop, api: (p, init) => apiCall(baseUrl, p, init) };
}

/** A JSON call to the shop's API from the test itself (setup, checks). */
export async function apiCall(baseUrl, p, { method = 'GET', body, token, headers = {} } = {}) {
  const res = await fetch(baseUrl + '/api/v1' + p, {
    method,
    headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = text; }
  return { status: res.status, body: json, headers: res.headers };
}

function safeName(name) {
  return String(name).replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
}

/** Headless Chromium with a fresh profile. */
export async function openBrowser() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emp-chromium-'));
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  const context0 = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    viewport: { width: 1280, height: 900 },
  });
  const browser = context0.browser();
  fs.mkdirSync(outputDir, { recursive: true });

  return {
    browser,
    outputDir,
    /**
     * Runs `fn(page, context)` in a fresh page. Console errors and uncaught page
     * errors fail the test. The last page is saved as <outputDir>/<test name>.png.
     * options.viewport: {width, height}; options.screenshot: extra path for a copy.
     */
    async run(t, fn, options = {}) {
      const context = browser ? await browser.newContext({ viewport: options.viewport || { width: 1280, height: 900 } }) : context0;
      const page = await context.newPage();
      page.setDefaultTimeout(options.timeout || 15_000);
      const pageErrors = [];
      page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) pageErrors.push(`console: ${m.text()}`); });
      const shot = path.join(outputDir, safeName(t?.name || 'page') + '.png');
      try {
        await fn(page, context);
        if (pageErrors.length) throw new Error('errors in the page:\n' + pageErrors.join('\n'));
      } finally {
        try {
          await page.screenshot({ path: shot, fullPage: options.fullPage ?? false });
          if (options.screenshot) fs.copyFileSync(shot, options.screenshot);
        } catch (e) { console.error(`screenshot failed: ${e.message}`); }
        if (context !== context0) await context.close();
      }
    },
    async close() {
      try {
        await context0.close();
      } finally {
        fs.rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
}

/** A unique e-mail address for a test user. */
export function uniqueEmail(prefix = 'shopper') {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

/**
 * One shop and one browser for a test file: started before its first test,
 * stopped after its last. Read `session.shop` and `session.browser` inside tests.
 */
export function shopSession(options) {
  const session = { shop: null, browser: null };
  before(async () => {
    session.shop = await startShop(options);
    session.browser = await openBrowser();
  });
  after(async () => {
    try {
      await session.browser?.close();
    } finally {
      await session.shop?.stop();
    }
  });
  return session;
}

/** A password the API accepts (10+ characters). */
export const TEST_PASSWORD = 'correct horse battery';
