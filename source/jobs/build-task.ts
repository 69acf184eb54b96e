import type {AnalysisType} from '../protocol/catalogue.js';
import {inputKey} from '../protocol/keys.js';
import type {Resources, Task} from '../protocol/task.js';

/** What a researcher asks for, in the words of the new-request form. */
export type JobRequest = {
	jobId: string;
	user: string;
	name: string;
	email: string;
	biobanks: string[];
	analysis: AnalysisType;
	/** File names the requester uploads into the job's `input/` folder. */
	inputFiles: string[];
	/** The instructions file uploaded into `input/`, for types whose requester gives them. */
	instructionsFile?: string;
	/** Output file names, for types whose requester gives them. */
	outputs?: string[];
	requirements?: string[];
	resources?: Omit<Resources, 'extra'>;
	/** The submit time as written into task.json (ours: ISO 8601 with offset). */
	date: string;
};

/**
 * The task.json of a new job, laid out as the Python requester tool lays it out: the type's
 * fixed inputs, then the uploaded ones (in the job's `input/` folder, placed flat in the job's
 * working folder), outputs as `./<name>`, and instructions from the type or the upload.
 */
export function buildTask(request: JobRequest, bucket: string): Task {
	const {analysis} = request;
	const gives = (choice: AnalysisType['requesterGives'][number]) =>
		analysis.requesterGives.includes(choice);
	const uploaded = request.inputFiles.map((file) => ({
		name: file,
		description: analysis.requesterInputs.description,
		bucket,
		object: inputKey(request.jobId, file),
		path: file,
		type: 'FILE' as const,
	}));
	const outputNames = gives('outputs') ? (request.outputs ?? []) : analysis.outputs;
	const instructions =
		gives('instructions') && request.instructionsFile
			? [{bucket, object: inputKey(request.jobId, request.instructionsFile)}]
			: analysis.instructions.map((location) => ({...location}));
	return {
		id: request.jobId,
		name: request.name,
		description: analysis.description,
		cscUser: request.user,
		requestor: request.email,
		date: request.date,
		biobanks: [...request.biobanks],
		requirements: gives('requirements') ? (request.requirements ?? []) : [...analysis.requirements],
		resources: {
			...(gives('resources') && request.resources ? request.resources : analysis.resources),
		},
		storageServer: 'allas',
		inputs: [...analysis.inputs.map((input) => ({...input, type: 'FILE' as const})), ...uploaded],
		// The per-biobank result keys are filled in by biobankTask() when the job is published.
		outputs: outputNames.map((name) => ({bucket, object: '', path: `./${name}`})),
		instructions,
	};
}
