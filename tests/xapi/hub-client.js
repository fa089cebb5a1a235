#!/usr/bin/env node
// The interoperability check of `meeloop hub`: a client no one here wrote (@xapi/xapi, which
// makes its requests with its own bundled axios) posts a kiosk's statements, reads them back and
// pages through them with `more`, then sends them all again.
//
//   node hub-client.js HUB_URL DEVICE_ID DEVICE_KEY CA_FILE PARTICIPANT_CODE
//
// HUB_URL is the hub's base URL (https://127.0.0.1:PORT). Statement ids are derived from the
// participant code, so a second run sends the very same statements. Prints one JSON line
// {"sent": [ids in order], "pages": n} and exits 0; on any mismatch or refused request prints
// what differed to stderr and exits 1 (2 for wrong arguments).
"use strict";

const crypto = require("crypto");
const path = require("path");
const { spawnSync } = require("child_process");

const [url, device, key, caFile, code] = process.argv.slice(2);
if (!url || !device || !key || !caFile || !code) {
  console.error("usage: node hub-client.js HUB_URL DEVICE_ID DEVICE_KEY CA_FILE PARTICIPANT_CODE");
  process.exit(2);
}

// The library has no TLS option of its own and its axios uses node's default trust store, which
// reads NODE_EXTRA_CA_CERTS only at start: run again with the test CA added when it is not.
if (process.env.NODE_EXTRA_CA_CERTS !== path.resolve(caFile)) {
  const again = spawnSync(process.execPath, [__filename, ...process.argv.slice(2)], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: path.resolve(caFile) },
    stdio: "inherit",
  });
  process.exit(again.status === null ? 1 : again.status);
}

let XAPI;
try {
  XAPI = require("@xapi/xapi");
} catch (e) {
  console.error("hub-client: @xapi/xapi is not installed: run tools/install-deps.sh (npm ci --prefix tests/xapi)");
  process.exit(1);
}

const BASE = "https://meeloop.example/xapi";
const ADL = "http://adlnet.gov/expapi/verbs/";
const SCOPE = BASE + "/extensions/consent-scope";
const PAGE = 2;

// A name-based (version 5 style) UUID, so the same code gives the same ids on every run.
function uuidFor(name) {
  const h = crypto.createHash("sha1").update("meeloop-hub-client:" + name).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const actor = { objectType: "Agent", account: { homePage: BASE, name: code } };
const registration = uuidFor(code + "/registration");
const scene = { objectType: "Activity", id: BASE + "/scenes/huiskamer" };
const context = { registration, extensions: { [SCOPE]: "organisation", [BASE + "/extensions/session-language"]: "nl" } };

function kioskStatements() {
  const at = (s) => new Date(Date.UTC(2026, 11, 7, 9, 0, s)).toISOString();
  const list = [{ verb: "initialized", object: scene }];
  for (const step of ["begroeting", "koffie", "valrisico"]) {
    list.push({
      verb: "answered",
      object: { objectType: "Activity", id: `${BASE}/scenes/huiskamer/steps/${step}` },
      result: { response: "optie-1", extensions: { [BASE + "/extensions/help-asked"]: false } },
    });
  }
  list.push({ verb: "completed", object: scene, result: { completion: true } });
  return list.map((s, i) => ({
    id: uuidFor(`${code}/${i}`),
    actor,
    verb: { id: ADL + s.verb, display: { "en-US": s.verb } },
    object: s.object,
    ...(s.result ? { result: s.result } : {}),
    context,
    timestamp: at(i * 10),
  }));
}

function fail(message) {
  throw new Error(message);
}

// JSON with every object's keys sorted: an LRS may store a statement in another key order.
function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
  return JSON.stringify(v);
}

// What the hub must give back unchanged: everything the kiosk sent except what an LRS adds
// (stored, authority, version) and the timestamp, which it may write in another ISO 8601 form.
function sameContent(sent, got) {
  const pick = (s) => canonical({ ...s, stored: undefined, authority: undefined, version: undefined, timestamp: undefined });
  return pick(sent) === pick(got) && Date.parse(sent.timestamp) === Date.parse(got.timestamp);
}

// Every statement getStatements(params) finds, page after page through getMoreStatements.
async function readAll(xapi, params, expected) {
  const ids = [];
  let pages = 0;
  let page = await xapi.getStatements(params);
  for (;;) {
    ++pages;
    const got = page.data.statements || fail(`getStatements: no statements member in ${JSON.stringify(page.data)}`);
    if (params.limit && got.length > params.limit) fail(`getStatements: ${got.length} statements in a page of limit ${params.limit}`);
    for (const s of got) ids.push(s.id);
    if (!page.data.more) return { ids, pages };
    if (pages > expected) fail(`getMoreStatements: still a "more" after ${pages} pages`);
    page = await xapi.getMoreStatements({ more: page.data.more });
  }
}

async function main() {
  const xapi = new XAPI({ endpoint: url.replace(/\/*$/, "") + "/xapi/", auth: XAPI.toBasicAuth(device, key) });
  const statements = kioskStatements();
  const ids = statements.map((s) => s.id);

  const about = await xapi.getAbout();
  if (!about.data.version || !about.data.version.includes("1.0.3")) fail(`about: expected version 1.0.3, got ${JSON.stringify(about.data)}`);

  // The session start alone, then the rest as one batch, as a kiosk's outbox sends them.
  const one = await xapi.sendStatement({ statement: statements[0] });
  if (JSON.stringify(one.data) !== JSON.stringify([ids[0]])) fail(`sendStatement: expected [${ids[0]}], got ${JSON.stringify(one.data)}`);
  const rest = await xapi.sendStatements({ statements: statements.slice(1) });
  if (JSON.stringify(rest.data) !== JSON.stringify(ids.slice(1))) fail(`sendStatements: expected ${JSON.stringify(ids.slice(1))}, got ${JSON.stringify(rest.data)}`);

  for (const s of statements) {
    const got = await xapi.getStatement({ statementId: s.id });
    if (!sameContent(s, got.data)) fail(`getStatement ${s.id}: sent ${JSON.stringify(s)}, read back ${JSON.stringify(got.data)}`);
    if (!got.data.stored) fail(`getStatement ${s.id}: no stored time`);
  }

  // This person's statements, oldest first, PAGE at a time, following the library's `more`.
  const since = new Date(Date.now() - 3600e3).toISOString();
  const read = await readAll(xapi, { agent: actor, since, limit: PAGE, ascending: true }, ids.length);
  if (JSON.stringify(read.ids) !== JSON.stringify(ids)) fail(`paging: expected ${JSON.stringify(ids)}, read ${JSON.stringify(read.ids)}`);
  if (read.pages !== Math.ceil(ids.length / PAGE)) fail(`paging: expected ${Math.ceil(ids.length / PAGE)} pages, read ${read.pages}`);

  // The same statements again, as a kiosk retrying after a lost answer: the same ids, nothing new.
  const again = await xapi.sendStatements({ statements });
  if (JSON.stringify(again.data) !== JSON.stringify(ids)) fail(`second sendStatements: expected ${JSON.stringify(ids)}, got ${JSON.stringify(again.data)}`);
  // Newest first this time, at the hub's own page size.
  const after = await readAll(xapi, { agent: actor, since }, ids.length);
  if (JSON.stringify(after.ids) !== JSON.stringify([...ids].reverse()))
    fail(`after the second send the hub lists ${JSON.stringify(after.ids)}, expected ${JSON.stringify([...ids].reverse())}`);

  process.stdout.write(JSON.stringify({ sent: ids, pages: read.pages }) + "\n");
}

main().catch((e) => {
  const r = e && e.response;
  const detail = r ? ` (HTTP ${r.status} ${JSON.stringify(r.data)} for ${e.config && e.config.method} ${e.config && e.config.url})` : "";
  console.error(`hub-client: ${e && e.message}${detail}`);
  process.exit(1);
});
