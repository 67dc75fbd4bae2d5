// Runs Lighthouse (the version pinned in package.json) on a list of pages with one headless Chromium.
//
//   node lighthouse-pages.mjs JOBS.json OUT.json
//
// JOBS.json: {"chrome": "/usr/bin/chromium", "categories": ["accessibility", ...] or null (all),
//             "save": "DIR" (optional: each full Lighthouse result as DIR/<name>-<form>.json),
//             "jobs": [{"name": "report", "url": "http://127.0.0.1:PORT/sub/2021/x/", "form": "mobile" | "desktop"}]}
// OUT.json: one entry per job: the category scores (0-100), the main metrics, every audit that failed
// in a category (for the message of a failing test), and the URLs requested outside the local server.
import fs from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const [jobsFile, outFile] = process.argv.slice(2);
const spec = JSON.parse(fs.readFileSync(jobsFile, 'utf8'));
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time',
  'cumulative-layout-shift', 'speed-index', 'total-byte-weight'];

const chrome = await chromeLauncher.launch({
  chromePath: spec.chrome,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    '--disable-extensions', '--lang=zh-CN'],
});
const results = [];
try {
  for (const job of spec.jobs) {
    const flags = {port: chrome.port, output: 'json', logLevel: 'error'};
    if (spec.categories) flags.onlyCategories = spec.categories;
    const config = job.form === 'desktop' ? desktopConfig : undefined;
    const run = await lighthouse(job.url, flags, config);
    const lhr = run.lhr;
    if (spec.save) fs.writeFileSync(`${spec.save}/${job.name}-${job.form}.json`, JSON.stringify(lhr));
    const scores = {};
    const failed = [];
    for (const [id, cat] of Object.entries(lhr.categories)) {
      scores[id] = cat.score === null ? null : Math.round(cat.score * 100);
      for (const ref of cat.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1 && id !== 'performance') {
          failed.push({category: id, audit: ref.id, title: audit.title, score: audit.score});
        }
      }
    }
    const metrics = {};
    for (const id of METRICS) {
      if (lhr.audits[id]) metrics[id] = lhr.audits[id].numericValue;
    }
    const requests = (lhr.audits['network-requests']?.details?.items ?? []).map(i => i.url);
    const local = new URL(job.url).host;
    const offsite = requests.filter(u => /^https?:/.test(u) && new URL(u).host !== local);
    results.push({...job, scores, metrics, failed, offsite, requests: requests.length,
                  benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
                  warnings: lhr.runWarnings, error: lhr.runtimeError?.message ?? null});
  }
} finally {
  await chrome.kill();
}
fs.writeFileSync(outFile, JSON.stringify(results, null, 1));
