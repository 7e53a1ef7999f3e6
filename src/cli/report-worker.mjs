// Worker entry from the TypeScript sources (tests): register tsx in this thread, then run the worker.
import { register } from 'tsx/esm/api';

register();
await import('./report-worker.ts');
