/**
 * Builds the web UI into `web/dist`: bundles `web/src/main.ts` with esbuild, copies the HTML
 * and CSS, and self-hosts Be Vietnam Pro (vietnamese + latin subsets, 400/600/700, woff2) from
 * `@fontsource/be-vietnam-pro`, so the page loads nothing from another origin.
 *
 * Usage: `npm run build:web` (also run by `npm start`'s prestart and by the browser tests).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEIGHTS = [400, 600, 700] as const;
const SUBSETS = ['vietnamese', 'latin'] as const;

/** Options of `buildWeb`. */
export interface BuildWebOptions {
  /** Output directory; `web/dist` by default (the server serves it). */
  outDir?: string;
  /** Minify the bundle (default true). */
  minify?: boolean;
}

/** One `@font-face` rule for a subset and weight, with the `unicode-range` fontsource declares. */
function fontFaceRule(css: string, subset: string, weight: number): string {
  const marker = `/* be-vietnam-pro-${subset}-${weight}-normal */`;
  const start = css.indexOf(marker);
  if (start < 0) throw new Error(`build-web: @fontsource/be-vietnam-pro/${weight}.css has no ${subset} subset; update the font package or SUBSETS`);
  const block = css.slice(start + marker.length, css.indexOf('}', start) + 1);
  const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
  const file = `be-vietnam-pro-${subset}-${weight}-normal.woff2`;
  return [
    `/* ${subset} ${weight} */`,
    '@font-face {',
    "  font-family: 'Be Vietnam Pro';",
    '  font-style: normal;',
    '  font-display: swap;',
    `  font-weight: ${weight};`,
    `  src: url(./fonts/${file}) format('woff2');`,
    range ? `  unicode-range: ${range};` : '',
    '}',
  ]
    .filter(Boolean)
    .join('\n');
}

/** Builds the UI; returns the output directory. */
export async function buildWeb(opts: BuildWebOptions = {}): Promise<string> {
  const outDir = opts.outDir ?? path.join(ROOT, 'web', 'dist');
  const tmp = `${outDir}.tmp-${process.pid}-${Date.now()}`;
  const tmpAssets = path.join(tmp, 'assets');
  await fs.mkdir(path.join(tmpAssets, 'fonts'), { recursive: true });
  try {
    await build({
      entryPoints: [path.join(ROOT, 'web', 'src', 'main.ts')],
      outfile: path.join(tmpAssets, 'app.js'),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: ['es2022'],
      minify: opts.minify ?? true,
      sourcemap: 'linked',
      legalComments: 'none',
      logLevel: 'silent',
    });
    const fontPkg = path.join(ROOT, 'node_modules', '@fontsource', 'be-vietnam-pro');
    const rules: string[] = [];
    for (const weight of WEIGHTS) {
      const css = await fs.readFile(path.join(fontPkg, `${weight}.css`), 'utf8');
      for (const subset of SUBSETS) {
        rules.push(fontFaceRule(css, subset, weight));
        const file = `be-vietnam-pro-${subset}-${weight}-normal.woff2`;
        await fs.copyFile(path.join(fontPkg, 'files', file), path.join(tmpAssets, 'fonts', file));
      }
    }
    await fs.writeFile(path.join(tmpAssets, 'fonts.css'), `/* Be Vietnam Pro (SIL OFL 1.1), from @fontsource/be-vietnam-pro */\n${rules.join('\n\n')}\n`);
    await fs.copyFile(path.join(ROOT, 'web', 'styles.css'), path.join(tmpAssets, 'styles.css'));
    await fs.copyFile(path.join(ROOT, 'web', 'favicon.svg'), path.join(tmpAssets, 'favicon.svg'));
    await fs.copyFile(path.join(ROOT, 'web', 'index.html'), path.join(tmp, 'index.html'));
    // Swap in the new build whole, so a server serving the old one never sees half a build.
    await fs.rm(outDir, { recursive: true, force: true });
    await fs.rename(tmp, outDir);
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw err;
  }
  return outDir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  buildWeb()
    .then((dir) => process.stdout.write(`web: built ${path.relative(ROOT, dir)} in ${Date.now() - started} ms\n`))
    .catch((err: Error) => {
      process.stderr.write(`web: build failed: ${err.message}\n`);
      process.exit(1);
    });
}
