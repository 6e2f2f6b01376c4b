// What Lighthouse's simulated LCP was made of, for one run kept by
// `benchmarks/pagespeed.py --artifacts` (a folder of Lighthouse's -GA artifacts):
//
//     node benchmarks/lighthouse/lcp-graph.mjs .cache/bench/pagespeed/artifacts/ours-home-0
//
// Lighthouse does not throttle the page: it loads it at full speed, then simulates
// slow 4G (lantern) on the graph of requests and main-thread tasks it saw. For LCP
// it keeps what happened before the real LCP (an optimistic graph without low
// priority images, a pessimistic one with everything) and reports their mean.
// Its own diagnostics for this (render-blocking-resources, the LCP element) fail
// on Chromium 156's traces, so this prints both graphs with the simulated start and
// end of each request and each main-thread task longer than 4 ms (ms after start).
import {loadArtifacts} from 'lighthouse/core/lib/asset-saver.js';
import {LanternFirstContentfulPaint} from 'lighthouse/core/computed/metrics/lantern-first-contentful-paint.js';
import {LanternLargestContentfulPaint} from 'lighthouse/core/computed/metrics/lantern-largest-contentful-paint.js';
import {ProcessedNavigation} from 'lighthouse/core/computed/processed-navigation.js';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: node lcp-graph.mjs <artifacts folder>');
  process.exit(2);
}
const artifacts = loadArtifacts(folder);
const context = {computedCache: new Map(), settings: artifacts.settings};
const data = {
  trace: artifacts.Trace, devtoolsLog: artifacts.DevtoolsLog, gatherContext: artifacts.GatherContext,
  settings: artifacts.settings, URL: artifacts.URL, simulator: null,
};
const observed = (await ProcessedNavigation.request(artifacts.Trace, context)).timings;
const fcp = await LanternFirstContentfulPaint.request(data, context);
const lcp = await LanternLargestContentfulPaint.request(data, context);
const ms = (value) => value.toFixed(0);
console.log(`real (unthrottled) FCP ${ms(observed.firstContentfulPaint)} ms, LCP ${ms(observed.largestContentfulPaint)} ms`);
console.log(`simulated FCP ${ms(fcp.timing)} ms (optimistic ${ms(fcp.optimisticEstimate.timeInMs)}, ` +
  `pessimistic ${ms(fcp.pessimisticEstimate.timeInMs)})`);
console.log(`simulated LCP ${ms(lcp.timing)} ms (optimistic ${ms(lcp.optimisticEstimate.timeInMs)}, ` +
  `pessimistic ${ms(lcp.pessimisticEstimate.timeInMs)})`);

for (const [name, estimate] of [['optimistic', lcp.optimisticEstimate], ['pessimistic', lcp.pessimisticEstimate]]) {
  console.log(`\n${name} LCP graph:`);
  const timings = [...estimate.nodeTimings.entries()].sort((a, b) => a[1].startTime - b[1].startTime);
  for (const [node, timing] of timings) {
    let what;
    if (node.type === 'network') {
      const request = node.request;
      if (request.url.startsWith('data:')) continue;
      const kb = (request.transferSize / 1000).toFixed(1);
      what = `${request.priority.padEnd(8)} ${kb.padStart(6)} KB  ${request.url.replace(/^https?:\/\/[^/]+/, '')}`;
    } else {
      if (timing.endTime - timing.startTime < 4) continue;
      const scripts = [...node.getEvaluateScriptURLs()].map((url) => url.split('/').pop());
      const kinds = [...new Set(node.childEvents.map((event) => event.name))]
        .filter((kind) => ['ParseHTML', 'EvaluateScript', 'UpdateLayoutTree', 'Layout', 'Paint', 'EventDispatch'].includes(kind));
      what = `main thread (${ms(node.duration / 1000)} ms real) ${kinds.join(', ')} ${scripts.join(' ')}`;
    }
    console.log(`${ms(timing.startTime).padStart(6)} ${ms(timing.endTime).padStart(6)}  ${what}`);
  }
}
