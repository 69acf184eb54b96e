import {text} from 'node:stream/consumers';
import {jobPrefix} from '../protocol/keys.js';
import {assertName} from '../protocol/names.js';
import {parseJobId, type JobId} from '../protocol/job-id.js';
import {NotFound} from '../storage/errors/index.js';
import type {ObjectStore} from '../storage/store.js';
import {readPublicKey, writePublicKey} from './public-key.js';

/**
 * Public keys published in the bucket, where the other side finds them:
 *
 * - a biobank's, by its analysts: `keys/biobanks/<BIOBANK>.c4gh.pub` (inputs are encrypted to it);
 * - a requester's, with each job: `jobs/<user>/<jobid>/requester.c4gh.pub` (results are encrypted
 *   to it). Kept with the job, so a later key of the requester's does not change where an
 *   older job's results go, and deleting the job removes it.
 *
 * The Python tools read only `jobs/…/task.json`, markers, results and `<biobank>/requests/`: a
 * key object is invisible to them. Keys are armoured text as crypt4gh-keygen writes them.
 */
export type KeyHolder = {kind: 'biobank'; biobank: string} | {kind: 'requester'; jobId: JobId};

/** At most this much of a key object is read: an armoured X25519 key is about 100 bytes. */
const maxKeyObjectBytes = 4096;

export function publishedKeyObject(holder: KeyHolder): string {
	return holder.kind === 'biobank'
		? `keys/biobanks/${assertName('biobank', holder.biobank)}.c4gh.pub`
		: `${jobPrefix(holder.jobId)}requester.c4gh.pub`;
}

/**
 * How a holder is named to people and in the known-keys file: "biobank HUS", "requester jdoe".
 * A requester is named by user, not job: a key swapped into a new job is then told apart from
 * the key of that user's earlier jobs.
 */
export function describeHolder(holder: KeyHolder): string {
	return holder.kind === 'biobank'
		? `biobank ${holder.biobank}`
		: `requester ${parseJobId(holder.jobId)?.user ?? holder.jobId}`;
}

export async function publishKey(
	store: ObjectStore,
	bucket: string,
	holder: KeyHolder,
	publicKey: Uint8Array,
	signal?: AbortSignal,
): Promise<void> {
	await store.put({container: bucket, key: publishedKeyObject(holder)}, writePublicKey(publicKey), {
		contentType: 'text/plain',
		signal,
	});
}

/** The holder's published key, or undefined when none is published. */
export async function fetchPublishedKey(
	store: ObjectStore,
	bucket: string,
	holder: KeyHolder,
	signal?: AbortSignal,
): Promise<Buffer | undefined> {
	const key = publishedKeyObject(holder);
	try {
		const {body} = await store.get(
			{container: bucket, key},
			{signal, range: {start: 0, end: maxKeyObjectBytes - 1}},
		);
		return readPublicKey(await text(body), `${describeHolder(holder)}'s published key (${key})`);
	} catch (error) {
		if (error instanceof NotFound) return undefined;
		throw error;
	}
}
