// Worker-thread entry of the ingest pool (ingest/pool.ts). Node 20 does not hand the parent's
// tsx loader to worker threads, so this plain-JS file loads the TypeScript worker through tsx's
// own API; the handler piscina calls is that module's default export.
import { tsImport } from 'tsx/esm/api';

const worker = await tsImport('./worker.ts', import.meta.url);
const handler = typeof worker.default === 'function' ? worker.default : worker.default?.default;
export default handler;
