import type {Transform} from 'node:stream';
import type {Framing, Segment} from './segment-layout.js';
import {sha256MetadataName} from './transfer.js';

/**
 * What an upload sends for a file: the file as it is, or an encoding of it made on the fly
 * (Crypt4GH: `crypt4gh/encrypting-upload.ts`). The transfer layer reads each segment's range of
 * the file once and pipes it through `encode`; it knows no more about the encoding than this.
 */
export type SegmentEncoder = {
	/** How the object is laid out from the file; none: byte for byte. */
	framing?: Framing;
	/** What a rerun needs to continue with the same encoding (kept in the 0600 resume journal). */
	saved?: string;
	/**
	 * The stream that turns the segment's range of the file into its bytes of the object, and the
	 * stamp that, given again, makes the same range encode to the same bytes: a fresh one for
	 * every piece sent, kept in the journal so that a rerun can check a stored piece against the
	 * file by encoding its range once more (nothing hashes the plaintext as it is sent).
	 */
	encode?: (segment: Segment, stamp?: string) => Encoded;
	/** The object's metadata naming what it holds (its SHA-256, or its plaintext's). */
	metadata(plain: {sha256: string; bytes: number}): Record<string, string>;
};

export type Encoded = {stream: Transform; stamp: string};

export type UploadEncoding = {
	/** Names the encoding and its parameters: a journal made under another is not reused. */
	identity: string;
	/** Starts one upload: continues `saved` from an earlier run's journal when given. */
	begin(saved?: string): SegmentEncoder;
};

/** The file byte for byte, with its SHA-256 recorded as `ivjm-sha256`. */
export const plainEncoding: UploadEncoding = {
	identity: 'plain',
	begin: () => ({metadata: ({sha256}) => ({[sha256MetadataName]: sha256})}),
};
