import {randomUUID} from 'node:crypto';
import {buildJobId, type JobId} from '../../protocol/job-id.js';
import {jobPrefix, reservationKey} from '../../protocol/keys.js';
import type {ObjectStore} from '../../storage/store.js';
import {createAndConfirm, readToken} from '../create-and-confirm.js';

/** The metadata (`X-Object-Meta-Ivjm-Reservation`) that tells one reservation from another. */
export const reservationMetadata = 'ivjm-reservation';

/** Ids tried before giving up: one a second, so a minute of jobs of one user. */
const maxTries = 60;

export type Reservation = {jobId: JobId; token: string};

export type ReserveRequest = {
	user: string;
	/** Unix seconds of the submit: the first id tried; each taken id moves on by one second. */
	seconds: number;
	/** Written as the reservation's body: who reserved it, when. */
	at: string;
	settleMs?: number;
	signal?: AbortSignal;
};

/**
 * Reserves a job id before anything is written under it: `jobs/<user>/<jobid>/reservation`,
 * created only if new and read back (see `createAndConfirm`). An id whose folder holds anything
 * already (a job of the Python tools, which write no reservation) or that another submit
 * reserved first is passed over for the next second's.
 */
export async function reserveJobId(
	store: ObjectStore,
	bucket: string,
	request: ReserveRequest,
): Promise<Reservation> {
	const {user, seconds, signal} = request;
	for (let step = 0; step < maxTries; step++) {
		const jobId = buildJobId(seconds + step, user);
		if (await folderUsed(store, bucket, jobId, signal)) continue;
		const token = randomUUID();
		const outcome = await createAndConfirm(
			store,
			{container: bucket, key: reservationKey(jobId)},
			{
				body: `${user}: ${request.at}`,
				tokenMetadata: reservationMetadata,
				token,
				settleMs: request.settleMs,
				signal,
			},
		);
		if (outcome === 'won') return {jobId, token};
	}

	throw new Error(
		`No free job id from ${buildJobId(seconds, user)} on: ${maxTries} ids in a row are taken. Try again in a minute.`,
	);
}

/** Whether `reservation` is still this submit's: its object exists and carries its token. */
export async function holdsReservation(
	store: ObjectStore,
	bucket: string,
	reservation: Reservation,
	signal?: AbortSignal,
): Promise<boolean> {
	const ref = {container: bucket, key: reservationKey(reservation.jobId)};
	return (await readToken(store, ref, reservationMetadata, signal)) === reservation.token;
}

async function folderUsed(
	store: ObjectStore,
	bucket: string,
	jobId: JobId,
	signal?: AbortSignal,
): Promise<boolean> {
	for await (const entry of store.list(bucket, {prefix: jobPrefix(jobId), signal})) {
		if (entry.kind === 'object') return true;
	}

	return false;
}
