#!/usr/bin/env node
// Browser check of Camunda Tasklist with the demo profile: a demo caseworker logs in, sees the
// intake tasks in their filter, opens one and the Dutch Camunda Form renders. Takes screenshots
// into docs/screenshots/ and, unless --no-complete, shows that the form refuses an empty required
// field and then completes the task with all required fields filled.
//
// Needs a running hub with the demo profile (see README) and the npm package playwright-core
// (it does not download a browser; it drives a locally installed Chromium):
//
//   npm install --prefix /tmp/pw playwright-core
//   PLAYWRIGHT_CORE_DIR=/tmp/pw node scripts/tasklist-screenshot.mjs
//
// Environment: HUB_URL (default http://127.0.0.1:8090), CHROMIUM (default /usr/bin/chromium),
// PLAYWRIGHT_CORE_DIR (directory whose node_modules holds playwright-core; default: this
// scripts/ directory, then /tmp/pw), SCREENSHOT_DIR (default docs/screenshots next to scripts/),
// HUB_ADMIN_USER / HUB_ADMIN_PASSWORD (optional: check the task history over engine-rest).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const scriptDir = path.dirname(fileURLToPath(import.meta.url));
const hubUrl = (process.env.HUB_URL ?? 'http://127.0.0.1:8090').replace(/\/$/, '');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const screenshotDir = process.env.SCREENSHOT_DIR ?? path.join(scriptDir, '..', 'docs', 'screenshots');
const complete = !process.argv.includes('--no-complete');

function loadPlaywright() {
  const bases = [process.env.PLAYWRIGHT_CORE_DIR, scriptDir, '/tmp/pw'].filter(Boolean);
  for (const base of bases) {
    try {
      return createRequire(path.join(path.resolve(base), 'package.json'))('playwright-core');
    } catch { /* try the next location */ }
  }
  throw new Error(`playwright-core not found in ${bases.join(', ')}; npm install --prefix /tmp/pw playwright-core`);
}
const { chromium } = loadPlaywright();

const scenarios = [
  {
    user: 'demo-education',
    filter: 'Taken Onderwijs en leerplicht',
    task: 'Kind plaatsen op school (binnen 3 dagen na aankomst)',
    labels: ['Kind (referentie)', 'Zaaknummer', 'Soort onderwijs', 'Naam van de school', 'Eerste schooldag'],
    screenshot: 'tasklist-education-tasks.png',
    validationScreenshot: 'tasklist-education-validation.png',
    // Fills the required fields named in `fields`.
    async fill(form, fields) {
      if (fields.includes('schoolType')) {
        await form.locator('.fjs-form-field-select .fjs-select-display').click();
        await form.locator('.fjs-dropdownlist-item', { hasText: 'Taalschool Het Mozaïek' }).click();
      }
      if (fields.includes('schoolName')) await form.getByLabel('Naam van de school').fill('Taalschool Het Mozaïek, locatie Overvecht');
      if (fields.includes('firstSchoolDay')) await fillDate(form, 'Eerste schooldag', isoDatePlusDays(2));
    },
    requiredFields: ['schoolType', 'schoolName', 'firstSchoolDay'],
    emptyField: 'schoolName',
  },
  {
    user: 'demo-vwmn',
    filter: 'Taken Vluchtelingenwerk Midden-Nederland (AZC)',
    task: 'Dossier openen en persoonsprofiel-assessment plannen',
    labels: ['Zaaknummer', 'AZC-locatie', 'Dossiernummer Vluchtelingenwerk', 'Datum persoonsprofiel-assessment',
      'Opmerkingen (geen medische gegevens)'],
    screenshot: 'tasklist-vwmn-open-dossier.png',
    validationScreenshot: null,
    async fill(form, fields) {
      if (fields.includes('dossierNumber')) await form.getByLabel('Dossiernummer Vluchtelingenwerk').fill('VWMN-2026-0042');
      if (fields.includes('profileAssessmentDate')) await fillDate(form, 'Datum persoonsprofiel-assessment', isoDatePlusDays(7));
    },
    requiredFields: ['dossierNumber', 'profileAssessmentDate'],
    emptyField: 'dossierNumber',
  },
];

function isoDatePlusDays(days) {
  const d = new Date(Date.now() + days * 86400000);
  return { iso: d.toISOString().slice(0, 10), us: `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/${d.getUTCFullYear()}` };
}

// form-js date fields are flatpickr inputs with placeholder mm/dd/yyyy; typing and blurring sets them.
async function fillDate(form, label, date) {
  const input = form.getByLabel(label);
  await input.click();
  await input.fill(date.us);
  await input.press('Enter');
  await form.locator('.fjs-form-field-label').first().click(); // blur, closes the calendar
}

async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tasklist-shot-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return { context, userDataDir };
}

async function notifications(page) {
  return (await page.locator('.page-notifications .notification, .page-notifications .alert').allInnerTexts())
    .map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

async function runScenario(s) {
  const { context, userDataDir } = await launch();
  const page = context.pages()[0] ?? await context.newPage();
  const report = { user: s.user };
  const problems = [];
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  try {
    await page.goto(`${hubUrl}/camunda/app/tasklist/default/`);
    await page.locator('input[ng-model="username"]').fill(s.user);
    await page.locator('input[ng-model="password"]').fill('demo');
    await page.locator('form[name="signinForm"] button[type="submit"]').click();

    const filter = page.locator('.task-filter', { hasText: s.filter }).first();
    await filter.waitFor({ timeout: 30000 });
    await filter.locator('.counter', { hasText: /\d/ }).waitFor({ timeout: 30000 });
    report.filterText = (await filter.innerText()).replace(/\s+/g, ' ').trim();
    report.filterCounter = (await filter.locator('.counter').innerText()).trim();
    report.filters = (await page.locator('.task-filter').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());

    const taskLinks = page.locator('.tasks-list > li.task h4.task a');
    const taskItems = page.locator('.tasks-list > li.task');
    await taskItems.first().waitFor({ timeout: 30000 });
    report.tasksShown = await taskItems.count();
    report.taskNames = [...new Set((await taskLinks.allInnerTexts()).map((t) => t.trim()))];

    await page.locator('.tasks-list > li.task', { hasText: s.task }).first().locator('h4.task a').click();
    const form = page.locator('.fjs-form');
    await form.waitFor({ timeout: 30000 });
    for (const label of s.labels) await form.locator('.fjs-form-field-label', { hasText: label }).first().waitFor({ timeout: 15000 });
    report.taskId = new URL(page.url().replace('#/', '')).searchParams.get('task');
    report.formLabels = (await form.locator('.fjs-form-field-label').allInnerTexts()).map((t) => t.replace(/\s*\*$/, ' *').trim());
    report.formHeading = (await form.locator('h3').first().innerText().catch(() => '')).trim();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(screenshotDir, s.screenshot) });
    report.screenshot = path.join(screenshotDir, s.screenshot);

    if (complete) {
      const completeButton = page.locator('button[ng-click="complete()"]');
      report.completeDisabledBeforeClaim = await completeButton.isDisabled();
      await page.locator('button.claim').click();
      await page.locator('.assignee', { hasText: /./ }).first().waitFor({ timeout: 10000 }).catch(() => {});
      await page.waitForFunction(() => !document.querySelector('button[ng-click="complete()"]')?.disabled, null, { timeout: 15000 });
      report.claimed = true;

      // 1. one required field left empty: Tasklist must refuse.
      await s.fill(form, s.requiredFields.filter((f) => f !== s.emptyField));
      await completeButton.click();
      await page.waitForTimeout(2000);
      report.validation = {
        emptyField: s.emptyField,
        fieldErrors: (await form.locator('.fjs-form-field-error').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()),
        notifications: await notifications(page),
        taskStillOpen: await form.isVisible(),
      };
      if (s.validationScreenshot) {
        await form.locator('.fjs-form-field-error').first().scrollIntoViewIfNeeded().catch(() => {});
        await page.screenshot({ path: path.join(screenshotDir, s.validationScreenshot) });
        report.validation.screenshot = path.join(screenshotDir, s.validationScreenshot);
      }

      // 2. all required fields filled: the task completes.
      for (const close of await page.locator('.page-notifications .close:visible').all()) await close.click().catch(() => {});
      await s.fill(form, [s.emptyField]);
      await completeButton.click();
      await form.waitFor({ state: 'detached', timeout: 15000 }).catch(() => {});
      await page.waitForTimeout(1500);
      report.afterComplete = {
        notifications: await notifications(page),
        formGone: !(await form.isVisible()),
        tasksShown: await taskItems.count(),
      };
      const admin = process.env.HUB_ADMIN_USER;
      if (admin && process.env.HUB_ADMIN_PASSWORD) {
        const auth = Buffer.from(`${admin}:${process.env.HUB_ADMIN_PASSWORD}`).toString('base64');
        const res = await fetch(`${hubUrl}/engine-rest/history/task?taskId=${report.taskId}`, { headers: { Authorization: `Basic ${auth}` } });
        const [h] = await res.json();
        report.history = h && { endTime: h.endTime, deleteReason: h.deleteReason, assignee: h.assignee };
        const vars = await fetch(`${hubUrl}/engine-rest/history/variable-instance?processInstanceId=${h?.processInstanceId}`, { headers: { Authorization: `Basic ${auth}` } });
        report.processVariables = Object.fromEntries((await vars.json()).map((v) => [v.name, v.value]));
      }
    }
  } catch (e) {
    report.error = e.message.split('\n')[0];
    const failShot = path.join(screenshotDir, `failed-${s.user}.png`);
    await page.screenshot({ path: failShot }).catch(() => {});
    report.failureScreenshot = failShot;
    report.notifications = await notifications(page).catch(() => []);
    process.exitCode = 1;
  } finally {
    report.problems = problems;
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  return report;
}

fs.mkdirSync(screenshotDir, { recursive: true });
for (const s of scenarios) {
  console.log(JSON.stringify(await runScenario(s), null, 2));
}
