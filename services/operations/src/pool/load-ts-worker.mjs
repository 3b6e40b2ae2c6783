// Starts a pool worker from the TypeScript sources (under vitest or tsx): registers tsx's loader
// in this thread, then hands Piscina the handler of the module named in its workerData. The built
// `runcue` never loads this file: its workers are plain JavaScript (`services/cli/dist/*-worker.js`).
import { workerData } from 'piscina';
import { register } from 'tsx/esm/api';

register();
const module = await import(workerData.module);
export default module.default;
export const startWorker = module.startWorker;
