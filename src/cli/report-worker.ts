// Worker thread of `slabseries report`: gathers one series and builds its pages
// (src/site/build.ts buildSeriesPart) while the main thread does the same for another; sends back
// progress lines, then the series' files and its share of the front page (strings only).
import { parentPort, workerData } from 'node:worker_threads';
import { buildSeriesPart, type SeriesPart } from '../site/build.ts';
import { observeOptions } from './cache-command.ts';
import { loadSeries, pickSeries } from './context.ts';
import { gatherSeries, siteRender } from './report-site-command.ts';

export type FromReportWorker = { type: 'progress'; msg: string } | { type: 'part'; part: SeriesPart };

const post = (m: FromReportWorker) => parentPort!.postMessage(m);
const { series } = workerData as { series: string };
await loadSeries([series]);
const s = await gatherSeries(pickSeries(series), (msg) => post({ type: 'progress', msg }), observeOptions({}));
post({ type: 'part', part: await buildSeriesPart(siteRender, s) });
