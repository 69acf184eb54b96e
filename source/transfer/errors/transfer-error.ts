/** What every transfer error carries: the file and the object, so the message can name both. */
export type TransferErrorDetails = {
	/** The local file (absolute path), when one is involved. */
	path?: string;
	container?: string;
	key?: string;
	cause?: unknown;
};

/** A transfer failed for a reason the person can act on; the message says what to do next. */
export class TransferError extends Error {
	readonly path?: string;
	readonly container?: string;
	readonly key?: string;

	constructor(message: string, details: TransferErrorDetails = {}) {
		super(message, details.cause === undefined ? undefined : {cause: details.cause});
		this.name = new.target.name;
		this.path = details.path;
		this.container = details.container;
		this.key = details.key;
	}
}
