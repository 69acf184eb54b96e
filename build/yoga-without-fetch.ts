/**
 * An esbuild plugin for yoga-layout's WebAssembly loader (Ink's layout engine): the wasm is a
 * base64 data URL inside the file, and the Emscripten loader fetches it with `fetch` whenever
 * one exists, which on Node loads Node's own undici (about 45 ms of the TUI's first frame in a
 * profile) only to decode that string. Told that there is no `fetch`, it decodes the string
 * itself, as it does where there is none. If yoga's loader changes, the build stops here.
 */
import {readFile} from 'node:fs/promises';
import type {Plugin} from 'esbuild';

const fetchTest = '"function"!=typeof fetch';
/** The loader's two places that choose between fetch and decoding the data URL. */
const expectedTests = 2;

export const yogaWithoutFetch: Plugin = {
	name: 'yoga-without-fetch',
	setup(build) {
		build.onLoad(
			{filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/][^\\/]+\.js$/},
			async (file) => {
				const source = await readFile(file.path, 'utf8');
				const found = source.split(fetchTest).length - 1;
				if (found !== expectedTests)
					throw new Error(
						`${file.path} changed: "${fetchTest}" found ${found} times, not ${expectedTests} (build/yoga-without-fetch.ts)`,
					);
				return {contents: source.replaceAll(fetchTest, 'true'), loader: 'js'};
			},
		);
	},
};
