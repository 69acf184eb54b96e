import type {BiobankSignOff} from '../jobs/analyst/review/job-sign-offs.js';
import type {InboxJob} from '../jobs/analyst/load-inbox.js';
import type {JobDetail} from '../jobs/researcher/load-job-detail.js';
import type {ResearcherJob} from '../jobs/researcher/load-jobs.js';
import {formatProblem} from '../protocol/problem.js';
import type {Task} from '../protocol/task.js';
import type {DocumentOf} from './json-shapes.js';
import {utcFromSeconds, utcTime} from './kit/utc-time.js';
import {signOffJson} from './review-json.js';

type JobSummaryJson = DocumentOf<'jobs'>['jobs'][number];
type ShowJson = DocumentOf<'show'>['job'];
type InboxJobJson = DocumentOf<'inbox'>['jobs'][number];

/** One job of `ivjm jobs`: the same fields as the head of `ivjm show`. */
export function jobSummaryJson(job: ResearcherJob): JobSummaryJson {
	return {
		id: job.row.jobId,
		name: job.about?.name ?? null,
		type: job.about?.type ?? null,
		requester: job.row.user,
		submitted: utcFromSeconds(job.row.submittedAt),
		status: job.problems ? 'invalid' : job.status.summary.state,
		downloadable: job.status.summary.downloadable,
		biobanks: job.status.biobanks.map((state) => ({biobank: state.biobank, status: state.status})),
		problems: job.problems?.map(formatProblem) ?? [],
	};
}

/** A task.json in the words of the JSON documents. */
export function taskJson(task: Task): NonNullable<ShowJson['task']> {
	const {cpuCores, ramGb, diskGb, timeHours, preemptible} = task.resources;
	return {
		name: task.name,
		description: task.description,
		email: task.requestor,
		biobanks: task.biobanks,
		requirements: task.requirements,
		resources: {cpuCores, ramGb, diskGb, timeHours, preemptible},
		inputs: task.inputs.map(({name, description, path, bucket, object}) => ({
			name,
			description,
			path,
			bucket,
			object,
		})),
		outputs: task.outputs.map(({path, bucket, object}) => ({path, bucket, object})),
		instructions: task.instructions.map(({bucket, object}) => ({bucket, object})),
	};
}

/** `ivjm show`: the summary, the task, and at each biobank its markers, results and sign-off. */
export function showJson(job: JobDetail, signOffs: readonly BiobankSignOff[] = []): ShowJson {
	return {
		...jobSummaryJson(job),
		task: job.task ? taskJson(job.task) : null,
		biobanks: job.status.biobanks.map((state) => ({
			biobank: state.biobank,
			status: state.status,
			markers: job.markers
				.filter((marker) => marker.biobank === state.biobank)
				.map((marker) => ({
					name: marker.name,
					by: marker.body.by ?? null,
					at: utcTime(marker.body.at, marker.lastModified),
					reason: marker.body.reason ?? null,
				})),
			results: (state.cell?.results ?? []).map((file) => ({name: file.name, bytes: file.bytes})),
			signOff: signOffJson(signOffs.find((entry) => entry.biobank === state.biobank)),
		})),
	};
}

/** One job of `ivjm inbox`. */
export function inboxJobJson(job: InboxJob): InboxJobJson {
	const holderFile = job.markers.find((marker) => marker.name === job.holder?.marker);
	return {
		id: job.jobId,
		requester: job.user,
		name: job.task?.name ?? null,
		type: job.analysisType ?? null,
		submitted: utcFromSeconds(job.submittedAt),
		status: job.status,
		claimable: job.claimable && job.problems === undefined,
		inputBytes: job.task ? job.inputBytes : null,
		missingInputs: job.missingInputs,
		by: job.holder?.by ?? null,
		since: job.holder ? utcTime(job.holder.at, holderFile?.lastModified) : null,
		reason: job.holder?.reason ?? null,
		problems: (job.problems ?? []).map(formatProblem),
	};
}
