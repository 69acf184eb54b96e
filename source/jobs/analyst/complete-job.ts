import {outputsFor} from '../../protocol/biobank-task.js';
import {builtInCatalogue} from '../../protocol/catalogue.js';
import type {InboxRow} from '../../protocol/inbox.js';
import {biobankTaskKey} from '../../protocol/keys.js';
import type {RequestNote} from '../../protocol/request-note.js';
import type {ListedObject} from '../../storage/store.js';
import {analysisTypeOf} from '../analysis-type-of.js';
import {instructionFileName, planDownload} from './download-plan.js';
import type {InboxJob} from './inbox-job.js';
import {
	earlierHolder,
	jobFile,
	maxTaskBytes,
	orMissing,
	readNote,
	statusHolder,
	type JobContext,
} from './inbox-reads.js';

/**
 * A row made a job: its note checked, its task.json read, its inputs sized. For the `table`, what
 * cannot matter any more is not read: a settled job's note (its task key is the canonical one
 * either way, and nothing can be done with it) and the bodies of ready and cancelled markers.
 */
export async function completeJob(
	context: JobContext,
	row: InboxRow,
	note: ListedObject | undefined,
	detail: 'table' | 'job',
): Promise<InboxJob> {
	const job: InboxJob = {
		jobId: row.jobId,
		user: row.user,
		submittedAt: row.submittedAt,
		status: row.status,
		claimable: row.claimable,
		markers: row.markers,
		results: row.results,
		repairs: [],
		inputs: [],
		instructions: [],
		inputBytes: 0,
		missingInputs: 0,
	};
	const brief = detail === 'table' && row.settled;
	job.holder = brief ? undefined : await statusHolder(context, row);
	if (detail === 'job') job.earlier = await earlierHolder(context, row);
	const request: RequestNote | undefined = brief
		? {
				ok: true,
				taskKey: biobankTaskKey(row.jobId, context.biobank),
				user: row.user,
				jobId: row.jobId,
				biobank: context.biobank,
			}
		: note
			? await readNote(context, row, note)
			: undefined;
	if (!request?.ok) {
		job.problems = [
			{path: 'request', message: request?.reason ?? 'The inbox note could not be read.'},
		];
		return job;
	}

	const taskObject = context.listed.get(request.taskKey);
	if (!taskObject) {
		job.problems = [
			{path: '', message: `This biobank's task.json (${request.taskKey}) does not exist.`},
		];
		return job;
	}

	if (taskObject.bytes > maxTaskBytes) {
		job.problems = [
			{
				path: '',
				message: `task.json is ${taskObject.bytes} bytes; a job description is at most ${maxTaskBytes} bytes, so it was not read.`,
			},
		];
		return job;
	}

	const read = await orMissing(() =>
		context.caches.tasks.read(context.store, context.bucket, request.taskKey, taskObject.hash, {
			jobId: row.jobId,
			signal: context.signal,
		}),
	);
	if (read === undefined) {
		job.problems = [{path: '', message: `task.json (${request.taskKey}) was deleted.`}];
		return job;
	}

	if (!read.ok) {
		job.problems = read.problems;
		return job;
	}

	const {task} = read;
	job.task = task;
	job.repairs = read.repairs;
	job.analysisType = analysisTypeOf(task, builtInCatalogue);
	job.inputs = await Promise.all(
		task.inputs.map((input) =>
			jobFile(context, {
				name: input.name,
				path: input.path,
				bucket: input.bucket,
				object: input.object,
			}),
		),
	);
	job.instructions = await Promise.all(
		task.instructions.map((instruction) => {
			const name = instructionFileName(instruction.object);
			return jobFile(context, {name, path: name, ...instruction});
		}),
	);
	job.inputBytes = job.inputs.reduce((total, input) => total + (input.bytes ?? 0), 0);
	job.missingInputs = [...job.inputs, ...job.instructions].filter((file) => file.missing).length;
	const plan = planDownload(task);
	if (!plan.ok) {
		job.problems = [{path: plan.path, message: plan.reason}];
	}

	try {
		outputsFor(task, context.biobank);
	} catch (error) {
		// A path the reader accepts can still make a result key longer than Swift allows.
		job.problems = [{path: 'outputs', message: (error as Error).message}];
	}

	if (!task.biobanks.includes(context.biobank)) {
		job.problems = [
			{path: 'biobanks', message: `does not name ${context.biobank}, yet the job is in its inbox.`},
		];
	}

	return job;
}
