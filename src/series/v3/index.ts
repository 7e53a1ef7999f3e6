// v3 of the series (what landed) as the commands take it: manifest and stages together.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Series } from '../../harness/series.ts';
import type { Slab } from '../../slab/observation.ts';
import { COVER_LETTER, MANIFEST, PATCH_FROM, SERIES_BASE, SERIES_DATE, SERIES_SUBJECT, counterpartOf, loreLink } from './manifest.ts';
import { STAGES } from './stages.ts';

// The stages' TypeScript sources (read as text by patches, metrics and propagate), also when this
// module runs compiled from dist/series/v3/.
const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src');

export const v3: Series<Slab> = {
  name: 'v3',
  subject: SERIES_SUBJECT,
  base: SERIES_BASE,
  date: SERIES_DATE,
  from: PATCH_FROM,
  coverLetter: COVER_LETTER,
  stagesDir: join(SRC, 'stages-v3'),
  stages: STAGES,
  // The slug is the stage's folder name, written once (stages.ts).
  entries: MANIFEST.map((e) => {
    const stage = STAGES.find((s) => s.number === e.number);
    if (!stage) throw new Error(`v3 manifest entry ${e.number} has no stage`);
    return { ...e, slug: stage.slug };
  }),
  link: loreLink,
  counterpartOf,
};
