import {Readable, Writable, type Transform} from 'node:stream';
import {pipeline} from 'node:stream/promises';

/** Cuts `data` at `cuts` (offsets, any order, out-of-range ones ignored): how a network delivers. */
export function cutAt(data: Buffer, cuts: number[]): Buffer[] {
	const points = [...new Set(cuts.filter((cut) => cut > 0 && cut < data.length))].sort(
		(a, b) => a - b,
	);
	const pieces: Buffer[] = [];
	let start = 0;
	for (const point of [...points, data.length]) {
		pieces.push(data.subarray(start, point));
		start = point;
	}
	return pieces.filter((piece) => piece.length > 0);
}

/** Everything `transform` gives for `chunks`. */
export async function runThrough(transform: Transform, chunks: Buffer[]): Promise<Buffer> {
	const out: Buffer[] = [];
	await pipeline(
		Readable.from(chunks),
		transform,
		new Writable({
			write(chunk: Buffer, _encoding, callback) {
				out.push(chunk);
				callback();
			},
		}),
	);
	return Buffer.concat(out);
}
