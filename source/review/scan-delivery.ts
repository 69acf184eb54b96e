import type {ReviewRules} from '../protocol/review-rules.js';
import {throttled} from '../util/throttled.js';
import {compileRules} from './compiled-rules.js';
import {severityOf} from './finding.js';
import {scanFile, type FileScan} from './scan-file.js';

/** A file about to leave, as the delivery names it. */
export type OutgoingFile = {
	/** Relative to the job folder, without `./`. */
	relative: string;
	/** Where it is on this host. */
	path: string;
	/** One of the job's declared outputs (an extra file is not). */
	declared: boolean;
};

/** Bytes read so far over all files (each read once for its SHA-256), and the file being read. */
export type ScanProgress = {
	phase: 'scanning';
	file: string;
	index: number;
	count: number;
	done: number;
	total: number;
};

export type ScanDeliveryOptions = {
	/** The files' sizes, when known, for the progress total. */
	sizes?: number[];
	onProgress?: (progress: ScanProgress) => void;
	signal?: AbortSignal;
};

/**
 * Scans every outgoing file, one after the other, with the biobank's rules. A file that is not a
 * declared output gets a blocking `undeclared-file` finding first.
 */
export async function scanDelivery(
	files: readonly OutgoingFile[],
	rules: ReviewRules,
	options: ScanDeliveryOptions = {},
): Promise<FileScan[]> {
	const compiled = compileRules(rules);
	const total = (options.sizes ?? []).reduce((sum, size) => sum + size, 0);
	let before = 0;
	let current = 0;
	let index = 0;
	const report = throttled(100, () =>
		options.onProgress?.({
			phase: 'scanning',
			file: files[index]?.relative ?? '',
			index,
			count: files.length,
			done: before + current,
			total: Math.max(total, before + current),
		}),
	);
	const scans: FileScan[] = [];
	try {
		for (const [position, file] of files.entries()) {
			index = position;
			current = 0;
			report.now();
			const scan = await scanFile(file.path, file.relative, compiled, {
				signal: options.signal,
				onBytes: (bytes) => {
					current = bytes;
					report.soon();
				},
			});
			if (!file.declared) {
				scan.findings.unshift({
					rule: 'undeclared-file',
					severity: severityOf['undeclared-file'],
					file: file.relative,
				});
			}
			scans.push(scan);
			before += scan.bytes;
			current = 0;
		}
		index = files.length;
		report.now();
	} finally {
		report.cancel();
	}
	return scans;
}
