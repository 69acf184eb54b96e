/**
 * The entry of the single executable (`ivjm-linux-x64`). Node 20 runs one CommonJS script from
 * inside an executable, and ivjm is ES modules with top-level await (Ink's layout engine loads
 * with one), so this writes the bundled program out once per build (extract-program.ts) and
 * imports it from there. The import goes through a file on disk: the script inside the
 * executable has no dynamic import of its own in Node 20, a module loaded from disk has.
 */
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {getAsset} from 'node:sea';
import {pathToFileURL} from 'node:url';
import {extractProgram, manifestAsset, type ProgramManifest} from './extract-program.js';
import {programCacheRoot} from './program-cache.js';

try {
	const manifest = JSON.parse(getAsset(manifestAsset, 'utf8')) as ProgramManifest;
	const folder = extractProgram(programCacheRoot(), manifest, (path) => getAsset(path));
	const entry = join(folder, 'enter.cjs');
	const enter = createRequire(entry)(entry) as (url: string) => Promise<unknown>;
	enter(pathToFileURL(join(folder, 'dist', 'cli.js')).href).catch(fail);
} catch (error) {
	fail(error);
}

function fail(error: unknown): void {
	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(`ivjm: the program could not start: ${message}\n`);
	process.exitCode = 1;
}
