import type {JobDetail} from '../../../../jobs/researcher/load-job-detail.js';
import {gaveUpBiobanks, ownFiles} from '../../../../jobs/researcher/resubmit-job.js';
import {analysisTypeOf} from '../../../../jobs/analysis-type-of.js';
import {builtInCatalogue} from '../../../../protocol/catalogue.js';
import type {ObjectRef} from '../../../../storage/store.js';
import type {PickedFile, RequestDraft} from './request-draft.js';

/** The request form filled from an old job, and the old job's files it copies in the store. */
export type ResubmitDraft = {
	draft: RequestDraft;
	replaces: string;
	copies: Map<string, ObjectRef>;
};

/**
 * Every answer of the old job's task.json, editable; the biobanks those that failed, declined or
 * cancelled (every one it asked, when the whole job was cancelled); its inputs and instructions
 * as files already in the store (copied, never uploaded again). Throws with the reason where it
 * cannot be (no readable task.json, inputs sent encrypted).
 */
export function resubmitDraft(job: JobDetail, bucket: string): ResubmitDraft {
	const {task} = job;
	const jobId = job.row.jobId;
	if (!task) throw new Error(`The task.json of ${jobId} cannot be read: submit a new request.`);
	const copies = new Map<string, ObjectRef>();
	const own = ownFiles(task, bucket, jobId, copies);
	const bytes = new Map(job.row.inputs.map((input) => [input.name, input.bytes]));
	const picked = (file: {path: string; name: string}): PickedFile => ({
		...file,
		bytes: bytes.get(file.name) ?? 0,
	});
	const biobanks =
		job.status.summary.state === 'cancelled' ? [...task.biobanks] : gaveUpBiobanks(job.row);
	return {
		replaces: jobId,
		copies,
		draft: {
			name: task.name,
			email: task.requestor,
			biobanks: biobanks.filter((biobank) => task.biobanks.includes(biobank)),
			analysis: analysisTypeOf(task, builtInCatalogue),
			inputFiles: own.inputs.map((file) => picked(file)),
			instructionsFile: own.instructions ? picked(own.instructions) : undefined,
			outputs: task.outputs.map((output) => output.path.replace(/^\.\//u, '')).join(', '),
			requirements: task.requirements.join(', '),
			resources: {
				cpuCores: task.resources.cpuCores,
				ramGb: task.resources.ramGb,
				diskGb: task.resources.diskGb,
				timeHours: task.resources.timeHours,
				preemptible: task.resources.preemptible,
			},
		},
	};
}
