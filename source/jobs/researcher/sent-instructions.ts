import type {Task} from '../../protocol/task.js';
import {instructionFileName} from '../analyst/download-plan.js';
import type {JobFile} from '../analyst/inbox-job.js';

/**
 * The instructions documents a job was sent with, as the pager reads them: the researcher reads
 * what the analysts read. Sizes are not known from the task; the pager reads at most its limit.
 */
export function sentInstructions(task: Task): JobFile[] {
	return task.instructions.map((instruction) => {
		const name = instructionFileName(instruction.object);
		return {
			name,
			path: name,
			bucket: instruction.bucket,
			object: instruction.object,
			missing: false,
		};
	});
}
