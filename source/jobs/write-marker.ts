import {markerKey} from '../protocol/keys.js';
import {markerBody, type MarkerName} from '../protocol/markers.js';
import type {ObjectStore} from '../storage/store.js';
import {isoTime, type Clock} from './clock.js';
import {putSmallObject} from './small-object.js';

export type MarkerWrite = {
	jobId: string;
	biobank: string;
	marker: MarkerName;
	/** The CSC user writing it (analyst or requester). */
	by: string;
	reason?: string;
	/** Fail with `Conflict` if the marker exists: how a claim is made atomic. */
	createOnly?: boolean;
	signal?: AbortSignal;
};

/** Writes `status/<marker>` of one biobank of a job, in the body format the marker calls for. */
export async function writeMarker(
	store: ObjectStore,
	bucket: string,
	clock: Clock,
	write: MarkerWrite,
): Promise<void> {
	const body = markerBody(write.marker, {
		by: write.by,
		at: isoTime(clock.now()),
		reason: write.reason,
	});
	await putSmallObject(store, bucket, markerKey(write.jobId, write.biobank, write.marker), body, {
		createOnly: write.createOnly,
		signal: write.signal,
	});
}
