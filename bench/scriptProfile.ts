// The main-thread time an extension's own scripts take on a page: one load under the DevTools protocol's sampling
// profiler, counting the samples whose stack holds a frame of a chrome-extension:// script (its content script and
// what it calls, the browser's DOM and messaging work included; not the style and layout the page does later
// because of its marks). Unlike the renderer's whole task time, this is not buried under the page's own variation
// between loads, so a difference of a few milliseconds shows. Sampling slows the code it samples: compare figures
// taken this way with each other only.
import type { BrowserContext } from 'playwright-core';

/** How often the profiler samples, in microseconds. */
const SAMPLING_US = 100;

interface ProfileNode {
  id: number;
  callFrame: { url: string };
  children?: number[];
}

/** Milliseconds of main-thread time in extension scripts while `url` loads and settles for `settleMs`. */
export async function extensionScriptMs(
  context: BrowserContext,
  url: string,
  origin: string,
  settleMs: number,
): Promise<number> {
  const page = await context.newPage();
  await page.route('**/*', (route) =>
    route.request().url().startsWith(origin) ? route.continue() : route.abort('blockedbyclient'),
  );
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
  await cdp.send('Profiler.start');
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 }).catch(() => undefined);
  await page.waitForTimeout(settleMs);
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  await page.close();
  const nodes = new Map<number, ProfileNode>(profile.nodes.map((node: ProfileNode) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of nodes.values()) for (const child of node.children ?? []) parent.set(child, node.id);
  const ours = new Map<number, boolean>();
  const isOurs = (id: number): boolean => {
    const known = ours.get(id);
    if (known !== undefined) return known;
    const up = parent.get(id);
    const result = nodes.get(id)!.callFrame.url.startsWith('chrome-extension://') || (up !== undefined && isOurs(up));
    ours.set(id, result);
    return result;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let micros = 0;
  // A sample's time is the gap to the next one.
  for (let i = 0; i < samples.length - 1; i++) if (isOurs(samples[i]!)) micros += deltas[i + 1]!;
  return micros / 1000;
}
