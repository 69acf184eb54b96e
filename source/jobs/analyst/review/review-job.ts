import {join} from 'node:path';
import type {Catalogue} from '../../../protocol/catalogue.js';
import {checkRelativePath} from '../../../protocol/safe-path.js';
import type {Task} from '../../../protocol/task.js';
import {previewFile, type Preview, type PreviewOptions} from '../../../review/preview.js';
import {scanDelivery, type ScanProgress} from '../../../review/scan-delivery.js';
import type {FileScan} from '../../../review/scan-file.js';
import type {ObjectStore} from '../../../storage/store.js';
import {UnsafeJobPath} from '../analyst-errors.js';
import {checkOutputs, localFile, type OutputChecklist} from '../deliver-job.js';
import {loadReviewRules, type LoadedRules} from './review-policy.js';
import {loadReviewState, type ReviewState} from './review-state.js';

export type JobReviewRequest = {
	task: Task;
	biobank: string;
	jobFolder: string;
	/** Extra files of the job folder the analyst means to send too (they are scanned as well). */
	extras?: readonly string[];
	catalogue?: Catalogue;
	onProgress?: (progress: ScanProgress) => void;
	signal?: AbortSignal;
};

/** What the review screen and `ivjm review` show before anything is decided. */
export type JobReview = {
	rules: LoadedRules;
	checklist: OutputChecklist;
	/** One per present declared output, then per extra asked for, in that order. */
	scans: FileScan[];
	state: ReviewState;
};

/**
 * The findings of a delivery before it is made: the biobank's rules, the declared outputs in the
 * job folder and the extras asked for, each scanned, and where an earlier review stands (awaiting
 * a second analyst, returned with a reason). Nothing is written.
 */
export async function reviewJobOutputs(
	store: ObjectStore,
	bucket: string,
	request: JobReviewRequest,
): Promise<JobReview> {
	const {task, biobank, jobFolder, signal} = request;
	const rules = await loadReviewRules(store, bucket, biobank, {
		catalogue: request.catalogue,
		signal,
	});
	const checklist = await checkOutputs(task, biobank, jobFolder);
	const declared = checklist.outputs.filter((output) => output.state === 'present');
	const extras = (request.extras ?? []).map((extra) => {
		const checked = checkRelativePath(extra);
		if (!checked.ok) throw new UnsafeJobPath(task.id, extra, checked.reason);
		const found = checklist.extras.find((file) => file.relative === checked.relative);
		if (!found || found.state !== 'present') {
			throw new UnsafeJobPath(task.id, extra, 'is not a plain file of the job folder.');
		}
		return found;
	});
	const files = [
		...declared.map((file) => ({file, declared: true})),
		...extras.map((file) => ({file, declared: false})),
	];
	const scans = await scanDelivery(
		files.map(({file, declared: isDeclared}) => ({
			relative: file.relative,
			path: join(jobFolder, file.relative),
			declared: isDeclared,
		})),
		rules.rules,
		{sizes: files.map(({file}) => file.bytes ?? 0), onProgress: request.onProgress, signal},
	);
	const state = await loadReviewState(store, bucket, task.id, biobank, signal);
	return {rules, checklist, scans, state};
}

/** The first rows of one file of the job folder, flagged cells marked (see `previewFile`). */
export async function previewJobFile(
	jobFolder: string,
	relative: string,
	rules: LoadedRules,
	options: PreviewOptions = {},
): Promise<Preview> {
	const checked = checkRelativePath(relative);
	if (!checked.ok) throw new Error(`${JSON.stringify(relative)}: ${checked.reason}`);
	// Never through a link: the preview shows what would be uploaded, and uploads follow none.
	const file = await localFile(jobFolder, checked.relative, '');
	if (file.state !== 'present') {
		throw new Error(`${JSON.stringify(checked.relative)} is not a plain file of ${jobFolder}.`);
	}
	return previewFile(join(jobFolder, checked.relative), rules.rules, options);
}
