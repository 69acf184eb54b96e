import {setTimeout as delay} from 'node:timers/promises';
import {Conflict, NotFound} from '../storage/errors/index.js';
import type {ObjectRef, ObjectStore} from '../storage/store.js';
import {taskContentType} from '../protocol/task.js';

/** How long a create-only write waits before it reads itself back (as the analyst's claim). */
export const defaultSettleMs = 1500;

export type CreateAndConfirm = {
	body: string;
	/** The `X-Object-Meta-*` name that carries `token`. */
	tokenMetadata: string;
	/** Tells this write from any racing one: random per attempt. */
	token: string;
	/** Create only (`If-None-Match: *`): false replaces what is there (a re-claim). */
	createOnly?: boolean;
	settleMs?: number;
	signal?: AbortSignal;
};

/**
 * Writes a small object that exactly one of several racing writers may own. Swift checks
 * `If-None-Match: *` before it writes, not atomically with the write: two racing PUTs can both
 * be told 201 and the later one stays. So: write create-only carrying `token` in the metadata
 * (`Conflict`: another writer finished first, `taken`), wait `settleMs` (a racing PUT lands
 * within it), read the metadata back: the write is ours only if the token is still ours (else
 * `overwritten`: a racing write replaced it, or the object is gone). A store whose create-only
 * write is atomic (the folder store) needs no wait for it; a re-claim (a replacing write) still
 * waits.
 */
export async function createAndConfirm(
	store: ObjectStore,
	ref: ObjectRef,
	write: CreateAndConfirm,
): Promise<'won' | 'taken' | 'overwritten'> {
	const {signal} = write;
	const createOnly = write.createOnly ?? true;
	try {
		await store.put(ref, write.body, {
			contentType: taskContentType,
			createOnly,
			metadata: {[write.tokenMetadata]: write.token},
			signal,
		});
	} catch (error) {
		if (error instanceof Conflict) return 'taken';
		throw error;
	}

	// Where the store decides a create-only write in one step, no racing PUT can land later.
	const settleMs = createOnly && store.atomicCreateOnly ? 0 : (write.settleMs ?? defaultSettleMs);
	await delay(settleMs, undefined, {signal});
	return (await readToken(store, ref, write.tokenMetadata, signal)) === write.token
		? 'won'
		: 'overwritten';
}

/** The token an object carries, or undefined when the object is gone. */
export async function readToken(
	store: ObjectStore,
	ref: ObjectRef,
	tokenMetadata: string,
	signal?: AbortSignal,
): Promise<string | undefined> {
	try {
		return (await store.head(ref, {signal})).metadata[tokenMetadata];
	} catch (error) {
		if (error instanceof NotFound) return undefined;
		throw error;
	}
}
