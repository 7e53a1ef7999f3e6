// The stage registry: every stage of the series, in order. The CLI hands it to the harness, which
// knows stages only through StageDescriptor.

import type { StageDescriptor } from '../kernel/stage_api.ts';
import { stage as s00 } from './00-baseline/index.ts';

export const STAGES: readonly StageDescriptor[] = [s00];
