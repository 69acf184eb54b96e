import type {IncomingHttpHeaders} from 'node:http';
import type {ManifestKind, ObjectHead} from '../store.js';
import {header} from './http.js';

const metaPrefix = 'x-object-meta-';

/** Swift ETags of manifests come quoted; the port promises them bare. */
export function unquote(etag: string | undefined): string {
	return (etag ?? '').replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/**
 * Header values travel as Latin-1 bytes; python-swiftclient sends UTF-8 there, so we do the same
 * and read them back as UTF-8.
 */
export function toHeaderValue(text: string): string {
	return Buffer.from(text, 'utf8').toString('latin1');
}

export function fromHeaderValue(value: string): string {
	return Buffer.from(value, 'latin1').toString('utf8');
}

export function metadataHeaders(metadata: Record<string, string> = {}): Record<string, string> {
	return Object.fromEntries(
		Object.entries(metadata).map(([name, value]) => [
			`${metaPrefix}${name.toLowerCase()}`,
			toHeaderValue(value),
		]),
	);
}

function manifestKind(headers: IncomingHttpHeaders): ManifestKind {
	if (header(headers, 'x-static-large-object')?.toLowerCase() === 'true') return 'slo';
	if (header(headers, 'x-object-manifest') !== undefined) return 'dlo';
	return 'none';
}

/** HTTP date or Swift's listing time (UTC without a zone) as ISO 8601. */
export function isoTime(value: string | undefined): string {
	if (!value) return '';
	const zoned = /^\d{4}-\d\d-\d\dT[\d:.]+$/.test(value) ? `${value}Z` : value;
	const time = Date.parse(zoned);
	return Number.isNaN(time) ? value : new Date(time).toISOString();
}

/** The whole object's size: a ranged answer tells it after the `/` of Content-Range. */
function objectBytes(headers: IncomingHttpHeaders): number {
	const total = /\/(\d+)$/.exec(header(headers, 'content-range') ?? '')?.[1];
	return Number(total ?? header(headers, 'content-length') ?? 0);
}

export function headFromHeaders(key: string, headers: IncomingHttpHeaders): ObjectHead {
	const metadata: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (name.startsWith(metaPrefix) && value !== undefined) {
			metadata[name.slice(metaPrefix.length)] = fromHeaderValue(
				Array.isArray(value) ? value.join(',') : value,
			);
		}
	}
	return {
		key,
		bytes: objectBytes(headers),
		etag: unquote(header(headers, 'etag')),
		contentType: header(headers, 'content-type') ?? 'application/octet-stream',
		lastModified: isoTime(header(headers, 'last-modified')),
		metadata,
		manifest: manifestKind(headers),
	};
}
