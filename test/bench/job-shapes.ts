import {createHash} from 'node:crypto';
import {isoTime} from '../../source/jobs/clock.js';
import {builtInCatalogue, findAnalysisType} from '../../source/protocol/catalogue.js';
import {buildJobId} from '../../source/protocol/job-id.js';
import {biobankTaskKey, markerKey, requestKey, taskKey} from '../../source/protocol/keys.js';
import {markerBody, type MarkerName} from '../../source/protocol/markers.js';
import {planNewTask, type NewTaskPlan} from '../../source/protocol/new-task.js';
import {formatProblem} from '../../source/protocol/problem.js';
import {requestNoteBody} from '../../source/protocol/request-note.js';
import {readTask, taskContentType, writeTask} from '../../source/protocol/task.js';
import {contentTypeWithSummary} from '../../source/protocol/task-summary.js';
import {analysisTypeOf} from '../../source/jobs/analysis-type-of.js';

/** One object of a generated job, as a researcher's and an analysts' tools would have left it. */
export type BenchObject = {
	key: string;
	body: Buffer;
	contentType: string;
	/** Unix seconds the object was written. */
	writtenAt: number;
	/** Which objects the researcher's overview reads besides listing them: the common task.json. */
	read: boolean;
};

export const benchBiobanks = builtInCatalogue.biobanks.map((biobank) => biobank.id);
const analyses = ['prspipe', 'pgsc_calc'] as const;
const firstSecond = 1_600_000_000;
const hour = 3600;

/** How far a biobank got with a job: every job gets some of each, in a fixed mix. */
type Progress = 'submitted' | 'processing' | 'ready' | 'failed';

function progressOf(job: number, biobank: number): Progress {
	const draw = createHash('md5').update(`${job}/${biobank}`).digest().readUInt16BE(0) % 100;
	if (draw < 35) return 'submitted';
	if (draw < 65) return 'processing';
	if (draw < 90) return 'ready';
	return 'failed';
}

type Template = {jobId: string; name: string; date: string; plan: NewTaskPlan; bodies: string[]};

const templates = new Map<string, Template>();

/**
 * The task.json documents of a job differ from job to job only in its id, name and date, and
 * writing them is most of the cost of a generated job: they are written once per user and
 * analysis type and copied with those three replaced.
 */
function planOf(user: string, index: number, name: string, seconds: number) {
	const analysis = findAnalysisType(builtInCatalogue, analyses[index % analyses.length]!)!;
	const cacheKey = `${user}/${analysis.id}`;
	let template = templates.get(cacheKey);
	if (!template) {
		const jobId = buildJobId(firstSecond, user);
		const templateName = `Job template ${analysis.id}`;
		const date = isoTime(firstSecond * 1000);
		const planned = planNewTask({
			jobId,
			bucket: 'bench-intervene-tasks',
			name: templateName,
			requestor: `${user}@example.org`,
			date,
			biobanks: benchBiobanks,
			analysis,
			uploads: analysis.requesterInputs.min > 0 ? ['scores.txt'] : [],
		});
		if (!planned.ok) throw new Error(planned.problems.map(formatProblem).join('; '));
		const {plan} = planned;
		const bodies = [...plan.biobankTasks.map(({task}) => writeTask(task)), writeTask(plan.task)];
		template = {jobId, name: templateName, date, plan, bodies};
		templates.set(cacheKey, template);
	}
	const jobId = buildJobId(seconds, user);
	const date = isoTime(seconds * 1000);
	const patch = (text: string) =>
		text
			.replaceAll(template.jobId, jobId)
			.replaceAll(template.name, name)
			.replaceAll(template.date, date);
	return {
		jobId,
		uploads: template.plan.uploads.map(({file, key}) => ({file, key: patch(key)})),
		biobankTasks: template.plan.biobankTasks.map(({biobank, task}, number) => ({
			biobank,
			outputs: task.outputs.map((output) => patch(output.object)),
			body: patch(template.bodies[number]!),
		})),
		taskBody: patch(template.bodies.at(-1)!),
	};
}

/** The name of job `index`: the number first, so the table's 20-character column shows it. */
export function jobName(index: number): string {
	return `Job ${String(index).padStart(5, '0')} ${analyses[index % analyses.length]!}`;
}

/**
 * Job number `index` of `user`, written as `publishJob` and the analysts' use cases write it:
 * the common task.json, one task.json and `status/submitted` per biobank, then markers (and
 * result files for `ready`) by a fixed mix (35 % submitted, 30 % processing, 25 % ready, 10 %
 * failed), an uploaded input for pgsc_calc jobs, and one inbox note per biobank.
 */
export function benchJob(user: string, index: number): BenchObject[] {
	const seconds = firstSecond + index * 600;
	const plan = planOf(user, index, jobName(index), seconds);
	const {jobId} = plan;
	const objects: BenchObject[] = [];
	const add = (key: string, body: string, writtenAt: number, read = false, contentType?: string) =>
		objects.push({
			key,
			body: Buffer.from(body),
			contentType: contentType ?? taskContentType,
			writtenAt,
			read,
		});
	for (const {key} of plan.uploads) {
		add(key, `# scores uploaded for job ${index}\nrs123\tA\t0.12\n`, seconds - 60);
	}
	const marker = (biobank: string, name: MarkerName, at: number, by: string, reason?: string) =>
		add(
			markerKey(jobId, biobank, name),
			markerBody(name, {by, at: isoTime(at * 1000), reason}),
			at,
		);
	plan.biobankTasks.forEach(({biobank, outputs, body}, number) => {
		add(biobankTaskKey(jobId, biobank), body, seconds);
		marker(biobank, 'submitted', seconds, user);
		const analyst = `analyst${number}`;
		const progress = progressOf(index, number);
		if (progress === 'submitted') return;
		marker(biobank, 'processing', seconds + 2 * hour, analyst);
		if (progress === 'failed') {
			marker(biobank, 'failed', seconds + 5 * hour, analyst, 'Out of memory at 2 GB.');
			return;
		}
		if (progress === 'ready') {
			for (const output of outputs) {
				add(output, `results of job ${index} at ${biobank}\n`, seconds + 9 * hour);
			}
			marker(biobank, 'ready', seconds + 9 * hour, analyst);
		}
	});
	// As publishJob writes it: the table's fields in the content type (protocol/task-summary.ts).
	add(taskKey(jobId), plan.taskBody, seconds, true, summaryContentType(plan));
	for (const {biobank} of plan.biobankTasks) {
		add(requestKey(biobank, jobId), requestNoteBody(jobId, biobank), seconds);
	}
	return objects;
}

function summaryContentType(plan: ReturnType<typeof planOf>): string {
	const task = readTask(plan.taskBody, {jobId: plan.jobId});
	if (!task.ok) throw new Error(task.problems.map(formatProblem).join('; '));
	const md5 = createHash('md5').update(plan.taskBody).digest('hex');
	const type = analysisTypeOf(task.task, builtInCatalogue);
	return contentTypeWithSummary(taskContentType, task.task, md5, type);
}

/** Whether `key` is under `jobs/<user>/`: what the overview (and `swift list --prefix`) lists. */
export function underUser(key: string, user: string): boolean {
	return key.startsWith(`jobs/${user}/`);
}
