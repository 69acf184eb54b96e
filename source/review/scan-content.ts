import {Readable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import {createGunzip} from 'node:zlib';
import {binaryKind, isGzip, looksBinary} from './binary-kinds.js';
import {formatByMagic, formatByName, headBytes, type CompiledRules} from './compiled-rules.js';
import {severityOf, type Finding, type FindingRule} from './finding.js';
import {createLineSplitter} from './line-splitter.js';
import {baseName} from './name-pattern.js';
import {createTextScanner, type Place, type TextSummary} from './table-scanner.js';

/** What one content (a file, or a member of an archive) is, and how much of it was read. */
export type ContentScan = {
	member?: string;
	kind: 'empty' | 'text' | 'table' | 'binary';
	/** It was gzip-compressed (and read decompressed). */
	gzip: boolean;
	table?: {
		delimiter: string;
		headerLine?: number;
		/** The first 100 column names. */
		columns: string[];
		width: number;
		rows: number;
	};
	/** `whole`: every byte was read; `head`: the first 64 KiB told all the rules can tell. */
	read: 'whole' | 'head';
	/** Bytes of content read (decompressed). */
	bytes: number;
};

export type ContentResult = {content: ContentScan; findings: Finding[]};

/** A content that unpacks to more than this is not read to its end (a zip bomb, say). */
export const maxContentBytes = 64 * 1024 ** 3;

type Context = {compiled: CompiledRules; place: Place; name: string; signal?: AbortSignal};

/**
 * Scans one content from its chunks: gzip is unpacked (once: gzip inside gzip is unreadable),
 * magic bytes and the name tell individual-level formats, binary content is named and left, and
 * text goes through the table scanner. Returns as soon as nothing more can be learnt; the
 * caller's stream is then abandoned (its iterator returned).
 */
export async function scanContent(
	chunks: AsyncIterable<Buffer>,
	context: Context,
	gzipped = false,
): Promise<ContentResult> {
	const {compiled, place, name} = context;
	const findings: Finding[] = [];
	const found = (rule: FindingRule, extra: Omit<Finding, 'rule' | 'severity' | 'file'> = {}) =>
		findings.push({rule, severity: severityOf[rule], ...place, ...extra});
	const content = (
		kind: ContentScan['kind'],
		read: ContentScan['read'],
		bytes: number,
	): ContentScan => ({
		...(place.member === undefined ? {} : {member: place.member}),
		kind,
		gzip: gzipped,
		read,
		bytes,
	});

	const reader = chunks[Symbol.asyncIterator]();
	let ended = false;
	try {
		const parts: Buffer[] = [];
		let length = 0;
		while (length < headBytes) {
			context.signal?.throwIfAborted();
			const next = await reader.next();
			if (next.done) {
				ended = true;
				break;
			}
			parts.push(next.value);
			length += next.value.length;
		}
		const head = Buffer.concat(parts);
		if (head.length === 0) return {content: content('empty', 'whole', 0), findings};

		if (isGzip(head)) {
			if (gzipped) {
				found('unreadable', {detail: 'gzip inside gzip: unpack it once and deliver that'});
				return {content: content('binary', 'head', head.length), findings};
			}
			return await scanGzip(head, reader, ended, context);
		}

		const format = formatByMagic(compiled, head);
		if (format) {
			found('individual-format', {format: {id: format.id, label: format.label, by: 'magic'}});
			return {
				content: content(looksBinary(head) ? 'binary' : 'text', 'head', head.length),
				findings,
			};
		}
		const named = formatByName(compiled, baseName(place.member ?? name));
		if (named) found('individual-format', {format: {id: named.id, label: named.label, by: 'name'}});

		if (looksBinary(head) || binaryKind(head)?.opaque) {
			const kind = binaryKind(head);
			if (kind?.opaque) {
				found('unreadable', {detail: `${kind.label}: the scan cannot look inside it`});
			} else if (!named) {
				found('not-scanned', {detail: kind?.label ?? 'binary data'});
			}
			return {content: content('binary', 'head', head.length), findings};
		}

		const text = createTextScanner(compiled, place);
		const splitter = createLineSplitter((line, cut) => text.line(line, cut));
		let bytes = head.length;
		let more = splitter.push(head);
		while (more && !ended) {
			context.signal?.throwIfAborted();
			const next = await reader.next();
			if (next.done) {
				ended = true;
				break;
			}
			bytes += next.value.length;
			if (bytes > maxContentBytes) {
				found('unreadable', {
					detail: `more than ${maxContentBytes / 1024 ** 3} GiB unpacked: not read to its end`,
				});
				break;
			}
			more = splitter.push(next.value);
		}
		if (more && ended) splitter.end();
		const result = text.finish();
		// A format the name already gave is not found a second time by the columns.
		findings.push(
			...result.findings.filter(
				(finding) => finding.rule !== 'individual-format' || finding.format?.id !== named?.id,
			),
		);
		const scan = content(result.summary.kind, ended ? 'whole' : 'head', bytes);
		if (result.summary.kind === 'table') scan.table = tableOf(result.summary);
		return {content: scan, findings};
	} finally {
		if (!ended) await reader.return?.();
	}
}

function tableOf(
	summary: Extract<TextSummary, {kind: 'table'}>,
): NonNullable<ContentScan['table']> {
	const {shape, rows} = summary;
	const table: NonNullable<ContentScan['table']> = {
		delimiter: shape.delimiter,
		columns: shape.columns.slice(0, 100),
		width: shape.width,
		rows,
	};
	if (shape.headerLine !== undefined) table.headerLine = shape.headerLine;
	return table;
}

/** The gzip member(s) unpacked as one content (bgzip files are many members: all are read). */
async function scanGzip(
	head: Buffer,
	reader: AsyncIterator<Buffer>,
	ended: boolean,
	context: Context,
): Promise<ContentResult> {
	async function* compressed(): AsyncGenerator<Buffer> {
		yield head;
		if (ended) return;
		for (;;) {
			const next = await reader.next();
			if (next.done) return;
			yield next.value;
		}
	}

	const gunzip = createGunzip();
	const feeding = pipeline(Readable.from(compressed()), gunzip).catch((error: unknown) => error);
	try {
		// The name stays `….gz`: the name rules list compressed names as pgsc_calc writes them.
		const result = await scanContent(gunzip, context, true);
		const failed = result.content.read === 'whole' ? await feeding : undefined;
		if (failed instanceof Error) throw failed;
		return result;
	} catch (error) {
		if (context.signal?.aborted) throw context.signal.reason;
		return {
			content: {
				...(context.place.member === undefined ? {} : {member: context.place.member}),
				kind: 'binary',
				gzip: true,
				read: 'head',
				bytes: 0,
			},
			findings: [
				{
					rule: 'unreadable',
					severity: severityOf.unreadable,
					...context.place,
					detail: `the gzip data is broken: ${(error as Error).message}`,
				},
			],
		};
	} finally {
		gunzip.destroy();
	}
}
