/**
 * Builds the `runcue` command into plain JavaScript in `services/cli/dist/`, so that daily use
 * runs no TypeScript transpiler: `bin/runcue` loads `dist/main.js`. Run by `pnpm install` (the
 * root `prepare` script) and before the test suites; `npx tsx scripts/build-cli.ts` by hand.
 *
 * esbuild bundles the workspace's own TypeScript (every `@runcue/*` package and the CLI) with
 * code splitting, so each command's `import()` becomes a chunk loaded only when that command
 * runs. Third-party packages stay where pnpm installed them: each is imported by a path relative
 * to the output folder, resolved from the package that depends on it (pnpm gives the CLI no
 * access to its dependencies' dependencies). Worker-thread modules (`*-worker.ts`) are entry
 * points of their own, written beside the chunks that start them, where
 * `new URL('./x-worker.js', import.meta.url)` finds them.
 */
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type OnResolveArgs, type Plugin, type PluginBuild } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
export const outdir = path.join(root, 'services/cli/dist');

/** Folders whose TypeScript is bundled; their modules have no import-time side effects. */
const sourceRoots = ['packages', 'services'];

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

/** Every `src/**` TypeScript file of the workspace (what the build reads). */
export async function sourceFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const top of sourceRoots)
    for await (const file of walk(path.join(root, top)))
      if (file.endsWith('.ts') && !file.endsWith('.test.ts') && file.includes(`${path.sep}src${path.sep}`))
        files.push(file);
  return files;
}

/** Resolves an import as esbuild would, tagged so that the hook asking is not asked again. */
function resolveTagged(b: PluginBuild, args: OnResolveArgs, tag: string) {
  return b.resolve(args.path, {
    kind: args.kind,
    resolveDir: args.resolveDir,
    importer: args.importer,
    pluginData: tag,
  });
}

/** Third-party imports stay external, as a relative path to the file Node would load. */
const externalDependencies: Plugin = {
  name: 'external-dependencies',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('node:') || args.path.startsWith('@runcue/')) return undefined;
      if (args.pluginData === 'external-dependencies') return undefined;
      const resolved = await resolveTagged(b, args, 'external-dependencies');
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      let relative = path.relative(outdir, resolved.path).split(path.sep).join('/');
      if (!relative.startsWith('.')) relative = `./${relative}`;
      return { path: relative, external: true };
    });
    // The workspace's own modules declare nothing at import time, so a chunk keeps only the
    // modules a command uses (a barrel does not drag charts or the server into `athlete list`).
    b.onResolve({ filter: /^\.|^@runcue\// }, async (args) => {
      if (args.pluginData === 'side-effect-free' || args.kind === 'entry-point') return undefined;
      const resolved = await resolveTagged(b, args, 'side-effect-free');
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      const ours = sourceRoots.some((top) => resolved.path.startsWith(path.join(root, top) + path.sep));
      return { ...resolved, sideEffects: ours ? false : resolved.sideEffects };
    });
  },
};

/**
 * With several entry points, esbuild imports shared chunks for their side effects even where
 * nothing of them is used (evanw/esbuild#2922), so `runcue start` would load the chart library
 * through a chunk it shares with the email renderers. Every module of ours is free of import-time
 * side effects (see `externalDependencies`), so a chunk imported without bindings is not needed:
 * the statement is blanked, keeping the line so that the source map still matches.
 */
function dropBareChunkImports(code: string): string {
  return code.replace(/^import "\.\/chunk-[A-Z0-9]+\.js";$/gm, '/* (unused chunk import) */');
}

/**
 * Where each value a workspace package exports is defined: `@runcue/store` → `createAthlete` →
 * `packages/store/src/athletes.ts`. Read by esbuild itself from every source file (types are
 * erased, so only values count); a name defined in two files of one package is left out.
 */
async function definitionsByPackage(sources: readonly string[]): Promise<Map<string, Map<string, string>>> {
  const result = await build({
    entryPoints: sources.filter((f) => path.basename(f) !== 'index.ts'),
    outdir: '/nonexistent',
    bundle: false,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
  });
  const byPackage = new Map<string, Map<string, string>>();
  const ambiguous = new Set<string>();
  for (const output of Object.values(result.metafile.outputs)) {
    if (output.entryPoint === undefined) continue;
    const file = path.resolve(root, output.entryPoint);
    const pkg = `@runcue/${path.relative(root, file).split(path.sep)[1] ?? ''}`;
    const names = byPackage.get(pkg) ?? new Map<string, string>();
    byPackage.set(pkg, names);
    for (const name of output.exports) {
      if (names.has(name)) ambiguous.add(`${pkg} ${name}`);
      names.set(name, file);
    }
  }
  for (const key of ambiguous) {
    const [pkg = '', name = ''] = key.split(' ');
    byPackage.get(pkg)?.delete(name);
  }
  return byPackage;
}

/**
 * Imports a workspace package's values from the files that define them rather than through its
 * `index.ts`. esbuild decides which chunk a module goes to by the files its entry points reach,
 * barrels included, so one `import { startNotifier } from '@runcue/notifier'` would put the email
 * renderers and the chart library in `runcue start`'s first chunk. A name the map does not know
 * keeps its import from the barrel.
 */
function directImports(definitions: Map<string, Map<string, string>>): Plugin {
  return {
    name: 'direct-imports',
    setup(b) {
      const ours = new RegExp(`^${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(packages|services)/.*\\.ts$`);
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!ours.test(args.path)) return undefined;
        const code = await readFile(args.path, 'utf8');
        const rewritten = code.replace(
          /^import \{([^}]*)\} from '(@runcue\/[a-z-]+)';$/gm,
          (statement, list: string, pkg: string) => {
            const names = definitions.get(pkg);
            if (names === undefined) return statement;
            const byFile = new Map<string, string[]>();
            const kept: string[] = [];
            for (const raw of list.split(',')) {
              const spec = raw.trim();
              if (spec === '' || spec.startsWith('type ')) continue;
              const [name = ''] = spec.split(/\s+as\s+/);
              const file = names.get(name);
              if (file === undefined) kept.push(spec);
              else byFile.set(file, [...(byFile.get(file) ?? []), spec]);
            }
            const lines = [...byFile].map(
              ([file, specs]) => `import { ${specs.join(', ')} } from ${JSON.stringify(file)};`,
            );
            if (kept.length > 0) lines.push(`import { ${kept.join(', ')} } from '${pkg}';`);
            // One line, so that line numbers in the source map stay right.
            return lines.join(' ') + '\n'.repeat(statement.split('\n').length - 1);
          },
        );
        return { contents: rewritten, loader: 'ts' };
      });
    },
  };
}

/**
 * A running `runcue start` loads some chunks only when first needed (the email renderers), by
 * their hashed names: a rebuild meanwhile (the test suites build) must not take them away. So
 * chunks of earlier builds are removed only once they are a day old.
 */
async function removeOldChunks(written: ReadonlySet<string>): Promise<void> {
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of await readdir(outdir)) {
    const file = path.join(outdir, name);
    if (written.has(file)) continue;
    if ((await stat(file)).mtimeMs < dayAgo) await rm(file, { force: true });
  }
}

/** Builds `services/cli/dist/` from the sources; returns the number of files written. */
export async function buildCli(): Promise<number> {
  const sources = await sourceFiles();
  const workers = sources.filter((f) => f.endsWith('-worker.ts'));
  const result = await build({
    entryPoints: [path.join(root, 'services/cli/src/main.ts'), ...workers],
    outdir,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    metafile: true,
    write: false,
    plugins: [externalDependencies, directImports(await definitionsByPackage(sources))],
  });
  for (const file of result.outputFiles) {
    await mkdir(path.dirname(file.path), { recursive: true });
    const text = file.path.endsWith('.js') ? dropBareChunkImports(file.text) : file.contents;
    await writeFile(file.path, text);
  }
  await removeOldChunks(new Set(result.outputFiles.map((f) => f.path)));
  const newest = Math.max(...(await Promise.all(sources.map(async (f) => (await stat(f)).mtimeMs))));
  await writeFile(
    path.join(outdir, 'build-info.json'),
    `${JSON.stringify({ builtAt: new Date().toISOString(), newestSourceMtimeMs: newest }, null, 2)}\n`,
  );
  return Object.keys(result.metafile.outputs).length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const files = await buildCli();
  const ms = Math.round(performance.now() - started);
  process.stdout.write(`built runcue into ${path.relative(root, outdir)} (${files} files, ${ms} ms)\n`);
}
