import {builtInCatalogue, findAnalysisType} from '../protocol/catalogue.js';
import {buildJobId} from '../protocol/job-id.js';
import {planNewTask} from '../protocol/new-task.js';
import {formatProblem} from '../protocol/problem.js';
import {taskContentType} from '../protocol/task.js';
import type {Clock} from '../jobs/clock.js';
import {isoTime} from '../jobs/clock.js';
import {publishJob} from '../jobs/publish-job.js';
import {writeMarker} from '../jobs/write-marker.js';
import type {ObjectStore} from '../storage/store.js';
import {demoJobs, type DemoJob} from './demo-jobs.js';
import {demoFile} from './demo-files.js';

const hour = 3_600_000;
const instructionsFile = 'README_instructions.txt';

/**
 * Fills an empty store with the demo jobs, written through the same use cases a researcher and
 * an analyst use, so the demo is in the exact wire format of the Python tools.
 */
export async function seedDemo(store: ObjectStore, bucket: string, now: number): Promise<void> {
	await store.createContainer(bucket);
	await seedPipelineBuckets(store);
	for (const job of demoJobs) await seedJob(store, bucket, now, job);
}

/** The predefined pipelines read their tarball and README from buckets of their own. */
async function seedPipelineBuckets(store: ObjectStore): Promise<void> {
	for (const analysis of builtInCatalogue.analysisTypes) {
		for (const location of [...analysis.inputs, ...analysis.instructions]) {
			await store.createContainer(location.bucket);
			await store.put(
				{container: location.bucket, key: location.object},
				demoFile(location.object),
				{
					contentType: location.object.endsWith('.md') ? taskContentType : 'application/x-tar',
				},
			);
		}
	}
}

async function seedJob(
	store: ObjectStore,
	bucket: string,
	now: number,
	job: DemoJob,
): Promise<void> {
	const submittedAt = now - job.hoursAgo * hour;
	const clockAt = (time: number): Clock => ({now: () => time});
	const jobId = buildJobId(Math.floor(submittedAt / 1000), job.user);
	const analysis = findAnalysisType(builtInCatalogue, job.analysis);
	if (!analysis)
		throw new Error(`The demo names an analysis type the catalogue lacks: ${job.analysis}`);
	const givesInstructions = analysis.requesterGives.includes('instructions');
	const planned = planNewTask({
		jobId,
		bucket,
		name: job.name,
		requestor: `${job.user}@example.org`,
		date: isoTime(submittedAt),
		biobanks: job.biobanks,
		analysis,
		uploads: job.inputFiles,
		instructionsFile: givesInstructions ? instructionsFile : undefined,
		outputs: job.outputs,
		requirements: job.requirements,
	});
	if (!planned.ok)
		throw new Error(`A demo job is invalid: ${planned.problems.map(formatProblem).join('; ')}`);
	const {plan} = planned;
	for (const {file, key} of plan.uploads) {
		await store.put({container: bucket, key}, demoFile(file), {
			contentType: 'application/octet-stream',
		});
	}
	await publishJob(store, bucket, clockAt(submittedAt), plan);
	const outputsAt = new Map(plan.biobankTasks.map(({biobank, task}) => [biobank, task.outputs]));
	for (const [biobank, steps] of Object.entries(job.progress)) {
		for (const step of steps) {
			if (step.marker === 'ready') {
				for (const output of outputsAt.get(biobank) ?? []) {
					await store.put(
						{container: bucket, key: output.object},
						demoFile(`${biobank} ${output.path}`),
						{contentType: 'application/octet-stream'},
					);
				}
			}
			await writeMarker(store, bucket, clockAt(submittedAt + step.hoursLater * hour), {
				jobId,
				biobank,
				marker: step.marker,
				by: step.by,
				reason: step.reason,
			});
		}
	}
}
