// Before any test: bring dist/ up to date (the CLI tests run bin/slabseries.mjs, which loads dist/),
// once, instead of letting several test processes notice a stale build at the same time.
import { build } from '../../bin/build.mjs';

export default function setup(): void {
  build();
}
