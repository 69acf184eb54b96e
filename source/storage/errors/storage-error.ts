/** What every storage error carries: enough to act on and to report, never a secret. */
export type StorageErrorDetails = {
	container?: string;
	key?: string;
	status?: number;
	transId?: string;
	cause?: unknown;
};

export class StorageError extends Error {
	readonly container?: string;
	readonly key?: string;
	readonly status?: number;
	readonly transId?: string;

	constructor(message: string, details: StorageErrorDetails = {}) {
		super(message, details.cause === undefined ? undefined : {cause: details.cause});
		this.name = new.target.name;
		this.container = details.container;
		this.key = details.key;
		this.status = details.status;
		this.transId = details.transId;
	}
}
