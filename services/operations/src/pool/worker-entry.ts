import { fileURLToPath } from 'node:url';

/**
 * How to start the worker-thread module `name` that sits beside `starter` (the starting module's
 * `import.meta.url`). Built, `<name>.js` is an entry point of its own beside the chunk that starts
 * it (`scripts/build-cli.ts`); from the sources (vitest, tsx) the TypeScript is loaded through tsx
 * by `load-ts-worker.mjs`, told which module in its `workerData`.
 */
export function workerEntry<Data extends object>(
  starter: string,
  name: string,
  data: Data,
): { filename: string; workerData: Data & { module?: string } } {
  if (!starter.endsWith('.ts'))
    return { filename: fileURLToPath(new URL(`./${name}.js`, starter)), workerData: data };
  return {
    filename: fileURLToPath(new URL('./load-ts-worker.mjs', import.meta.url)),
    workerData: { ...data, module: new URL(`./${name}.ts`, starter).href },
  };
}
