import {buffer} from 'node:stream/consumers';
import type {ObjectHead, ObjectRef, ObjectStore} from '../storage/store.js';
import {InvalidFormat} from './errors.js';
import {scanEnvelope} from './header-envelope.js';
import {openHeader, type OpenedHeader} from './header.js';
import type {KeyPair} from './private-key.js';

/** The first read: a header for a few recipients fits many times over (124 bytes each). */
const firstRead = 4096;

export type RemoteHeader = {opened: OpenedHeader; bytes: Buffer};

/**
 * The Crypt4GH header of a stored object, read with range GETs of the version `head` describes
 * (If-Match) and opened with `keys`: what a decrypting download needs before it writes anything,
 * so a file not for you is refused with nothing on disk.
 */
export async function readRemoteHeader(
	store: ObjectStore,
	ref: ObjectRef,
	head: ObjectHead,
	keys: KeyPair[],
	options: {source: string; signal?: AbortSignal},
): Promise<RemoteHeader> {
	const {source, signal} = options;
	let prefix = Buffer.alloc(0);
	let want = firstRead;
	for (;;) {
		const end = Math.min(want, head.bytes) - 1;
		if (end >= prefix.length) {
			const {body} = await store.get(ref, {
				range: {start: prefix.length, end},
				ifMatch: head.etag,
				signal,
			});
			const got = await buffer(body);
			if (got.length === 0) {
				throw new InvalidFormat(`${source} ends inside its Crypt4GH header: it was cut short`);
			}
			prefix = Buffer.concat([prefix, got]);
		}
		const scanned = scanEnvelope(prefix, source);
		if ('envelope' in scanned) {
			const opened = openHeader(scanned.envelope, keys, {source});
			return {opened, bytes: prefix.subarray(0, opened.length)};
		}
		if (scanned.needBytes > head.bytes || prefix.length >= head.bytes) {
			throw new InvalidFormat(`${source} ends inside its Crypt4GH header: it was cut short`);
		}
		want = Math.max(scanned.needBytes, prefix.length * 2);
	}
}
