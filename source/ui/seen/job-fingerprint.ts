import type {CompactJobRow} from '../../protocol/matrix.js';

/**
 * A researcher's job as the listing shows it: the status of each biobank that has its folder,
 * by name. A biobank that claims, finishes, fails or declines changes it; the task.json, read
 * after the listing (which orders the biobanks and names the ones not asked), does not.
 */
export function statusFingerprint(job: {row: Pick<CompactJobRow, 'biobanks'>}): string {
	return job.row.biobanks
		.map((cell) => `${cell.biobank}:${cell.status}`)
		.sort()
		.join(',');
}

/** An analyst's inbox marks only requests not seen before: every listed request is the same. */
export const listedRequest = 'listed';

/** The seen state of one user's own jobs in one bucket of one store. */
export function researcherScope(session: {location: string; bucket: string; user: string}) {
	return `researcher\n${session.location}\n${session.bucket}\n${session.user}`;
}

/** The seen state of one analyst's view of one biobank's inbox. */
export function inboxScope(
	session: {location: string; bucket: string; user: string},
	biobank: string,
) {
	return `inbox\n${session.location}\n${session.bucket}\n${session.user}\n${biobank}`;
}
