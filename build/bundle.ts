/**
 * `npm run build`: the program as a few bundled files in dist/, which is what `dist/cli.js`
 * runs. One file per entry instead of some 900 modules from node_modules: Node resolves and
 * reads one file, and the TUI (Ink, React, every screen) stays a chunk of its own that the CLI
 * loads only when no command is given. React is bundled in its production build. Type checking
 * is `npm run typecheck`, not this.
 */
import {rm} from 'node:fs/promises';
import {resolve} from 'node:path';
import {build} from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const outdir = resolve(root, 'dist');

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
	define: {'process.env.NODE_ENV': '"production"'},
	// Native modules load from node_modules; Ink's devtools (DEV=true) is not installed.
	external: ['@napi-rs/keyring', 'keytar', 'react-devtools-core'],
	// CommonJS dependencies inside the ES module bundle still call require() for Node's modules.
	banner: {
		js: "import {createRequire as createRequireOfBundle} from 'node:module'; const require = createRequireOfBundle(import.meta.url);",
	},
	logLevel: 'warning',
});
