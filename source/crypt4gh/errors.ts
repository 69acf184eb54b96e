import {fingerprint} from './fingerprint.js';

/** A Crypt4GH file or key could not be used; the message says which and what to do. */
export class Crypt4ghError extends Error {
	constructor(message: string, options?: {cause?: unknown}) {
		super(message, options);
		this.name = new.target.name;
	}
}

/** Not a Crypt4GH file or key, or one this version does not read (the message says which). */
export class InvalidFormat extends Crypt4ghError {}

/** The passphrase does not unlock the private key (or the key file is damaged). */
export class WrongPassphrase extends Crypt4ghError {}

/** A data segment failed authentication: changed, damaged, cut short or not from this header. */
export class TamperedSegment extends Crypt4ghError {
	constructor(
		readonly source: string,
		readonly segment: number,
		/** First and last byte (inclusive) of the segment in the encrypted file. */
		readonly cipherRange: [number, number],
		/** First and last plaintext byte it would have given. */
		readonly plainRange: [number, number],
	) {
		super(
			`${source}: data segment ${segment} (bytes ${cipherRange[0]}–${cipherRange[1]} of the ` +
				`encrypted file, plaintext bytes ${plainRange[0]}–${plainRange[1]}) failed ` +
				'authentication: the file was changed or damaged after it was encrypted. Fetch it again ' +
				'or ask the sender for a new copy',
		);
	}
}

/** The file ends inside a segment, in a way no encrypted file can (28 bytes or less of it). */
export class TruncatedFile extends Crypt4ghError {}

export type RecipientsDescription = {
	source: string;
	/** The keys that were tried. */
	yourKeys: Uint8Array[];
	/** Header packets the file has (one per recipient and packet kind). */
	packetCount: number;
	/** The distinct writer (sender) keys the packets name. */
	writerKeys: Uint8Array[];
	/** Recipients known from elsewhere (object metadata); the header itself cannot name them. */
	knownRecipients?: Uint8Array[];
};

/**
 * No header packet opens with your key. A Crypt4GH header names only the writer's public key in
 * each packet, never the recipient's, so the message names what it can: your key, how many
 * packets there are, who wrote them, and the recipients when the caller knows them.
 */
export class NotARecipient extends Crypt4ghError {
	readonly description: RecipientsDescription;

	constructor(description: RecipientsDescription) {
		const yours = description.yourKeys.map((key) => fingerprint(key)).join(', ');
		const writers = description.writerKeys.map((key) => fingerprint(key)).join(', ');
		const packets = `${description.packetCount} header packet${description.packetCount === 1 ? '' : 's'}`;
		const known = description.knownRecipients?.length
			? `It is for ${description.knownRecipients.map((key) => fingerprint(key)).join(', ')}. `
			: 'A Crypt4GH header does not say whom it is for: ask the sender to encrypt it to your ' +
				'public key (ivjm keys show). ';
		super(
			`${description.source} is not encrypted to your key ${yours}. ` +
				`It has ${packets}, written by ${writers || 'no key this version reads'}. ${known}`.trimEnd(),
		);
		this.description = description;
	}
}
