import {createHash} from 'node:crypto';
import {mkdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {writePrivateFile} from '../util/write-private-file.js';
import {newChannelState, parseChannelState, type ChannelState} from './channel-state.js';
import {acquireLock, type HeldLock} from './state-lock.js';

/** The folder of one watch scope: `<state>/watch/<hash of store, bucket and role>/`. */
export function watchStateFolder(stateRoot: string, scope: string): string {
	const hash = createHash('sha256').update(scope).digest('hex').slice(0, 24);
	return join(stateRoot, 'watch', hash);
}

/** A channel's state file cannot be read: it is not overwritten, and the message says what to do. */
export class WatchStateUnreadable extends Error {
	constructor(
		readonly path: string,
		reason: string,
	) {
		super(
			`The watch state ${path} cannot be read (${reason}). It records what was already sent; ` +
				'move it away to start afresh (the next poll then only records the current state).',
		);
		this.name = 'WatchStateUnreadable';
	}
}

/**
 * One channel's state on disk, held by one process at a time (a lock file beside it). Every
 * save is atomic and durable: a temporary file, fsync, rename, fsync of the folder; a kill at
 * any point leaves either the old state or the new one.
 */
export class ChannelStateFile {
	private constructor(
		readonly path: string,
		private readonly lock: HeldLock,
	) {}

	/** Locks and reads the state of `channel` in `folder`, or starts a new one. */
	static async open(
		folder: string,
		channel: string,
		scope: string,
	): Promise<{file: ChannelStateFile; state: ChannelState}> {
		const path = join(folder, `${channel}.json`);
		await mkdir(folder, {recursive: true, mode: 0o700});
		const lock = await acquireLock(`${path}.lock`, `the ${channel} notifications of ${scope}`);
		try {
			const state = await load(path, channel, scope);
			return {file: new ChannelStateFile(path, lock), state};
		} catch (error) {
			await lock.release();
			throw error;
		}
	}

	async save(state: ChannelState): Promise<void> {
		await writePrivateFile(this.path, `${JSON.stringify(state)}\n`, {durable: true});
	}

	async close(): Promise<void> {
		await this.lock.release();
	}
}

async function load(path: string, channel: string, scope: string): Promise<ChannelState> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return newChannelState(channel, scope);
		throw new WatchStateUnreadable(path, (error as Error).message);
	}

	const parsed = parseChannelState(text);
	if (!parsed.ok) throw new WatchStateUnreadable(path, parsed.reason);
	const {state} = parsed;
	if (state.channel !== channel) {
		throw new WatchStateUnreadable(path, `it belongs to the channel ${state.channel}`);
	}

	// Recorded as being sent and never confirmed: the last run died during the send.
	for (const delivery of state.deliveries) {
		if (delivery.state === 'attempting') {
			delivery.state = 'pending';
			delivery.inDoubt = true;
			delete delivery.retryAt;
		}
	}

	return state;
}
