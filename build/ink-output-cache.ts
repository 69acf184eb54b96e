/**
 * An esbuild plugin for Ink 6's `build/output.js`: the caches of its frame builder (each line's
 * styled characters, each string's width) live as long as the program instead of one frame.
 * Ink builds every frame whole from its text nodes; from one frame to the next almost every
 * line is the same, and re-tokenizing them was most of the time from a key to its frame in a
 * full table (the profile of `npm run bench -- tui`). The cached values are never mutated by
 * Ink, so sharing them across frames is safe; the maps are emptied when they grow large, so a
 * long session's memory stays bounded. If Ink's source changes, the build stops here instead of
 * shipping without it.
 */
import {readFile} from 'node:fs/promises';
import type {Plugin} from 'esbuild';

const field = 'caches = new OutputCaches();';
/** Entries kept before starting over: a screenful is a few hundred lines and characters. */
const maxEntries = 20_000;

export const inkOutputCache: Plugin = {
	name: 'ink-output-cache',
	setup(build) {
		// esbuild's filters are Go regular expressions, which take no flags.
		build.onLoad({filter: /[\\/]ink[\\/]build[\\/]output\.js$/}, async (file) => {
			const source = await readFile(file.path, 'utf8');
			if (!source.includes(field))
				throw new Error(`${file.path} changed: "${field}" not found (build/ink-output-cache.ts)`);
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
				contents: `${source.replace(field, 'caches = lastingOutputCaches();')}\n${shared}\n`,
				loader: 'js',
			};
		});
	},
};
