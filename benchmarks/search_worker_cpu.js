// The CPU time Material's search worker (ours or the original) takes to build its index from a
// site's search/search_index.json and to answer one query, replayed in Node outside the browser.
// benchmarks/search.py prints it beside Chromium's wall-clock times, which on a shared machine
// measure the load as much as the work.
//   node benchmarks/search_worker_cpu.js WORKER.js search_index.json LUNR_DIR QUERY
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [workerFile, indexFile, lunrDir, query] = process.argv.slice(2);
const context = { console, performance, setTimeout, Map, Set };
context.self = context;
// The worker loads lunr's language support with importScripts("../lunr/min/…").
context.importScripts = (...urls) => {
  for (const url of urls) vm.runInContext(fs.readFileSync(path.join(lunrDir, url.replace("../lunr/", "")), "utf8"), context);
};
let reply = null;
context.postMessage = (message) => { reply = message; };
let handler = null;
context.addEventListener = (type, listener) => { handler = listener; };
vm.createContext(context);
vm.runInContext(fs.readFileSync(workerFile, "utf8"), context);

const data = JSON.parse(fs.readFileSync(indexFile, "utf8"));
const cpu = (since) => { const used = process.cpuUsage(since); return (used.user + used.system) / 1000; };
const setup = process.cpuUsage();
// Material's SearchMessageType: SETUP 0, READY 1, QUERY 2, RESULT 3.
handler({ data: { type: 0, data: { config: data.config, docs: data.docs, options: { suggest: false } } } });
setTimeout(() => {
  const buildMs = cpu(setup);
  const asked = process.cpuUsage();
  handler({ data: { type: 2, data: query } });
  setTimeout(() => {
    console.log(JSON.stringify({ build_ms: buildMs, query_ms: cpu(asked), results: reply.data.items.length }));
  }, 20);
}, 20);
