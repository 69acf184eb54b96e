import {createHash} from 'node:crypto';

const mebibyte = 1024 * 1024;

/**
 * Stand-in content for a demo file: text for documents, deterministic bytes for containers and
 * archives (a few MiB, so progress bars have something to show).
 */
export function demoFile(name: string): Buffer {
	if (/\.(md|txt|tsv|html)$/u.test(name)) {
		return Buffer.from(
			`Demo file ${name}.\nThis store was made by ivjm to show how jobs look; nothing here is real data.\n`,
		);
	}
	const size = (1 + (createHash('md5').update(name).digest()[0]! % 2)) * mebibyte;
	const block = createHash('sha256').update(name).digest();
	return Buffer.alloc(size, block);
}
