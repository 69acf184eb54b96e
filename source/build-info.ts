import {readFileSync} from 'node:fs';

// Set by build/bundle.ts (esbuild's define); a run from the sources has neither.
declare const IVJM_BUILD: string | undefined;
declare const IVJM_VERSION: string | undefined;

/** What `ivjm --version` prints after the version: the commit and day of the build. */
export const buildName: string = typeof IVJM_BUILD === 'string' ? IVJM_BUILD : 'run from source';

/** package.json's version: defined into the bundle, read from the checkout when run from source. */
export const version: string =
	typeof IVJM_VERSION === 'string' ? IVJM_VERSION : versionOfCheckout();

function versionOfCheckout(): string {
	try {
		const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
		return (JSON.parse(text) as {version?: string}).version ?? 'unknown';
	} catch {
		return 'unknown';
	}
}

/** `ivjm 0.1.0 (commit 1a2b3c4, built 2026-12-04)`: what a bug report should quote. */
export function versionLine(): string {
	return `ivjm ${version} (${buildName})`;
}
