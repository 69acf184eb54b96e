import type {Problem} from '../../../protocol/problem.js';
import type {ObjectStore} from '../../../storage/store.js';
import {mapLimit} from '../../../util/map-limit.js';
import {signOffKey} from './review-keys.js';
import type {SignOff} from './review-records.js';
import {loadSignOff} from './review-state.js';

/** A biobank's sign-off as the researcher sees it: the record, or why it cannot be read. */
export type BiobankSignOff =
	{biobank: string; signOff: SignOff} | {biobank: string; problems: Problem[]};

/** What the researcher's listing of a job already holds: its id, biobanks and unlayouted keys. */
export type ListedJob = {
	row: {jobId: string; biobanks: ReadonlyArray<{biobank: string}>};
	/** Keys of the job's folder outside the job layout: the review's records are among them. */
	ignored?: readonly string[];
};

/**
 * The sign-offs of a job, one per biobank that wrote one. The job's listing tells where they
 * are (a `review/sign-off.json` key in it), so a job without any costs no request.
 */
export async function loadJobSignOffs(
	store: ObjectStore,
	bucket: string,
	job: ListedJob,
	signal?: AbortSignal,
): Promise<BiobankSignOff[]> {
	const {jobId} = job.row;
	const listed = new Set(job.ignored ?? []);
	const biobanks = job.row.biobanks
		.map((cell) => cell.biobank)
		.filter((biobank) => listed.has(signOffKey(jobId, biobank)));
	const found = await mapLimit(
		biobanks,
		4,
		async (biobank): Promise<BiobankSignOff | undefined> => {
			const read = await loadSignOff(store, bucket, jobId, biobank, signal);
			if (!read) return undefined;
			return read.ok ? {biobank, signOff: read.record} : {biobank, problems: read.problems};
		},
	);
	return found.filter((entry) => entry !== undefined);
}
