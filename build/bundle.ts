/**
 * `npm run build`: the program as a few bundled files in dist/, which is what `dist/cli.js`
 * runs. One file per entry instead of some 900 modules from node_modules: Node resolves and
 * reads one file, and the TUI (Ink, React, every screen) stays a chunk of its own that the CLI
 * loads only when no command is given. React is bundled in its production build. Type checking
 * is `npm run typecheck`, not this.
 */
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {rm} from 'node:fs/promises';
import {join, resolve} from 'node:path';
import {build} from 'esbuild';
import {inkOutputCache} from './ink-output-cache.js';
import {stringWidthCache} from './string-width-cache.js';
import {yogaWithoutFetch} from './yoga-without-fetch.js';

const root = resolve(import.meta.dirname, '..');

/** "commit 75ece98 of 2026-12-04" (with "+changes" when the work tree differs from it). */
/** package.json's version, which `ivjm --version` prints. */
function packageVersion(): string {
	return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {version: string})
		.version;
}

function describeBuild(): string {
	const day = new Date().toISOString().slice(0, 10);
	try {
		const git = (...args: string[]) =>
			execFileSync('git', args, {
				cwd: root,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}).trim();
		const changed = git('status', '--porcelain', '--untracked-files=no') === '' ? '' : '+changes';
		return `commit ${git('rev-parse', '--short', 'HEAD')}${changed}, built ${day}`;
	} catch {
		return `built ${day}`;
	}
}

/** Bundles the program into `outdir` (emptied first). */
export async function bundleProgram(outdir: string): Promise<void> {
	await rm(outdir, {recursive: true, force: true});
	await build({
		absWorkingDir: root,
		entryPoints: ['source/cli.tsx'],
		outdir,
		bundle: true,
		splitting: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		jsx: 'automatic',
		sourcemap: 'linked',
		// Smaller to parse at every start; names are kept, so a crash report stays readable.
		minifyWhitespace: true,
		minifySyntax: true,
		chunkNames: 'chunks/[name]-[hash]',
		define: {
			'process.env.NODE_ENV': '"production"',
			IVJM_BUILD: JSON.stringify(describeBuild()),
			IVJM_VERSION: JSON.stringify(packageVersion()),
		},
		// Native modules load from node_modules; Ink's devtools (DEV=true) is not installed.
		external: ['@napi-rs/keyring', 'keytar', 'react-devtools-core'],
		// CommonJS dependencies inside the ES module bundle still call require() for Node's modules.
		banner: {
			js: "import {createRequire as createRequireOfBundle} from 'node:module'; const require = createRequireOfBundle(import.meta.url);",
		},
		plugins: [inkOutputCache, stringWidthCache, yogaWithoutFetch],
		logLevel: 'warning',
	});
}

// `npm run build`; build/release.ts imports the function and bundles into its own folder.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename))
	await bundleProgram(resolve(root, 'dist'));
