import {readdirSync, readFileSync} from 'node:fs';
import test from 'ava';

const folder = new URL('../../source/protocol/', import.meta.url);
const sources = readdirSync(folder)
	.filter((name) => name.endsWith('.ts'))
	.map((name) => ({name, text: readFileSync(new URL(name, folder), 'utf8')}));

const importPattern =
	/\b(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\bimport\s+['"]([^'"]+)['"]|\brequire\s*\(\s*['"]([^'"]+)['"]/g;

test('the protocol folder has source files to check', (t) => {
	t.true(sources.length >= 15);
});

for (const {name, text} of sources) {
	test(`${name} imports only the protocol itself and zod`, (t) => {
		const imported = [...text.matchAll(importPattern)].map(
			(match) => match.slice(1).find(Boolean) ?? '',
		);
		const outside = imported.filter(
			(specifier) => !(specifier.startsWith('./') || specifier === 'zod'),
		);
		t.deepEqual(outside, [], `${name} imports ${outside.join(', ')}`);
		t.false(imported.some((specifier) => specifier.startsWith('../')));
	});

	test(`${name} uses no clock, randomness, network, process or console`, (t) => {
		const forbidden = [
			/\bDate\.now\s*\(/,
			/\bnew\s+Date\s*\(\s*\)/,
			/\bMath\.random\s*\(/,
			/\bfetch\s*\(/,
			/\bprocess\./,
			/\bconsole\./,
			/\bcrypto\.getRandomValues/,
			/\bperformance\.now/,
		];
		t.deepEqual(forbidden.filter((pattern) => pattern.test(text)).map(String), []);
	});
}
