// Prassi browser suite: accessibility (axe-core, WCAG 2.0/2.1 A and AA), HTML validity (the
// Nu HTML checker) and privacy (no request leaves the platform's origin) of every page type
// of the demo community, anonymous and signed in, in Italian and in English; plus
// keyboard-only journeys (skip link, sign in, ask, answer, vote, edit a wiki page).
//
// It builds nothing: it takes a `prassi` binary, fills a fresh data folder with `prassi demo`,
// opens the community (`prassi phase 3`, so anonymous visitors read the public areas), serves
// it on a free loopback port and drives Debian's Chromium through playwright-core. Every
// finding is printed and makes the exit status 1. See docs/testing.md.
//
//   node suite.mjs [--bin target/debug/prassi] [--chromium /usr/bin/chromium]
//                  [--report report.json] [--keep]

import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const started = Date.now();

// ---------------------------------------------------------------------------------- options

function parseArgs(argv) {
  const opts = {
    bin: process.env.PRASSI_BIN || path.join(REPO, 'target', 'debug', 'prassi'),
    chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    java: process.env.JAVA || 'java',
    report: process.env.BROWSER_REPORT || '',
    keep: process.env.BROWSER_KEEP === '1',
    selfTest: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--bin') opts.bin = next();
    else if (a === '--chromium') opts.chromium = next();
    else if (a === '--java') opts.java = next();
    else if (a === '--report') opts.report = next();
    else if (a === '--keep') opts.keep = true;
    else if (a === '--self-test') opts.selfTest = true;
    else if (a === '-h' || a === '--help') {
      console.log('usage: node suite.mjs [--bin PATH] [--chromium PATH] [--java PATH] [--report FILE] [--keep] [--self-test]');
      process.exit(0);
    } else if (!a.startsWith('-')) opts.bin = a;
    else throw new Error(`unknown option ${a}`);
  }
  opts.bin = path.resolve(opts.bin);
  return opts;
}

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Belt and braces for "nothing but 127.0.0.1": no proxy, and every host name other than
  // 127.0.0.1 fails to resolve inside the browser. Requests are also recorded and aborted by
  // the context's route handler, so a third-party request is a finding, never traffic.
  '--no-proxy-server',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// --------------------------------------------------------------------------------- findings

const findings = {
  axe: [], // {context, url, rule, impact, help, helpUrl, target, html, summary}
  nu: [], // {context, url, line, column, message, extract}
  thirdParty: [], // {context, page, request}
  http: [], // {context, url, status, what}
  console: [], // {context, url, text}
  lang: [], // {context, url, expected, actual}
  coverage: [], // {context, page, reason}
  journeys: [], // {journey, error}
};
const visited = []; // {context, name, url, status, file}
const journeyResults = []; // {journey, ok, detail}

const log = (...a) => console.log(...a);
const secs = () => ((Date.now() - started) / 1000).toFixed(1);

// ------------------------------------------------------------------------------ the server

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function prassiEnv(dataDir, port) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('PRASSI_')) delete env[k];
  return {
    ...env,
    PRASSI_DATA_DIR: dataDir,
    PRASSI_DATABASE_URL: `sqlite://${path.join(dataDir, 'prassi.db')}`,
    PRASSI_BIND: `127.0.0.1:${port}`,
    PRASSI_BASE_URL: `http://127.0.0.1:${port}`,
    PRASSI_MAIL: `file:${path.join(dataDir, 'mail')}`,
    PRASSI_SEARCH: 'embedded',
    PRASSI_LOG: process.env.BROWSER_PRASSI_LOG || 'warn',
  };
}

function runPrassi(bin, args, env) {
  const r = spawnSync(bin, args, { env, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw new Error(`${bin} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) {
    throw new Error(`${bin} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

/** Parses the logins `prassi demo` prints: the shared password and username → role. */
function parseDemoLogins(out) {
  const pw = out.match(/password for all:\s*(\S+?)\)?:?\s*$/m);
  if (!pw) throw new Error(`could not find the demo password in:\n${out}`);
  const accounts = [];
  for (const line of out.split('\n')) {
    const m = line.match(/^\s+(\S+)\s+(admin|moderator|expert|member|pending)\s*$/);
    if (m) accounts.push({ username: m[1], role: m[2] });
  }
  const first = (role) => accounts.find((a) => a.role === role)?.username;
  const logins = {
    password: pw[1].replace(/\):?$/, ''),
    accounts,
    admin: first('admin'),
    moderator: first('moderator'),
    member: first('member'),
    expert: first('expert'),
    pending: first('pending'),
  };
  for (const k of ['admin', 'member', 'expert']) {
    if (!logins[k]) throw new Error(`the demo printed no ${k} login:\n${out}`);
  }
  return logins;
}

async function waitForHealth(base, server, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`prassi serve exited with ${server.exitCode}`);
    try {
      const r = await fetch(`${base}/healthz`);
      const body = await r.text();
      if (r.ok) return body;
      last = `${r.status} ${body}`;
    } catch (e) {
      last = e.cause?.code || e.message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`/healthz did not answer within ${timeoutMs / 1000}s (${last})`);
}

// -------------------------------------------------------------------------- browser helpers

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * A browser context that records every request (and aborts any that leaves the platform),
 * console errors and failed sub-resources, all attributed to `label`.
 */
async function newContext(browser, base, label, state) {
  const origin = new URL(base).origin;
  const context = await browser.newContext({
    locale: 'it-IT',
    viewport: { width: 1280, height: 900 },
    serviceWorkers: 'block',
  });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  const current = () => state.url || '(no page yet)';
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url, origin)) return route.continue();
    return route.abort('blockedbyclient');
  });
  context.on('request', (req) => {
    const url = req.url();
    if (!isLocal(url, origin)) {
      findings.thirdParty.push({ context: label, page: current(), request: `${req.method()} ${url}` });
    }
  });
  context.on('response', (resp) => {
    const req = resp.request();
    if (req.isNavigationRequest()) return; // judged where the page is visited
    if (resp.status() >= 400 && isLocal(resp.url(), origin)) {
      findings.http.push({ context: label, url: current(), status: resp.status(), what: `sub-resource ${resp.url()}` });
    }
  });
  context.on('requestfailed', (req) => {
    if (!isLocal(req.url(), origin)) return; // already a third-party finding
    const failure = req.failure()?.errorText || 'failed';
    if (failure === 'net::ERR_ABORTED' && req.isNavigationRequest()) return; // superseded navigation
    findings.http.push({ context: label, url: current(), status: 0, what: `${req.url()} ${failure}` });
  });
  context.on('page', (page) => {
    page.on('dialog', (d) => d.accept().catch(() => {}));
    page.on('pageerror', (err) => {
      findings.console.push({ context: label, url: current(), text: `uncaught: ${err.message}` });
    });
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      // A 404/401 page's own status is logged as "Failed to load resource": the status of the
      // document is judged by the page list; failing sub-resources are caught above.
      if (text.startsWith('Failed to load resource')) return;
      findings.console.push({ context: label, url: current(), text });
    });
  });
  return context;
}

function isLocal(url, origin) {
  if (/^(data|blob|about):/.test(url)) return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

const axeIncomplete = []; // {context, url, rule, help, count}: "needs review", not findings

/** Records axe's violations as findings, one per element. */
function recordAxe(result, label, url) {
  noteAxeRun(result, label, url);
  for (const v of result.violations) {
    for (const node of v.nodes) {
      findings.axe.push({
        context: label,
        url,
        rule: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        target: node.target.join(' '),
        html: node.html,
        summary: node.failureSummary,
      });
    }
  }
}

/** Keeps axe's "needs review" results for the summary, and checks that axe really ran. */
function noteAxeRun(result, label, url) {
  const ran = result.passes.length + result.violations.length + result.incomplete.length + result.inapplicable.length;
  if (ran < 10) findings.coverage.push({ context: label, page: url, reason: `axe ran only ${ran} rules` });
  for (const r of result.incomplete) {
    axeIncomplete.push({
      context: label,
      url,
      rule: r.id,
      help: r.help,
      count: r.nodes.length,
      nodes: r.nodes.map((n) => ({ target: n.target.join(' '), why: [...n.any, ...n.all, ...n.none].map((c) => c.message).filter(Boolean).join(' ') })),
    });
  }
}

async function runAxe(page) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) {
    // page.evaluate runs through the DevTools protocol, which the page's CSP
    // (script-src 'self') does not govern; no inline <script> is injected.
    await page.evaluate(AXE_SOURCE);
  }
  return page.evaluate(
    (tags) =>
      window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations', 'incomplete'],
      }),
    AXE_TAGS,
  );
}

/** Same-origin links of the page, `main` first, as path+query, without fragments. */
async function linksOf(page, origin) {
  const hrefs = await page.evaluate(() => {
    const main = Array.from(document.querySelectorAll('main a[href]'));
    const rest = Array.from(document.querySelectorAll('a[href]')).filter((a) => !main.includes(a));
    return [...main, ...rest].map((a) => a.href);
  });
  const out = [];
  for (const h of hrefs) {
    try {
      const u = new URL(h);
      if (u.origin !== origin) continue;
      const p = u.pathname + u.search;
      if (!out.includes(p)) out.push(p);
    } catch {
      /* not a URL */
    }
  }
  return out;
}

// ------------------------------------------------------------------------------ page types
//
// Each entry names one page type. `path` is a fixed route; `from` + `pick` follows the first
// link of an already visited page whose path+query matches `pick` (so ids are never hard-coded);
// `fallback(found)` builds the URL from what was found when no link leads there (e.g. a page
// that only links to its history once edited). `all: true` visits every matching link (tabs).
// `optional` page types may be missing without a finding. `member: true` only when signed in.
// `expect` lists the statuses the page must answer with.

const idFrom = (p) => (p || '').split('/')[3];
const PAGE_TYPES = [
  { name: 'home', path: '/' },
  { name: 'qa list', path: '/qa' },
  { name: 'qa tab', from: 'qa list', pick: /^\/qa\?tab=/, all: true },
  { name: 'question', from: 'qa list', pick: /^\/qa\/questions\/[^/?]+\/[^/?]+$/ },
  {
    name: 'question history',
    from: 'question',
    pick: /^\/qa\/cronologia\/domanda\//,
    fallback: (f) => f.question && `/qa/cronologia/domanda/${idFrom(f.question)}`,
  },
  { name: 'answer history', from: 'question', pick: /^\/qa\/cronologia\/risposta\//, optional: true },
  { name: 'ask form', from: 'qa list', pick: /^\/qa\/domande\/nuova$/, fallback: () => '/qa/domande/nuova' },
  { name: 'tag list', from: 'qa list', pick: /^\/qa\/tags$/, fallback: () => '/qa/tags' },
  { name: 'tag page', from: 'tag list', pick: /^\/qa\/tags\/[^/?]+$/ },
  { name: 'reputation help', from: 'qa list', pick: /^\/qa\/reputazione$/, optional: true },
  { name: 'forum index', path: '/forum' },
  { name: 'forum category', from: 'forum index', pick: /^\/forum\/c\/[^/?]+$/ },
  { name: 'discussion', from: 'forum category', pick: /^\/forum\/d\/[^/?]+\/[^/?]+$/ },
  {
    name: 'new discussion form',
    from: 'forum category',
    pick: /^\/forum\/c\/[^/?]+\/nuova$/,
    fallback: (f) => f['forum category'] && `${f['forum category']}/nuova`,
  },
  { name: 'forum post history', from: 'discussion', pick: /^\/forum\/p\/[^/?]+\/cronologia$/, optional: true },
  { name: 'forum post edit', from: 'discussion', pick: /^\/forum\/p\/[^/?]+\/modifica$/, optional: true },
  { name: 'forum mentions', path: '/forum/menzioni', member: true },
  { name: 'forum categories admin', path: '/forum/categorie', member: true },
  { name: 'wiki index', path: '/wiki' },
  { name: 'wiki page', from: 'wiki index', pick: /^\/wiki\/p\/[^/?]+$/ },
  { name: 'wiki history', from: 'wiki page', pick: /^\/wiki\/p\/[^/?]+\/cronologia$/ },
  { name: 'wiki diff', from: 'wiki history', pick: /^\/wiki\/p\/[^/?]+\/differenze\?/ },
  { name: 'wiki revision', from: 'wiki history', pick: /^\/wiki\/p\/[^/?]+\/revisione\/\d+$/ },
  {
    name: 'wiki edit form',
    from: 'wiki page',
    pick: /^\/wiki\/p\/[^/?]+\/modifica$/,
    fallback: (f) => f['wiki page'] && `${f['wiki page']}/modifica`,
  },
  { name: 'wiki talk', from: 'wiki page', pick: /^\/wiki\/p\/[^/?]+\/discussione$/ },
  { name: 'wiki category', from: 'wiki index', pick: /^\/wiki\/categoria\/[^/?]+$/, optional: true },
  { name: 'wiki recent changes', from: 'wiki index', pick: /^\/wiki\/modifiche$/, fallback: () => '/wiki/modifiche' },
  { name: 'wiki new page form', path: '/wiki/nuova' },
  { name: 'wiki watchlist', path: '/wiki/osservati', member: true },
  { name: 'groups index', path: '/gruppi' },
  { name: 'group page', from: 'groups index', pick: /^\/gruppi\/(?!nuovo$|inviti$|pubblicazioni$)[^/?]+$/, optional: true },
  { name: 'group members', from: 'group page', pick: /^\/gruppi\/[^/?]+\/membri$/, optional: true },
  { name: 'group activity', from: 'group page', pick: /^\/gruppi\/[^/?]+\/attivita$/, optional: true },
  { name: 'group documents', from: 'group page', pick: /^\/gruppi\/[^/?]+\/documenti$/, optional: true },
  { name: 'group document upload form', from: 'group documents', pick: /^\/gruppi\/[^/?]+\/documenti\/nuovo$/, optional: true },
  { name: 'group document', from: 'group documents', pick: /^\/gruppi\/[^/?]+\/documenti\/[0-9a-f-]{36}$/, optional: true },
  { name: 'group publications', from: 'group page', pick: /^\/gruppi\/[^/?]+\/pubblicazioni$/, optional: true },
  { name: 'group requests', from: 'group page', pick: /^\/gruppi\/[^/?]+\/richieste$/, optional: true },
  { name: 'group log', from: 'group page', pick: /^\/gruppi\/[^/?]+\/registro$/, optional: true },
  { name: 'group settings', from: 'group page', pick: /^\/gruppi\/[^/?]+\/impostazioni$/, optional: true },
  { name: 'group new question form', from: 'group page', pick: /^\/gruppi\/[^/?]+\/domande\/nuova$/, optional: true },
  { name: 'group new page form', from: 'group page', pick: /^\/gruppi\/[^/?]+\/wiki\/nuova$/, optional: true },
  { name: 'group new discussion form', from: 'group page', pick: /^\/gruppi\/[^/?]+\/discussioni\/nuova$/, optional: true },
  { name: 'new group form', path: '/gruppi/nuovo', member: true },
  { name: 'group invitations', path: '/gruppi/inviti', member: true },
  { name: 'publication queue', path: '/gruppi/pubblicazioni', member: true },
  { name: 'agenda', path: '/agenda' },
  { name: 'agenda past', path: '/agenda?quando=passati' },
  { name: 'agenda month', path: '/agenda/mese' },
  { name: 'agenda week', path: '/agenda/settimana' },
  { name: 'event', from: 'agenda', pick: /^\/agenda\/[0-9a-f-]{36}$/, optional: true },
  { name: 'event questions', from: 'event', pick: /^\/agenda\/[0-9a-f-]{36}\/domande$/, optional: true },
  { name: 'event tables', from: 'event', pick: /^\/agenda\/[0-9a-f-]{36}\/tavoli$/, optional: true },
  { name: 'event feedback', from: 'event', pick: /^\/agenda\/[0-9a-f-]{36}\/feedback$/, optional: true },
  { name: 'event report', from: 'event', pick: /^\/agenda\/[0-9a-f-]{36}\/resoconto$/, optional: true },
  { name: 'event edit form', from: 'event', pick: /^\/agenda\/[0-9a-f-]{36}\/modifica$/, optional: true, member: true },
  { name: 'event participants', from: 'event', pick: /^\/agenda\/[0-9a-f-]{36}\/partecipanti$/, optional: true, member: true },
  { name: 'new event form', path: '/agenda/nuovo', member: true },
  { name: 'personal calendar', path: '/agenda/calendario', member: true },
  { name: 'polls', path: '/sondaggi' },
  { name: 'polls closed', path: '/sondaggi?stato=chiusi' },
  { name: 'poll', from: 'polls', pick: /^\/sondaggi\/[0-9a-f-]{36}$/, optional: true },
  { name: 'closed poll', from: 'polls closed', pick: /^\/sondaggi\/[0-9a-f-]{36}$/, optional: true },
  { name: 'new poll form', from: 'polls', pick: /^\/sondaggi\/nuovo$/, optional: true, member: true },
  { name: 'questionnaires', path: '/questionari' },
  { name: 'questionnaires closed', path: '/questionari?stato=chiusi' },
  { name: 'questionnaire', from: 'questionnaires closed', pick: /^\/questionari\/[0-9a-f-]{36}$/, optional: true },
  { name: 'questionnaire results', from: 'questionnaire', pick: /^\/questionari\/[0-9a-f-]{36}\/risultati$/, optional: true },
  { name: 'questionnaire text answers', from: 'questionnaire results', pick: /^\/questionari\/[0-9a-f-]{36}\/risultati\/[0-9a-f-]{36}$/, optional: true },
  { name: 'new questionnaire form', from: 'questionnaires', pick: /^\/questionari\/nuovo$/, optional: true, member: true },
  { name: 'search results', path: '/cerca?q=comunit%C3%A0' },
  { name: 'search no results', path: '/cerca?q=zzzqqqxxx' },
  { name: 'member directory', path: '/membri' },
  { name: 'member profile', from: 'member directory', pick: /^\/membri\/[^/?]+$/ },
  { name: 'login', path: '/accedi' },
  { name: 'register', path: '/registrati' },
  { name: 'forgot password', path: '/password/dimenticata' },
  { name: 'privacy', path: '/privacy' },
  { name: 'legal notes', path: '/note-legali' },
  { name: 'accessibility statement', path: '/accessibilita' },
  {
    name: 'accessibility feedback form',
    from: 'accessibility statement',
    pick: /^\/accessibilita\/segnalazione/,
    fallback: () => '/accessibilita/segnalazione',
  },
  { name: 'not found (404)', path: '/pagina-che-non-esiste', expect: [404] },
  { name: 'moderation', path: '/moderazione' },
  { name: 'admin', path: '/admin' },
  { name: 'accessibility reports (admin)', path: '/admin/segnalazioni', member: true },
  { name: 'profile edit', path: '/profilo' },
  { name: 'security', path: '/account/sicurezza' },
];

/** Visits every page type in one context; returns nothing, records findings. */
async function crawl(context, base, label, lang, signedIn, state, htmlDir, { only = null, flows = true, mailDir = '' } = {}) {
  const origin = new URL(base).origin;
  const page = await context.newPage();
  const found = {}; // page type → path it was reached at
  const links = {}; // page type → links of that page
  const seen = new Set(); // final URLs already checked in this context

  const visit = async (name, p, how, expect) => {
    state.url = base + p;
    let resp;
    try {
      resp = await page.goto(base + p, { waitUntil: 'load' });
    } catch (e) {
      findings.coverage.push({ context: label, page: `${name} ${p}`, reason: `navigation failed: ${e.message.split('\n')[0]}` });
      return false;
    }
    const finalUrl = page.url();
    const finalPath = new URL(finalUrl).pathname + new URL(finalUrl).search;
    state.url = finalUrl;
    found[name] = finalPath;
    links[name] = await linksOf(page, origin);
    const status = resp ? resp.status() : 0;
    if (status >= 500 || status === 0) {
      findings.http.push({ context: label, url: finalUrl, status, what: `page "${name}"` });
    } else if (expect && !expect.includes(status)) {
      findings.http.push({ context: label, url: finalUrl, status, what: `page "${name}" should answer ${expect.join(' or ')}` });
    }
    const key = finalPath;
    if (seen.has(key)) {
      visited.push({ context: label, name, url: finalUrl, status, duplicate: true });
      return true;
    }
    seen.add(key);
    const html = resp ? await resp.text() : '';
    const file = path.join(htmlDir, `${String(visited.length).padStart(4, '0')}.html`);
    fs.writeFileSync(file, html);
    visited.push({ context: label, name, url: finalUrl, status, file, requested: p, how });

    const actualLang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
    if (actualLang !== lang) {
      findings.lang.push({ context: label, url: finalUrl, expected: lang, actual: actualLang });
    }
    try {
      recordAxe(await runAxe(page), label, finalUrl);
    } catch (e) {
      findings.coverage.push({ context: label, page: `${name} ${finalUrl}`, reason: `axe failed: ${e.message}` });
    }
    return true;
  };

  // The language first: /lingua sets the `lang` cookie and returns to `next`.
  state.url = `${base}/lingua?lang=${lang}&next=/`;
  await page.goto(`${base}/lingua?lang=${lang}&next=%2F`);
  const cookies = await context.cookies(base);
  if (!cookies.some((c) => c.name === 'lang' && c.value === lang)) {
    findings.lang.push({ context: label, url: `${base}/lingua?lang=${lang}&next=/`, expected: `lang cookie "${lang}"`, actual: JSON.stringify(cookies.map((c) => c.name)) });
  }

  for (const pt of PAGE_TYPES) {
    if (pt.member && !signedIn) continue;
    if (only && !only.includes(pt.name)) continue;
    let targets = [];
    let how = 'route';
    if (pt.path) targets = [pt.path];
    else {
      const from = links[pt.from];
      const matches = (from || []).filter((l) => pt.pick.test(l));
      how = `link on ${pt.from}`;
      if (matches.length) targets = pt.all ? matches : [matches[0]];
      else if (pt.fallback) {
        const fb = pt.fallback(found);
        how = `built from ${pt.from} (no link on it)`;
        if (fb) targets = [fb];
      }
    }
    if (!targets.length) {
      if (!pt.optional) {
        findings.coverage.push({
          context: label,
          page: pt.name,
          reason: found[pt.from] ? `no link matching ${pt.pick} on ${found[pt.from]}` : `"${pt.from}" was not reached`,
        });
      }
      continue;
    }
    for (const t of targets) await visit(pt.all ? `${pt.name} ${t}` : pt.name, t, how, pt.expect);
  }

  // Form pages answering with errors: the error summary and the marked fields.
  if (!flows) {
    /* a partial crawl */
  } else if (signedIn) {
    await formWithErrors(page, label, base, lang, '/qa/domande/nuova', 'ask form with errors', state);
  } else {
    await formWithErrors(page, label, base, lang, '/accedi', 'login with errors', state, async () => {
      await page.fill('#field-login', 'nessuno');
      await page.fill('#field-password', 'not the password');
    });
    await formWithErrors(page, label, base, lang, '/registrati', 'register with errors', state);
    await accountMailFlows(page, label, base, lang, state, mailDir);
  }
  await page.close();
}

/** Submits a form (empty, or as `fill` leaves it) and checks the page that answers. */
async function formWithErrors(page, label, base, lang, formPath, name, state, fill) {
  try {
    state.url = base + formPath;
    await page.goto(base + formPath);
    if (fill) await fill();
    const resp = await submitMainForm(page);
    await checkCurrent(page, resp, label, name, lang, state);
  } catch (e) {
    findings.coverage.push({ context: label, page: name, reason: e.message.split('\n')[0] });
  }
}

// ------------------------------------------------------------------ pages reached by email
//
// The confirmation, "check your email" and password-reset pages are reached the way a person
// reaches them: register through the form, open the link the platform mailed (PRASSI_MAIL is a
// folder of .eml files; the worker sends within seconds), then ask for a password reset.

function decodeMail(raw) {
  const sep = raw.search(/\r?\n\r?\n/);
  const head = sep >= 0 ? raw.slice(0, sep) : raw;
  let body = sep >= 0 ? raw.slice(sep).trimStart() : '';
  // multipart/alternative (plain text and HTML): every part decoded on its own, plain text
  // first, so links are found whatever each part's transfer encoding.
  const boundary = (head.match(/^content-type:\s*multipart\/[^;]+;[\s\S]*?boundary="?([^";\r\n]+)"?/im) || [])[1];
  if (boundary) {
    const parts = body.split(`--${boundary}`).slice(1).filter((p) => !p.startsWith('--'));
    return { head, body: parts.map((p) => decodeMail(p.replace(/^\r?\n/, '')).body).join('\n') };
  }
  const cte = (head.match(/^content-transfer-encoding:\s*(\S+)/im) || [])[1]?.toLowerCase();
  if (cte === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (cte === 'quoted-printable') {
    const bytes = Buffer.from(body.replace(/=\r?\n/g, ''), 'latin1').toString('latin1');
    body = Buffer.from(bytes.replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  }
  return { head, body };
}

async function waitForMailLink(mailDir, to, pathPrefix, after, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  const re = new RegExp(`https?://[^\\s"<>]*${pathPrefix.replace(/\//g, '\\/')}[^\\s"<>]+`);
  while (Date.now() < deadline) {
    const files = fs.existsSync(mailDir) ? fs.readdirSync(mailDir).filter((f) => f.endsWith('.eml')) : [];
    for (const f of files) {
      const full = path.join(mailDir, f);
      if (fs.statSync(full).mtimeMs < after - 1000) continue;
      const { head, body } = decodeMail(fs.readFileSync(full, 'utf8'));
      if (!head.toLowerCase().includes(to.toLowerCase())) continue;
      const m = body.match(re);
      if (m) return m[0];
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no email to ${to} with a ${pathPrefix} link arrived within ${timeoutMs / 1000}s`);
}

/** Checks the page now shown (after a form or a link) like any visited page. */
async function checkCurrent(page, resp, label, name, lang, state) {
  const status = resp ? resp.status() : 0;
  state.url = page.url();
  if (status >= 500 || status === 0) findings.http.push({ context: label, url: page.url(), status, what: `page "${name}"` });
  const html = resp ? await resp.text() : '';
  const file = path.join(state.htmlDir, `${String(visited.length).padStart(4, '0')}.html`);
  fs.writeFileSync(file, html);
  visited.push({ context: label, name, url: `${page.url()} (${name})`, status, file });
  const actualLang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
  if (actualLang !== lang) findings.lang.push({ context: label, url: page.url(), expected: lang, actual: actualLang });
  recordAxe(await runAxe(page), label, `${page.url()} (${name})`);
}

async function submitMainForm(page) {
  const form = page.locator('main form[method="post"]').first();
  const [resp] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), form.evaluate((f) => f.requestSubmit())]);
  return resp;
}

async function accountMailFlows(page, label, base, lang, state, mailDir) {
  if (!mailDir) return;
  const stamp = `${lang}${Date.now().toString(36)}`;
  const email = `browser-${stamp}@example.org`;
  const password = 'a long browser suite password';
  let step = 'registration';
  try {
    state.url = `${base}/registrati`;
    await page.goto(`${base}/registrati`);
    await page.fill('#field-username', `browser${stamp}`);
    await page.fill('#field-display_name', `Browser ${stamp}`);
    await page.fill('#field-email', email);
    await page.fill('#field-password', password);
    await page.fill('#field-organisation', 'Comune di Prova');
    const kinds = await page.locator('#field-organisation_kind option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    if (kinds.length) await page.selectOption('#field-organisation_kind', kinds[0]);
    const t0 = Date.now();
    const resp = await submitMainForm(page);
    await checkCurrent(page, resp, label, 'registration sent (check your email)', lang, state);
    step = 'confirmation link';
    const verify = await waitForMailLink(mailDir, email, '/verifica/', t0);
    const local = new URL(verify);
    state.url = base + local.pathname;
    const vresp = await page.goto(base + local.pathname + local.search);
    await checkCurrent(page, vresp, label, 'address confirmed', lang, state);

    step = 'password reset request';
    await page.goto(`${base}/password/dimenticata`);
    await page.fill('#field-email', email);
    const t1 = Date.now();
    const fresp = await submitMainForm(page);
    await checkCurrent(page, fresp, label, 'password reset requested', lang, state);
    step = 'password reset link';
    const reset = await waitForMailLink(mailDir, email, '/password/reimposta/', t1);
    const rl = new URL(reset);
    const rresp = await page.goto(base + rl.pathname + rl.search);
    await checkCurrent(page, rresp, label, 'password reset form', lang, state);
    step = 'password reset with errors';
    await page.fill('#field-password', 'short');
    const eresp = await submitMainForm(page);
    await checkCurrent(page, eresp, label, 'password reset with errors', lang, state);
  } catch (e) {
    findings.coverage.push({ context: label, page: `account emails (${step})`, reason: e.message.split('\n')[0] });
  }
}

async function signInWithForm(page, base, username, password) {
  await page.goto(`${base}/accedi`);
  await page.fill('#field-login', username);
  await page.fill('#field-password', password);
  await Promise.all([page.waitForNavigation(), page.locator('main form[action="/accedi"] button[type="submit"]').press('Enter')]);
  const signedIn = await page.locator('.header-slim-user').count();
  if (!signedIn) throw new Error(`could not sign in as ${username} (still at ${page.url()})`);
}

// ------------------------------------------------------------------------ keyboard journeys
//
// Only page.keyboard drives these pages: Tab to reach an element, Enter/Space to activate it,
// typing to fill fields. page.goto opens the starting page; reading document.activeElement
// and the resulting page is observation, not interaction.

async function focusedMatches(page, selector, text) {
  return page.evaluate(
    ({ selector, text }) => {
      const el = document.activeElement;
      if (!el || el === document.body || !el.matches(selector)) return false;
      return !text || (el.textContent || '').includes(text);
    },
    { selector, text },
  );
}

async function describeFocus(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return 'nothing';
    const id = el.id ? `#${el.id}` : '';
    const href = el.getAttribute('href') ? ` href=${el.getAttribute('href')}` : '';
    return `<${el.tagName.toLowerCase()}${id}${href}> "${(el.textContent || '').trim().slice(0, 40)}"`;
  });
}

/** Presses Tab until the focused element matches; fails after `max` presses. */
async function tabTo(page, selector, { text, max = 120, what } = {}) {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await focusedMatches(page, selector, text)) return i;
  }
  throw new Error(`could not reach ${what || selector}${text ? ` "${text}"` : ''} with ${max} Tab presses on ${page.url()} (focus ends on ${await describeFocus(page)})`);
}

async function pressAndWait(page, key) {
  const [resp] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press(key)]);
  return resp;
}

async function expectFocus(page, selector, what) {
  if (!(await focusedMatches(page, selector))) {
    throw new Error(`expected focus on ${what || selector}, found ${await describeFocus(page)} on ${page.url()}`);
  }
}

async function keyboardSignIn(page, base, username, password) {
  await page.goto(`${base}/`);
  await tabTo(page, 'a[href="/accedi"]', { what: 'the sign-in link' });
  await pressAndWait(page, 'Enter');
  await tabTo(page, 'input[name="login"]', { what: 'the login field' });
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await expectFocus(page, 'input[name="password"]', 'the password field');
  await page.keyboard.type(password);
  await pressAndWait(page, 'Enter'); // implicit submission from the password field
  const who = await page.locator('.header-slim-user').count();
  if (!who || new URL(page.url()).pathname === '/accedi') {
    throw new Error(`sign-in as ${username} did not succeed (at ${page.url()})`);
  }
}

async function journeys(browser, base, logins, state) {
  const stamp = Date.now().toString(36);
  const title = `Come si misura l'impatto di un tavolo di co-progettazione? (prova da tastiera ${stamp})`;
  const body = `Vorrei confrontare indicatori di esito per i tavoli con il Terzo Settore. Testo scritto da tastiera ${stamp}.`;
  const answerText = `Partite da pochi indicatori condivisi con i partner, misurati prima e dopo. Risposta da tastiera ${stamp}.`;
  const wikiText = `Paragrafo aggiunto da tastiera ${stamp}.`;
  let questionPath = null;

  const run = async (name, fn) => {
    const t0 = Date.now();
    try {
      const detail = await fn();
      journeyResults.push({ journey: name, ok: true, detail: detail || '', ms: Date.now() - t0 });
      log(`  ok    ${name}${detail ? ` — ${detail}` : ''}`);
      return true;
    } catch (e) {
      journeyResults.push({ journey: name, ok: false, detail: e.message, ms: Date.now() - t0 });
      findings.journeys.push({ journey: name, error: e.message });
      log(`  FAIL  ${name} — ${e.message}`);
      return false;
    }
  };

  // --- an anonymous visitor: the skip link
  const anon = await newContext(browser, base, 'keyboard, anonymous', state);
  const ap = await anon.newPage();
  await run('skip link is the first focusable element and moves focus to the main content', async () => {
    const checked = [];
    for (const p of ['/', '/qa', '/wiki']) {
      state.url = base + p;
      await ap.goto(base + p);
      await ap.keyboard.press('Tab');
      await expectFocus(ap, 'a[href="#contenuto"]', `the skip link (first Tab on ${p})`);
      const box = await ap.evaluate(() => {
        const r = document.activeElement.getBoundingClientRect();
        return { w: r.width, h: r.height, top: r.top, left: r.left };
      });
      if (box.w < 2 || box.h < 2 || box.top < 0 || box.left < 0 || box.top > 900) {
        throw new Error(`the focused skip link is not visible on ${p} (${JSON.stringify(box)})`);
      }
      await ap.keyboard.press('Enter');
      await ap.waitForFunction(() => location.hash === '#contenuto');
      await expectFocus(ap, 'main#contenuto', `the main content after the skip link on ${p}`);
      await ap.keyboard.press('Tab');
      const inside = await ap.evaluate(() => !!document.activeElement?.closest('main'));
      if (!inside) throw new Error(`Tab after the skip link leaves the main content on ${p} (focus on ${await describeFocus(ap)})`);
      checked.push(p);
    }
    return `checked on ${checked.join(', ')}`;
  });
  await anon.close();

  // --- a member asks a question and edits a wiki page
  const asker = await newContext(browser, base, `keyboard, ${logins.member}`, state);
  const mp = await asker.newPage();
  const signedIn = await run(`sign in (${logins.member}) with the keyboard`, async () => {
    await keyboardSignIn(mp, base, logins.member, logins.password);
    state.url = mp.url();
    return `signed in, now at ${new URL(mp.url()).pathname}`;
  });
  if (signedIn) {
    await run('ask a question with the keyboard', async () => {
      await mp.goto(`${base}/`);
      await tabTo(mp, 'a[href="/qa"]', { what: 'the Q&A link' });
      await pressAndWait(mp, 'Enter');
      await tabTo(mp, 'a[href="/qa/domande/nuova"]', { what: 'the "ask a question" link' });
      await pressAndWait(mp, 'Enter');
      await tabTo(mp, 'input[name="title"]', { what: 'the title field' });
      await mp.keyboard.type(title);
      await mp.keyboard.press('Tab');
      await expectFocus(mp, 'textarea[name="body_md"]', 'the question body');
      await mp.keyboard.type(body);
      await mp.keyboard.press('Tab');
      await expectFocus(mp, 'input[name="tags"]', 'the tags field');
      await mp.keyboard.type('inclusione');
      await mp.keyboard.press('Tab');
      await expectFocus(mp, 'select[name="audience"]', 'the audience choice');
      await tabTo(mp, 'main form button[type="submit"]', { what: 'the ask button' });
      await pressAndWait(mp, 'Enter');
      state.url = mp.url();
      const h1 = (await mp.locator('main h1').first().textContent())?.trim();
      if (h1 !== title) throw new Error(`after asking, the page heading is "${h1}" (at ${mp.url()})`);
      const text = await mp.locator('#domanda').innerText();
      if (!text.includes(stamp)) throw new Error('the new question page does not show the body');
      questionPath = new URL(mp.url()).pathname;
      return `question at ${questionPath}`;
    });

    await run('edit a wiki page with the keyboard', async () => {
      await mp.goto(`${base}/`);
      await tabTo(mp, 'a[href="/wiki"]', { what: 'the wiki link' });
      await pressAndWait(mp, 'Enter');
      await tabTo(mp, 'main a[href^="/wiki/p/"]', { what: 'a wiki page link' });
      await pressAndWait(mp, 'Enter');
      const pagePath = new URL(mp.url()).pathname;
      await tabTo(mp, 'nav.wiki-tabs a[href$="/modifica"]', { what: 'the "edit" tab' });
      await pressAndWait(mp, 'Enter');
      await tabTo(mp, 'textarea[name="body_md"]', { what: 'the page text' });
      await mp.keyboard.press('Control+End');
      await mp.keyboard.press('Enter');
      await mp.keyboard.press('Enter');
      await mp.keyboard.type(wikiText);
      await tabTo(mp, 'input[name="summary"]', { what: 'the edit summary' });
      await mp.keyboard.type('Aggiunta da tastiera');
      await tabTo(mp, 'main form button[type="submit"]', { what: 'the save button' });
      await pressAndWait(mp, 'Enter');
      state.url = mp.url();
      const now = new URL(mp.url()).pathname;
      if (now !== pagePath) throw new Error(`after saving, the browser is at ${now}, not ${pagePath}`);
      const text = await mp.locator('main').innerText();
      if (!text.includes(wikiText)) throw new Error(`the saved page ${pagePath} does not show the new paragraph`);
      return `edited ${pagePath}`;
    });
  }
  await asker.close();

  // --- an expert answers it and votes on it
  const expert = await newContext(browser, base, `keyboard, ${logins.expert}`, state);
  const ep = await expert.newPage();
  const expertIn = await run(`sign in (${logins.expert}) with the keyboard`, async () => {
    await keyboardSignIn(ep, base, logins.expert, logins.password);
    return `signed in, now at ${new URL(ep.url()).pathname}`;
  });
  if (expertIn && questionPath) {
    const openQuestion = async () => {
      await ep.goto(`${base}/`);
      await tabTo(ep, 'a[href="/qa"]', { what: 'the Q&A link' });
      await pressAndWait(ep, 'Enter');
      await tabTo(ep, `main a[href^="${questionPath.split('/').slice(0, 4).join('/')}"]`, { what: 'the new question in the list' });
      await pressAndWait(ep, 'Enter');
      state.url = ep.url();
    };
    await run("answer the member's question with the keyboard", async () => {
      await openQuestion();
      await tabTo(ep, '#rispondi textarea[name="body_md"]', { what: 'the answer field' });
      await ep.keyboard.type(answerText);
      await tabTo(ep, '#rispondi button[type="submit"]', { what: 'the answer button' });
      await pressAndWait(ep, 'Enter');
      state.url = ep.url();
      const answers = await ep.locator('#risposte').innerText();
      if (!answers.includes(answerText)) throw new Error(`the question page (${ep.url()}) does not show the answer`);
      return 'answer shown';
    });
    await run("vote up the member's question with the keyboard", async () => {
      await openQuestion();
      const score = async () => Number((await ep.locator('#domanda .qa-score').first().innerText()).replace(/[^-\d]/g, ''));
      const before = await score();
      await tabTo(ep, '#domanda button.qa-vote-up', { what: 'the up-vote button of the question' });
      const pressed = await ep.evaluate(() => document.activeElement.getAttribute('aria-pressed'));
      if (pressed !== 'false') throw new Error(`the up-vote button starts as aria-pressed=${pressed}`);
      await pressAndWait(ep, 'Space');
      state.url = ep.url();
      const after = await score();
      const nowPressed = await ep.locator('#domanda button.qa-vote-up').getAttribute('aria-pressed');
      if (after !== before + 1) throw new Error(`the score went from ${before} to ${after}, expected ${before + 1}`);
      if (nowPressed !== 'true') throw new Error(`after voting the up-vote button is aria-pressed=${nowPressed}`);
      return `score ${before} → ${after}, button pressed`;
    });
  } else if (expertIn) {
    findings.journeys.push({ journey: 'answer and vote', error: 'skipped: the question was not created' });
    journeyResults.push({ journey: 'answer and vote', ok: false, detail: 'skipped: no question' });
  }
  await expert.close();
}

// ---------------------------------------------------------------------------- Nu checker

function runNu(opts, htmlDir) {
  const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
  const files = fs.readdirSync(htmlDir).filter((f) => /\.(html|css)$/.test(f)).map((f) => path.join(htmlDir, f));
  if (!files.length) return;
  const r = spawnSync(opts.java, ['-Xss1m', '-jar', jar, '--format', 'json', '--stdout', '--also-check-css', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  });
  if (r.error) throw new Error(`vnu: ${r.error.message}`);
  let out;
  try {
    out = JSON.parse(r.stdout);
  } catch {
    throw new Error(`vnu did not answer JSON (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  const byFile = new Map(visited.filter((v) => v.file).map((v) => [path.resolve(v.file), v]));
  for (const m of out.messages || []) {
    if (m.type !== 'error' && m.type !== 'non-document-error') continue;
    const file = m.url ? path.resolve(fileURLToPath(m.url)) : '';
    const v = byFile.get(file);
    findings.nu.push({
      context: v ? v.context : '',
      url: v ? v.url : path.basename(file) === 'prassi.css' ? '/static/prassi.css' : file,
      line: m.lastLine ?? m.firstLine ?? 0,
      column: m.lastColumn ?? m.firstColumn ?? 0,
      message: m.message,
      extract: (m.extract || '').replace(/\s+/g, ' ').trim(),
    });
  }
}

// --------------------------------------------------------------------------------- summary

function groupBy(items, keyFn) {
  const m = new Map();
  for (const it of items) {
    const k = keyFn(it);
    if (!m.has(k)) m.set(k, []);
    m.get(k).push(it);
  }
  return m;
}

function pathOf(u) {
  try {
    const x = new URL(u.split(' ')[0]);
    return x.pathname + x.search + (u.includes(' (') ? ` ${u.slice(u.indexOf(' ('))}` : '');
  } catch {
    return u;
  }
}

function summary(base) {
  const checked = visited.filter((v) => !v.duplicate);
  log('\n================================================================ summary');
  log(`Pages visited: ${visited.length} (${checked.length} distinct page views checked) in ${new Set(visited.map((v) => v.context)).size} contexts`);
  for (const [ctx, vs] of groupBy(visited, (v) => v.context)) {
    log(`  ${ctx}: ${vs.map((v) => `${v.name} [${v.status}${v.how && v.how.startsWith('built') ? `, ${v.how}` : ''}]`).join(', ')}`);
  }
  log(`Keyboard journeys: ${journeyResults.filter((j) => j.ok).length}/${journeyResults.length} passed`);
  for (const j of journeyResults) log(`  ${j.ok ? 'ok  ' : 'FAIL'} ${j.journey}${j.detail ? ` — ${j.detail}` : ''}`);

  const section = (title, n) => log(`\n--- ${title}: ${n}`);

  // axe: one entry per rule + page path + target, listing the contexts where it occurs.
  const axeGroups = groupBy(findings.axe, (f) => `${f.rule}\u0000${pathOf(f.url)}\u0000${f.target}`);
  section('Accessibility violations (axe-core, WCAG 2.0/2.1 A+AA)', `${findings.axe.length} nodes, ${axeGroups.size} distinct (rule, page, element)`);
  for (const [rule, group] of groupBy([...axeGroups.values()], (g) => g[0].rule)) {
    const first = group[0][0];
    log(`  [${rule}] (${first.impact}) ${first.help} — ${first.helpUrl}`);
    for (const g of group) {
      const f = g[0];
      log(`    ${pathOf(f.url)}  ${f.target}`);
      log(`      in: ${[...new Set(g.map((x) => x.context))].join('; ')}`);
      log(`      element: ${f.html.replace(/\s+/g, ' ').slice(0, 200)}`);
      log(`      ${f.summary.replace(/\s+/g, ' ').slice(0, 300)}`);
    }
  }

  const nuGroups = groupBy(findings.nu, (f) => `${pathOf(f.url)}\u0000${f.line}\u0000${f.message}`);
  section('HTML errors (Nu HTML checker)', `${findings.nu.length} messages, ${nuGroups.size} distinct (page, line, message)`);
  for (const g of nuGroups.values()) {
    const f = g[0];
    log(`  ${pathOf(f.url)}:${f.line}:${f.column}  ${f.message}`);
    log(`      in: ${[...new Set(g.map((x) => x.context))].join('; ')}`);
    if (f.extract) log(`      extract: ${f.extract.slice(0, 160)}`);
  }

  const tp = groupBy(findings.thirdParty, (f) => f.request);
  section(`Requests to hosts other than ${base}`, findings.thirdParty.length);
  for (const [req, g] of tp) log(`  ${req}  (from ${[...new Set(g.map((x) => `${x.context}: ${pathOf(x.page)}`))].slice(0, 5).join('; ')})`);

  section('HTTP problems (5xx pages, failing same-origin sub-resources)', findings.http.length);
  for (const f of findings.http) log(`  [${f.context}] ${pathOf(f.url)}: ${f.status} ${f.what}`);

  section('Browser console errors (scripts, CSP violations)', findings.console.length);
  for (const g of groupBy(findings.console, (f) => `${pathOf(f.url)} ${f.text}`).values()) {
    log(`  ${pathOf(g[0].url)}: ${g[0].text}  (in ${[...new Set(g.map((x) => x.context))].join('; ')})`);
  }

  section('Language problems (lang cookie, <html lang>)', findings.lang.length);
  for (const f of findings.lang) log(`  [${f.context}] ${pathOf(f.url)}: expected ${f.expected}, found ${f.actual}`);

  section('Page types not reached', findings.coverage.length);
  for (const f of findings.coverage) log(`  [${f.context}] ${f.page}: ${f.reason}`);

  section('Keyboard journey failures', findings.journeys.length);
  for (const f of findings.journeys) log(`  ${f.journey}: ${f.error}`);

  // Informational: what axe could not decide by itself (e.g. contrast over a background image).
  const review = groupBy(axeIncomplete, (r) => r.rule);
  log(`\n--- For information, not findings: axe "needs review" results: ${review.size} rule(s)`);
  for (const [rule, g] of review) {
    const pages = [...new Set(g.map((r) => pathOf(r.url)))];
    log(`  [${rule}] ${g[0].help}: ${g.reduce((n, r) => n + r.count, 0)} node(s) on ${pages.length} page view(s), e.g. ${pages.slice(0, 3).join(', ')}`);
    const examples = new Map();
    for (const r of g) for (const n of r.nodes) if (!examples.has(n.target)) examples.set(n.target, `${pathOf(r.url)}: ${n.why}`);
    for (const [target, why] of [...examples].slice(0, 5)) log(`      ${target} — ${why.slice(0, 200)}`);
  }

  const total = Object.values(findings).reduce((n, a) => n + a.length, 0);
  log(`\n${total === 0 ? 'PASS' : 'FAIL'}: ${total} finding(s) — axe ${findings.axe.length}, Nu ${findings.nu.length}, third-party ${findings.thirdParty.length}, http ${findings.http.length}, console ${findings.console.length}, lang ${findings.lang.length}, coverage ${findings.coverage.length}, journeys ${findings.journeys.length}; ${secs()} s`);
  return total;
}

// ------------------------------------------------------------------------------- self-test
//
// `--self-test` proves the checkers can fail: a theme override plants one fault of each kind
// on /privacy, and every one of them must be reported.

const SELF_TEST_TEMPLATE = `{% extends "base.html" %}
{% block title %}Self-test{% endblock title %}
{% block content %}
<h1>Self-test</h1>
<img src="/static/self-test-missing.png">
<img src="https://third-party.example/pixel.png" alt="pixel">
<p id="twice">one</p><p id="twice">two</p>
<div><li>a list item outside a list</li></div>
<script>console.log("inline script")</script>
{% endblock content %}
`;

function selfTestVerdict() {
  const expect = [
    ['axe reports image-alt', findings.axe.some((f) => f.rule === 'image-alt')],
    ['axe reports listitem', findings.axe.some((f) => f.rule === 'listitem')],
    ['Nu reports the duplicate id', findings.nu.some((f) => /Duplicate ID/i.test(f.message))],
    ['the third-party request is recorded', findings.thirdParty.some((f) => f.request.includes('third-party.example'))],
    ['the missing image is an HTTP problem', findings.http.some((f) => f.what.includes('self-test-missing.png'))],
    ['the CSP refusal of the inline script is a console error', findings.console.some((f) => /Content Security Policy/i.test(f.text))],
  ];
  log('\n================================================================ self-test');
  for (const [what, ok] of expect) log(`  ${ok ? 'ok  ' : 'MISS'} ${what}`);
  const missed = expect.filter(([, ok]) => !ok).length;
  log(`\n${missed === 0 ? 'PASS' : 'FAIL'}: the checkers caught ${expect.length - missed} of ${expect.length} planted faults; ${secs()} s`);
  return missed;
}

// ------------------------------------------------------------------------------------ main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(opts.bin)) throw new Error(`no prassi binary at ${opts.bin} (build it: cargo build -p prassi-server)`);
  if (!fs.existsSync(opts.chromium)) throw new Error(`no Chromium at ${opts.chromium} (apt-get install chromium)`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prassi-browser-'));
  const dataDir = path.join(tmp, 'data');
  const htmlDir = path.join(tmp, 'html');
  fs.mkdirSync(htmlDir, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = prassiEnv(dataDir, port);
  log(`binary:   ${opts.bin}`);
  log(`data:     ${dataDir}`);
  log(`server:   ${base}`);

  let server = null;
  let browser = null;
  const cleanup = () => {
    if (server && server.exitCode === null) server.kill('SIGTERM');
  };
  process.on('exit', cleanup);
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      cleanup();
      process.exit(130);
    });
  }

  let total = 1;
  let crashed = true;
  try {
    const demoOut = runPrassi(opts.bin, ['demo'], env);
    const logins = parseDemoLogins(demoOut);
    runPrassi(opts.bin, ['phase', '3'], env);
    log(`demo:     ${logins.accounts.length} logins (admin ${logins.admin}, member ${logins.member}, expert ${logins.expert}); phase 3 (open)`);

    if (opts.selfTest) {
      // A theme folder overriding one page with a known fault of every kind the suite looks for.
      const theme = path.join(tmp, 'theme');
      fs.mkdirSync(path.join(theme, 'templates', 'pages'), { recursive: true });
      fs.writeFileSync(path.join(theme, 'templates', 'pages', 'privacy.html'), SELF_TEST_TEMPLATE);
      env.PRASSI_THEME_DIR = theme;
      log(`self-test: ${theme} overrides pages/privacy.html with planted faults`);
    }
    const serverLog = fs.openSync(path.join(tmp, 'serve.log'), 'a');
    server = spawn(opts.bin, ['serve'], { env, stdio: ['ignore', serverLog, serverLog] });
    const health = await waitForHealth(base, server);
    log(`healthz:  ${health.trim()}  (${secs()} s)`);

    // The stylesheet is validated with the pages.
    const css = await fetch(`${base}/static/prassi.css`);
    if (css.ok) fs.writeFileSync(path.join(htmlDir, 'prassi.css'), await css.text());
    else findings.http.push({ context: 'setup', url: `${base}/static/prassi.css`, status: css.status, what: 'stylesheet' });

    browser = await chromium.launch({
      executablePath: opts.chromium,
      headless: true,
      // Playwright gives every launch a fresh temporary --user-data-dir (and removes it).
      args: CHROMIUM_FLAGS,
      env: { ...process.env, TZ: 'Europe/Rome' },
    });
    log(`browser:  ${opts.chromium} ${browser.version()}`);
    const state = { url: '', htmlDir };
    const mailDir = path.join(dataDir, 'mail');

    if (opts.selfTest) {
      const context = await newContext(browser, base, 'self-test', state);
      await crawl(context, base, 'self-test', 'it', false, state, htmlDir, { only: ['privacy'], flows: false });
      await context.close();
    } else {
      log('\nKeyboard journeys');
      await journeys(browser, base, logins, state);

      const runs = [
        { who: null, lang: 'it' },
        { who: null, lang: 'en' },
        { who: logins.admin, lang: 'it' },
        { who: logins.admin, lang: 'en' },
        // A pending applicant sees the banner and no more than a visitor.
        ...(logins.pending ? [{ who: logins.pending, lang: 'it', only: ['home', 'qa list', 'member directory', 'profile edit'], flows: false }] : []),
      ];
      for (const r of runs) {
        const label = `${r.who ? `signed in as ${r.who}` : 'anonymous'}, ${r.lang}`;
        const t0 = Date.now();
        const context = await newContext(browser, base, label, state);
        if (r.who) {
          const p = await context.newPage();
          await signInWithForm(p, base, r.who, logins.password);
          await p.close();
        }
        const before = visited.length;
        await crawl(context, base, label, r.lang, !!r.who, state, htmlDir, { only: r.only || null, flows: r.flows !== false, mailDir });
        await context.close();
        log(`Crawled ${label}: ${visited.length - before} pages in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      }
    }
    await browser.close();
    browser = null;

    const t0 = Date.now();
    runNu(opts, htmlDir);
    log(`Nu HTML checker: ${fs.readdirSync(htmlDir).length} documents in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    if (opts.selfTest) {
      summary(base);
      total = selfTestVerdict();
      crashed = false;
      return;
    }
    total = summary(base);
    if (opts.report) {
      fs.writeFileSync(opts.report, JSON.stringify({ base, seconds: Number(secs()), visited, journeys: journeyResults, findings, axeNeedsReview: axeIncomplete }, null, 2));
      log(`report:   ${path.resolve(opts.report)}`);
    }
    crashed = false;
  } finally {
    if (browser) await browser.close().catch(() => {});
    cleanup();
    if (server) await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
    if (opts.keep || crashed) log(`kept:     ${tmp} (server log in serve.log)`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.exitCode = total === 0 ? 0 : 1;
}

// The whole run must stay well within CI's budget: give up loudly rather than hang.
const WATCHDOG_S = Number(process.env.BROWSER_TIMEOUT || 600);
setTimeout(() => {
  console.error(`\nbrowser suite error: still running after ${WATCHDOG_S} s, giving up`);
  process.exit(2);
}, WATCHDOG_S * 1000).unref();

main().catch((e) => {
  console.error(`\nbrowser suite error: ${e.stack || e.message}`);
  process.exitCode = 2;
});
