// The SLUB domain: everything the generic harness needs to run and judge SLUB scenarios, in one
// object (the plug-in contract is src/harness/domain.ts).

import type { BisectPart, Difference, Domain } from '../harness/domain.ts';
import { formatEvent } from '../kernel/events.ts';
import { contractViolations } from './contracts.ts';
import { compareEnd, compareObject, compareOp, EVENT_RULES, eventKey, inputAtOneStage, movedOccurrence, outcome, sameOccurrence, sampledAtOneStage } from './judge.ts';
import { bootMachine } from './machine.ts';
import { objectLine, opHeader, renderObservation, type Slab, type SlabObservation, type SlabOp } from './observation.ts';
import { parseScenario, type Op } from './scenario.ts';
import { vocabularyOf } from './vocabulary.ts';
import { contractSignature, differenceSignature, eventClass, where } from './signature.ts';

function renderDifference(d: Difference<Slab>): { before: string[]; after: string[] } {
  const x = d.detail;
  switch (x.diff) {
    case 'result':
      return { before: [opHeader({ index: d.at, op: x.op, ...x.before })], after: [opHeader({ index: d.at, op: x.op, ...x.after })] };
    case 'op-only': {
      const line = [opHeader({ index: d.at, op: x.op, ...x.record })];
      return x.side === 'before' ? { before: line, after: [] } : { before: [], after: line };
    }
    case 'object':
      return { before: [objectLine(x.before)], after: [objectLine(x.after)] };
    case 'event': {
      const line = [`| ${formatEvent(x.event)}`];
      return x.change === 'appeared' ? { before: [], after: line } : x.change === 'disappeared' ? { before: line, after: [] } : { before: line, after: line };
    }
    case 'domain': {
      const e = x.detail;
      if (e.kind === 'nesting') return { before: [`depth ${e.before}`], after: [`depth ${e.after}`] };
      return { before: [`end.${e.field}: ${JSON.stringify(e.before)}`], after: [`end.${e.field}: ${JSON.stringify(e.after)}`] };
    }
  }
}

/** The selected part as a canonical key, or null when the selected operation is n/a at this stage. */
function part(obs: SlabObservation, op: string | undefined, what: BisectPart): string | null {
  const pick = (o: SlabOp) => op === undefined || o.index === op || o.objects.some((x) => x.handle === op || x.handle.startsWith(`${op}[`));
  const ops = obs.ops.filter(pick);
  if (op !== undefined && !ops.length) return null;
  if (ops.some((o) => o.status === 'n/a')) return null;
  const lines: string[] = [];
  for (const o of ops) {
    if (what === 'result' || what === 'all') lines.push(opHeader(o));
    if (what === 'bytes' || what === 'all') for (const ob of o.objects) lines.push(objectLine(ob));
    if (what === 'events' || what === 'all') for (const e of o.events) lines.push(eventKey(e));
  }
  if (what === 'all' && op === undefined) lines.push(JSON.stringify(obs.end));
  return lines.join('\n');
}

export const slabDomain: Domain<Slab> = {
  name: 'slub',
  parseScenario: (json, file, stages) => parseScenario(json, file, vocabularyOf(stages)),
  boot: (stage, sc, opts) => bootMachine(stage, sc, opts),
  execute: (m, op, index) => m.execute(op as Op, index),
  end: (m) => {
    const e = m.end();
    m.detach();
    return e;
  },
  eventKey,
  rules: EVENT_RULES,
  outcome,
  compareObject,
  compareOp,
  followsFrom: (a, b) => sampledAtOneStage(a, b) ?? inputAtOneStage(a, b),
  sameOccurrence,
  movedOccurrence,
  // WARN_ON_ONCE()/pr_warn_once() print once per boot, whichever call reaches them first.
  oncePerRun: (e) => e.kind === 'warn' && e.once === true,
  // The model prints a once-report once per site (Observers.warnOnce), as the kernel's static
  // once-flag is per call site: the same report, whichever cache's name the first call prints.
  onceKey: (e) => (e.kind === 'warn' ? `warn ${e.site}` : eventKey(e)),
  compareEnd,
  contracts: contractViolations,
  signature: differenceSignature,
  contractSignature,
  // A WARN's cause is where it was raised (its backtrace): the caller's own call, or a slab-internal
  // allocation made for it. Its condition text is not: v3 rewrote kmalloc_nolock()'s gfp mask, and
  // a caller's __GFP_NO_OBJ_EXT trips it at RFC 14 and at v3 15 alike.
  decisionOf: eventClass,
  // A caller as signatures name it (family, context, gfp class, cache class).
  callerOf: where,
  causeKey: (d) => (d.detail.diff === 'event' && d.detail.event.kind === 'warn' ? `${d.detail.event.site} in ${d.detail.event.raisedIn ?? 'the caller'}` : null),
  render: { observation: renderObservation, event: formatEvent, difference: renderDifference, part },
};
