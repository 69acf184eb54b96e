/**
 * An esbuild plugin for string-width 8 (the one Ink, widest-line and our table share): the width
 * of a string is remembered. Every frame Ink measures each text node it draws (`widestLine` in
 * its render-node-to-output) and our table fits each cell; with the glyphs and colours of a job
 * row, string-width takes its slow path (ANSI stripping, grapheme segmentation) for every line
 * of every frame, though from one frame to the next almost every line is the same. In the
 * profile of `↓` and filter keys at 10,000 jobs it was a fifth of the CPU. Only calls without
 * options are remembered (the ones on the hot path); the map starts over when it grows large,
 * so memory stays bounded. If string-width's source changes, the build stops here.
 */
import {readFile} from 'node:fs/promises';
import type {Plugin} from 'esbuild';

const signature = 'export default function stringWidth(input, options = {}) {';
/** Strings remembered before starting over: a screenful is a few hundred lines and cells. */
const maxEntries = 20_000;

const remembering = `
const rememberedWidths = new Map();
export default function stringWidth(input, options) {
	if (options !== undefined || typeof input !== 'string') return measureStringWidth(input, options);
	let width = rememberedWidths.get(input);
	if (width === undefined) {
		if (rememberedWidths.size >= ${maxEntries}) rememberedWidths.clear();
		width = measureStringWidth(input);
		rememberedWidths.set(input, width);
	}
	return width;
}
`;

export const stringWidthCache: Plugin = {
	name: 'string-width-cache',
	setup(build) {
		// Only the top-level string-width 8; wrap-ansi's own 7.x copy is not on the hot path.
		build.onLoad({filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/}, async (file) => {
			const source = await readFile(file.path, 'utf8');
			if (/[\\/]node_modules[\\/][^\\/]+[\\/]node_modules[\\/]/u.test(file.path)) return undefined;
			if (!source.includes(signature))
				throw new Error(
					`${file.path} changed: "${signature}" not found (build/string-width-cache.ts)`,
				);
			return {
				contents: `${source.replace(signature, 'function measureStringWidth(input, options = {}) {')}\n${remembering}`,
				loader: 'js',
			};
		});
	},
};
