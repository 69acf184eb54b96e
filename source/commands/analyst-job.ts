import {InvalidJob} from '../jobs/analyst/analyst-errors.js';
import type {Task} from '../protocol/task.js';
import type {Session} from '../session/session.js';

/** The task of a job in the inbox of `biobank`, or InvalidJob when it cannot be read. */
export async function readableTask(
	analyst: Session['analyst'],
	biobank: string,
	jobId: string,
): Promise<Task> {
	const job = await analyst.job(biobank, jobId);
	if (!job.task || job.problems) {
		throw new InvalidJob(jobId, job.problems ?? [{path: '', message: 'task.json is missing'}]);
	}
	return job.task;
}
