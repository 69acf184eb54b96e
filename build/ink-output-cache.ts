/**
 * An esbuild plugin for Ink 6's `build/output.js`: the caches of its frame builder (each line's
 * styled characters, each string's width) live as long as the program instead of one frame.
 * Ink builds every frame whole from its text nodes; from one frame to the next almost every
 * line is the same, and re-tokenizing them was most of the time from a key to its frame in a
 * full table (the profile of `npm run bench -- tui`). The cached values are never mutated by
 * Ink, so sharing them across frames is safe; the maps are emptied when they grow large, so a
 * long session's memory stays bounded.
 *
 * The same plugin puts source/ui/render/ink-frame-builder.ts in place of the frame builder's
 * `get()` (it says why); Ink's own method stays beside it under another name. If Ink's source
 * changes, the build stops here instead of shipping without either.
 */
import {readFile} from 'node:fs/promises';
import {resolve} from 'node:path';
import type {Plugin} from 'esbuild';

const field = 'caches = new OutputCaches();';
const getter = '    get() {';
const frameBuilder = resolve(import.meta.dirname, '../source/ui/render/ink-frame-builder.ts');
/** Entries kept before starting over: a screenful is a few hundred lines and characters. */
const maxEntries = 20_000;

export const inkOutputCache: Plugin = {
	name: 'ink-output-cache',
	setup(build) {
		// esbuild's filters are Go regular expressions, which take no flags.
		build.onLoad({filter: /[\\/]ink[\\/]build[\\/]output\.js$/}, async (file) => {
			const source = await readFile(file.path, 'utf8');
			for (const expected of [field, getter])
				if (source.split(expected).length !== 2)
					throw new Error(
						`${file.path} changed: "${expected}" not found once (build/ink-output-cache.ts)`,
					);
			const shared = [
				'let sharedOutputCaches;',
				'function lastingOutputCaches() {',
				'\tif (sharedOutputCaches === undefined || sharedOutputCaches.widths.size + sharedOutputCaches.styledChars.size > ' +
					String(maxEntries) +
					') sharedOutputCaches = new OutputCaches();',
				'\treturn sharedOutputCaches;',
				'}',
			].join('\n');
			return {
				contents: [
					`import {buildInkFrame} from ${JSON.stringify(frameBuilder)};`,
					source
						.replace(field, 'caches = lastingOutputCaches();')
						.replace(
							getter,
							'    get() {\n        return buildInkFrame(this);\n    }\n    inkGet() {',
						),
					shared,
					'',
				].join('\n'),
				loader: 'js',
			};
		});
	},
};
